export { QueueNames, JobNames, JobQueues, allQueueNames, allJobNames, jobNamesOf, isJobName } from './names';
export type { QueueName, JobName } from './names';
export { NotificationKinds, JobPayloadSchemas, parseJobPayload } from './payloads';
export type {
  NotificationKind,
  JobPayloads,
  JobPayloadInputs,
  LifecyclePayload,
  PlaceSupplierOrderPayload,
  SyncStoreOrdersPayload,
  SubscribeStoreWebhooksPayload,
  RenewSubscriptionPayload,
  BillingSweepPayload,
  SendNotificationPayload,
} from './payloads';
export {
  jobIdPart,
  lifecycleJobId,
  supplierOrderJobId,
  storeWebhooksJobId,
  orderSyncSchedulerId,
  orderSyncRunDedupId,
  renewalJobId,
  billingSweepSchedulerId,
  notificationJobId,
  defaultJobId,
} from './job-ids';
export { QueueError, InvalidJobPayloadError, QueueUnavailableError } from './errors';
export { createRedisConnection, closeRedisConnection } from './connection';
export type { RedisRole, RedisConnectionOptions } from './connection';
export { defaultJobOptionsFor } from './job-options';
export { createQueues } from './queues';
export type {
  Queues,
  CreateQueuesOptions,
  EnqueueResult,
  JobToEnqueue,
  ScheduleOrderSyncOptions,
} from './queues';
export { checkEvictionPolicy, pingRedis } from './redis-health';
export type { EvictionPolicyResult, PingResult } from './redis-health';
export { ensureRedis } from './ensure-redis';
export type { EnsureRedisOptions, EnsureRedisResult } from './ensure-redis';
export {
  PermanentJobError,
  skippedJob,
  isSkippedJobResult,
  isPermanentJobFailure,
  toWorkerError,
} from './processor';
export type { Processors, JobProcessor, ProcessorContext, SkippedJobResult } from './processor';
export type { QueueLogger } from './logger';
export { createRedisReplayGuard } from './replay-guard';
export type { RedisReplayGuardOptions } from './replay-guard';
