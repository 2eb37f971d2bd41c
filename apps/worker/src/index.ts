export { startWorker } from './start-worker';
export type { WorkerDeps, RunningWorker, CloseWorkerOptions } from './start-worker';
export { installShutdownHandlers } from './shutdown';
export type { ShutdownOptions, ShutdownHandle } from './shutdown';
export { WorkerError } from './errors';
