export { ingestEvent, enqueueEvent, lifecycleJobFor } from './ingest-event';
export type { IngestDeps, IngestEventParams, IngestEventResult, LifecycleJobName } from './ingest-event';
export { recoverUnqueuedEvents } from './recover-events';
export type { RecoverEventsOptions, RecoverEventsResult } from './recover-events';
