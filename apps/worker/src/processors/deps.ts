import type { Clock, Mailer, Platform, Repositories, StorePlatform, SupplierPort } from '@dropship/core';
import type { Queues } from '@dropship/queues';

/** What the job processors are built from; the composition root wires the real implementations. */
export interface ProcessorDeps {
  repos: Repositories;
  queues: Pick<Queues, 'enqueue' | 'enqueueMany' | 'scheduleOrderSync' | 'unscheduleOrderSync'>;
  clock: Clock;
  /** Places supplier orders (the built-in supplier records them for the team). */
  supplier: SupplierPort;
  /** Writes notifications to the outbox (and sends them when SMTP is configured). */
  mailer: Mailer;
  /** The platforms order sync reads from (and, for WooCommerce, subscribes the store's webhooks on). */
  platforms: Partial<Record<Platform, Pick<StorePlatform, 'listRecentOrders' | 'ensureWebhooks'>>>;
  /** The server's public URL, for report links in messages. */
  publicBaseUrl: string;
  /** Where team alerts go. */
  teamEmail: string;
  /** Interval of each store's order-sync scheduler (default 5 min). */
  orderSyncEveryMs?: number;
  /** How far back each order sync reads (default 24 h). */
  orderSyncLookbackMs?: number;
}
