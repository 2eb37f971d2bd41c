export {
  ingestEvent,
  ingestEvents,
  createEventIngestor,
  enqueueEvents,
  lifecycleJobFor,
} from './ingest-event';
export type {
  EnqueueDeps,
  EventIngestor,
  IngestDeps,
  IngestEventParams,
  IngestEventResult,
  LifecycleJobName,
} from './ingest-event';
export { createPendingEventSweep } from './recover-events';
export type {
  PendingEventSweep,
  PendingEventSweepDeps,
  PendingEventSweepOptions,
  PendingEventSweepResult,
} from './recover-events';
export { LifecycleError } from './errors';
export {
  EventOutcomes,
  DEFAULT_ORDER_SYNC_EVERY_MS,
  loadLifecycleContext,
  orderSyncSchedule,
} from './lifecycle-context';
export type { LifecycleDeps, LifecycleContext } from './lifecycle-context';
export { disconnectStore, DisconnectSteps } from './disconnect-store';
export type { DisconnectStoreOptions, DisconnectStoreResult, DisconnectStep } from './disconnect-store';
export { reconnectStore } from './reconnect-store';
export { markStoreConnected } from './mark-store-connected';
export type { ReconnectStoreResult } from './reconnect-store';
export { redactStore } from './redact-store';
export type { RedactStoreResult } from './redact-store';
export { STORE_DISCONNECTED, isAutomationOpen } from './order-automation/store-gate';
export { ingestOrder, matchPlatformLines, OrderStatuses } from './order-automation/ingest-order';
export type { IngestOrderDeps, IngestOrderParams, IngestOrderResult } from './order-automation/ingest-order';
export { placeSupplierOrder, SupplierOrderStatuses } from './order-automation/place-supplier-order';
export type {
  PlaceSupplierOrderDeps,
  PlaceSupplierOrderOptions,
  PlaceSupplierOrderOutcome,
  PlacedSupplierOrder,
} from './order-automation/place-supplier-order';
export { syncStoreOrders } from './order-automation/sync-store-orders';
export { resumeOrderAutomation } from './order-automation/resume-order-automation';
export type { ResumeOrderAutomationDeps } from './order-automation/resume-order-automation';
export {
  subscribeStoreWebhooks,
  WEBHOOKS_COME_WITH_THE_APP,
} from './order-automation/subscribe-store-webhooks';
export { NO_STORE_KEYS, STORE_KEYS_REVOKED } from './order-automation/store-keys';
export type { SubscribeStoreWebhooksDeps } from './order-automation/subscribe-store-webhooks';
export type {
  SyncStoreOrdersDeps,
  SyncStoreOrdersOptions,
  SyncStoreOrdersResult,
} from './order-automation/sync-store-orders';
export { csvCell, csvRow, csvChunks } from './reports/csv';
export type { CsvValue, CsvStreamOptions } from './reports/csv';
export { productAdminUrl } from './reports/admin-url';
export {
  productsLeftPage,
  productsLeftCsv,
  productsLeftCsvStream,
  PRODUCTS_LEFT_CSV_HEADER,
} from './reports/products-left';
export type {
  ProductsLeftDeps,
  ProductLeftRow,
  ProductsLeftPage,
  ProductsLeftPageParams,
  ProductsCsvOptions,
} from './reports/products-left';
export {
  productExportCsv,
  productExportCsvStream,
  PRODUCT_EXPORT_CSV_HEADER,
} from './reports/product-export';
export { checkProductsLeftLive } from './reports/live-check';
export type { LiveCheckDeps, LiveCheckOptions, LiveCheckResult } from './reports/live-check';
export { billingLineOf } from './reports/billing-line';
export { snapshotPendingOrders } from './reports/pending-orders';
export { reportLinks } from './reports/report-links';
export type { ReportLinks } from './reports/report-links';
export { sendNotification } from './notify/send-notification';
export type { SendNotificationDeps } from './notify/send-notification';
export {
  renderProductsLeft,
  renderBillingContinues,
  renderTeamAlert,
  renderCancellationConfirmed,
  billingSentence,
} from './notify/render-notification';
export type { RenderedMessage, ProductsLeftMessageParams } from './notify/render-notification';
export { languageOf, Languages } from './notify/messages';
export type { Language } from './notify/messages';
export { createOutboxMailer } from './notify/outbox-mailer';
export type { OutboxMailer, OutboxMailerOptions, MailTransport } from './notify/outbox-mailer';
export { createSmtpTransport } from './adapters/smtp-transport';
export type { SmtpTransportOptions } from './adapters/smtp-transport';
export { createBuiltInSupplier } from './adapters/built-in-supplier';
export type { BuiltInSupplierOptions } from './adapters/built-in-supplier';
export { detectLostHeartbeats, DEFAULT_HEARTBEAT_THRESHOLD_MS } from './heartbeat/detect-lost-heartbeats';
export type {
  DetectLostHeartbeatsDeps,
  DetectLostHeartbeatsOptions,
  DetectLostHeartbeatsResult,
} from './heartbeat/detect-lost-heartbeats';
