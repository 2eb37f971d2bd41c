export { opsRoutes } from './ops-routes';
export { recordWebhookOutcome, WebhookOutcomes } from './metrics/process-metrics';
export type { WebhookOutcome, WebhookOutcomeParams } from './metrics/process-metrics';
export { createJobDurationRecorder, JOB_DURATION_BUCKETS } from './metrics/job-durations';
export type { JobSettled, JobDurationsOptions } from './metrics/job-durations';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './team/password';
