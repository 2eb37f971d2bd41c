/**
 * Queue and job names. Each job name belongs to exactly one queue
 * (`JobQueues`), so producers only name the job and the right queue follows.
 * Names never contain ':' (BullMQ uses it as its key separator).
 */
export const QueueNames = {
  /** Store lifecycle changes (uninstall, plugin removal, reinstall, redact): stop automation, build the products-left list. */
  lifecycle: 'lifecycle',
  /** Placing supplier orders for a store's new orders; every job checks the store's automation gate first. */
  orders: 'orders',
  /** Per-store reconciliation schedule (one job scheduler per connected store) that pulls new orders. */
  orderSync: 'order-sync',
  /** Platform (WooCommerce) subscription renewals: period-end cancellation or renewal invoice. */
  billing: 'billing',
  /** Messages to merchants and to the team (products left, billing continues, disconnect alerts). */
  notifications: 'notifications',
} as const;
export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];

export const JobNames = {
  /** A store left (Shopify uninstall, plugin deactivated/deleted, heartbeat lost, dashboard). */
  storeDisconnected: 'store-disconnected',
  /** A store came back (reinstall, plugin reactivated): automation may resume. */
  storeReconnected: 'store-reconnected',
  /** Personal data of a store must be erased (shop/redact, account deletion). */
  storeRedacted: 'store-redacted',
  /** Place the supplier order for one store order. */
  placeSupplierOrder: 'place-supplier-order',
  /** Pull a store's new orders and enqueue a placeSupplierOrder job for each. */
  syncStoreOrders: 'sync-store-orders',
  /** Make a connected store deliver its order and product webhooks to the platform (WooCommerce). */
  subscribeStoreWebhooks: 'subscribe-store-webhooks',
  /** At a platform subscription's period end: apply a scheduled cancellation or issue the renewal invoice. */
  renewSubscription: 'renew-subscription',
  /** Periodic: renew platform subscriptions whose period ended (missed schedules) and send pre-charge reminders. */
  billingSweep: 'billing-sweep',
  /** Deliver one notification (idempotent on its reference). */
  sendNotification: 'send-notification',
} as const;
export type JobName = (typeof JobNames)[keyof typeof JobNames];

/** The queue that carries each job name. */
export const JobQueues = {
  [JobNames.storeDisconnected]: QueueNames.lifecycle,
  [JobNames.storeReconnected]: QueueNames.lifecycle,
  [JobNames.storeRedacted]: QueueNames.lifecycle,
  [JobNames.placeSupplierOrder]: QueueNames.orders,
  [JobNames.syncStoreOrders]: QueueNames.orderSync,
  [JobNames.subscribeStoreWebhooks]: QueueNames.orderSync,
  [JobNames.renewSubscription]: QueueNames.billing,
  [JobNames.billingSweep]: QueueNames.billing,
  [JobNames.sendNotification]: QueueNames.notifications,
} as const satisfies Record<JobName, QueueName>;

export const allQueueNames: readonly QueueName[] = Object.values(QueueNames);
export const allJobNames: readonly JobName[] = Object.values(JobNames);

/** Job names carried by a queue. */
export function jobNamesOf(queue: QueueName): JobName[] {
  return allJobNames.filter((name) => JobQueues[name] === queue);
}

export function isJobName(value: string): value is JobName {
  return (allJobNames as readonly string[]).includes(value);
}
