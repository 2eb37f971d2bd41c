export { BillingError } from './errors';
export type { BillingDeps, RenewalScheduler, BillingActor, RequestOrigin } from './billing-deps';
export { createQueueRenewalScheduler, scheduleBillingSweep } from './renewal-scheduler';
export type { QueueRenewalSchedulerOptions } from './renewal-scheduler';
export { createBillingTeamCollector } from './billing-team-collector';
export type { BillingTeamCollectorOptions } from './billing-team-collector';
export { startPlatformSubscription } from './start-platform-subscription';
export type {
  PlatformPlan,
  StartPlatformSubscriptionParams,
  StartPlatformSubscriptionResult,
} from './start-platform-subscription';
export { renewSubscription, renewUntilCurrent } from './renew-subscription';
export type { RenewSubscriptionParams, RenewSubscriptionResult } from './renew-subscription';
export { cancelSubscription, CancellationModes } from './cancel-subscription';
export type {
  CancelSubscriptionParams,
  CancelSubscriptionResult,
  CancellationMode,
  CancellationResult,
} from './cancel-subscription';
export { undoCancellation } from './undo-cancellation';
export type { UndoCancellationParams } from './undo-cancellation';
export { requestRefund, REFUND_MESSAGE_MAX_LENGTH } from './request-refund';
export type { RequestRefundParams, RequestRefundResult } from './request-refund';
export { findOwnedSubscription } from './owned-subscription';
export { invoicesBillingAfter } from './void-invoices';
export {
  ACCOUNT_CONFIRMATION,
  anonymiseAccount,
  deleteAccount,
  describeAccountDeletion,
  suspendAccount,
} from './account-deletion';
export type { AccountActionParams, AccountDeletionDeps, AccountDeletionInfo } from './account-deletion';
export { stillBilledStores, stillBilledNotice, cancelUrlFor } from './still-billed';
export type { StillBilledDeps, StillBilledStore } from './still-billed';
export { sendStillBilledReminders } from './still-billed-reminders';
export type { StillBilledRemindersOptions, StillBilledRemindersResult } from './still-billed-reminders';
export { runBillingSweep } from './billing-sweep';
export type { BillingSweepResult } from './billing-sweep';
export { isRunning, nextChargeAt, willChargeAgain } from './subscription-status';
export { formatBillingDate } from './dates';
