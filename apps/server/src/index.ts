export { createApp } from './app';
export type { ServerApp } from './app';
export { startServer } from './start-server';
export type { RunningServer, StartServerOptions } from './start-server';
export type { RedisProbe, ServerDeps, ServerOptions } from './server-deps';
export { ServerError } from './errors';
export { errorHandler, notFoundHandler, statusByKind, toHttpFailure } from './http/error-handler';
export type { HttpFailure } from './http/error-handler';
export { rawBodyOf } from './http/body-parsers';
export { REQUEST_ID_HEADER, requestContext, requestIdFor } from './http/request-context';
export { checkReadiness } from './health/check-readiness';
export type { CheckResult, ReadinessResult } from './health/check-readiness';
export { shopifyAdapterFromConfig } from './shopify/shopify-adapter-from-config';
export type { ShopifyAdapterFromConfigOptions } from './shopify/shopify-adapter-from-config';
export { publishProduct } from './shopify/publish-product';
export type { PublishProductDeps, PublishProductParams } from './shopify/publish-product';
export { shopifyWebhookRoutes } from './shopify/webhook-routes';
export type { ShopifyWebhookRoute } from './shopify/webhook-routes';
export {
  opsRoutes,
  recordWebhookOutcome,
  WebhookOutcomes,
  createJobDurationRecorder,
  JOB_DURATION_BUCKETS,
  hashPassword,
  verifyPassword,
  MIN_PASSWORD_LENGTH,
} from './ops';
export type { WebhookOutcome, WebhookOutcomeParams, JobSettled, JobDurationsOptions } from './ops';
export { correlationIdOf } from './http/request-correlation';
export { securityHeaders } from './http/security-headers';
export type { SecurityHeadersOptions } from './http/security-headers';
export { rateLimits, defaultRateLimits, RateLimitNames } from './http/rate-limit';
export type { RateLimitName, RateLimitSetting, RateLimitOptions } from './http/rate-limit';
export { LOG_REDACTION, LOG_REDACT_CENSOR, redactLogLine } from './http/log-redaction';
