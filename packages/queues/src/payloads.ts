import { LifecycleSources } from '@dropship/core';
import { z } from 'zod';
import { InvalidJobPayloadError } from './errors';
import { JobNames, isJobName } from './names';
import type { JobName } from './names';

/** What a notification says; each kind is rendered by the notifications processor. */
export const NotificationKinds = {
  /** To the merchant after a disconnect: the products that stay published, to remove by hand. */
  productsLeft: 'products_left',
  /** To a WooCommerce owner after plugin removal: the monthly subscription is still billed until cancelled. */
  billingContinues: 'billing_continues',
  /** To the owner after a cancellation: what ends when, and how refunds are requested. */
  cancellationConfirmed: 'cancellation_confirmed',
  /** To the dropship team: a store disconnected (with pending orders / billing state). */
  teamDisconnectAlert: 'team_disconnect_alert',
} as const;
export type NotificationKind = (typeof NotificationKinds)[keyof typeof NotificationKinds];

const id = z.string().trim().min(1).max(255);
const isoDate = z.iso.datetime({ offset: true });

const lifecyclePayload = z.object({
  /** Our recorded lifecycle event id: the job is idempotent on it. */
  eventId: id,
  storeId: id,
  source: z.enum(LifecycleSources),
  /** When the sender says it happened (ISO 8601); orders stale events against the latest install. */
  occurredAt: isoDate,
  correlationId: id.nullable().optional(),
});

/** One zod schema per job name: the single definition of every payload. */
export const JobPayloadSchemas = {
  [JobNames.storeDisconnected]: lifecyclePayload,
  [JobNames.storeReconnected]: lifecyclePayload,
  [JobNames.storeRedacted]: lifecyclePayload,
  [JobNames.placeSupplierOrder]: z.object({
    storeId: id,
    /** The platform's order id (Shopify GID or WooCommerce id). */
    orderId: id,
    correlationId: id.nullable().optional(),
  }),
  [JobNames.syncStoreOrders]: z.object({ storeId: id }),
  [JobNames.subscribeStoreWebhooks]: z.object({
    storeId: id,
    /** What asked for it (the connection event, the new key): one job per cause. */
    reference: id,
  }),
  [JobNames.renewSubscription]: z.object({ subscriptionId: id, periodEnd: isoDate }),
  [JobNames.billingSweep]: z.object({}),
  [JobNames.sendNotification]: z.preprocess(
    // A job queued before one job carried several messages names a single `kind`.
    (value) =>
      typeof value === 'object' && value !== null && 'kind' in value && !('kinds' in value)
        ? { ...value, kinds: [(value as { kind: unknown }).kind] }
        : value,
    z.object({
      /** The messages to write, in order: each once per kind and reference. */
      kinds: z
        .array(z.enum(NotificationKinds))
        .min(1)
        .max(Object.keys(NotificationKinds).length)
        .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice'),
      storeId: id.nullable(),
      accountId: id.nullable(),
      /** What caused them (event, subscription, invoice id): one notification per kind and reference. */
      reference: id,
    }),
  ),
} as const satisfies Record<JobName, z.ZodType>;

/** The validated payload of each job name. */
export type JobPayloads = { [K in JobName]: z.output<(typeof JobPayloadSchemas)[K]> };
/** What a producer may pass for each job name (before defaults and trimming). */
export type JobPayloadInputs = { [K in JobName]: z.input<(typeof JobPayloadSchemas)[K]> };

export type LifecyclePayload = JobPayloads[typeof JobNames.storeDisconnected];
export type PlaceSupplierOrderPayload = JobPayloads[typeof JobNames.placeSupplierOrder];
export type SyncStoreOrdersPayload = JobPayloads[typeof JobNames.syncStoreOrders];
export type SubscribeStoreWebhooksPayload = JobPayloads[typeof JobNames.subscribeStoreWebhooks];
export type RenewSubscriptionPayload = JobPayloads[typeof JobNames.renewSubscription];
export type BillingSweepPayload = JobPayloads[typeof JobNames.billingSweep];
export type SendNotificationPayload = JobPayloads[typeof JobNames.sendNotification];

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(payload)';
    return `${path}: ${issue.message}`;
  });
}

/**
 * Validates `data` against the schema of job `name`.
 * Throws `InvalidJobPayloadError` (kind INVALID_INPUT) listing every problem.
 */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayloads[N];
export function parseJobPayload(name: string, data: unknown): JobPayloads[JobName];
export function parseJobPayload(name: string, data: unknown): JobPayloads[JobName] {
  if (!isJobName(name)) {
    throw new InvalidJobPayloadError(name, [`unknown job name "${name}"`]);
  }
  const result = JobPayloadSchemas[name].safeParse(data);
  if (!result.success) {
    throw new InvalidJobPayloadError(name, describeIssues(result.error));
  }
  return result.data;
}
