import type { Clock, Mailer, PaymentCollector, Repositories } from '@dropship/core';

/** Schedules the renewal of a subscription at its period end; idempotent per (subscription, period end). */
export interface RenewalScheduler {
  scheduleRenewal(subscriptionId: string, periodEnd: Date): Promise<void>;
  /** Drops a scheduled renewal that can no longer apply (immediate cancellation); false when none was waiting. */
  unscheduleRenewal(subscriptionId: string, periodEnd: Date): Promise<boolean>;
}

/** What the billing use-cases are built from; the composition root wires the real implementations. */
export interface BillingDeps {
  repos: Repositories;
  clock: Clock;
  scheduler: RenewalScheduler;
  collector: PaymentCollector;
  /** Writes owner messages to the outbox. */
  mailer: Mailer;
  /** Public URL of the account area's store management page: the "cancel here" link. */
  accountUrl: string;
}

/** Who asked for a change, and from where; kept in the audit log. */
export interface BillingActor {
  type: 'merchant' | 'team';
  id: string;
}

export interface RequestOrigin {
  /** `account_area` (session cookie), `embedded_app` (Shopify session token) or `team`. */
  channel: 'account_area' | 'embedded_app' | 'team';
  ip: string | null;
  userAgent: string | null;
}
