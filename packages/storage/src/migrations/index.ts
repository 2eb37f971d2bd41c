import { initial } from './001-initial';
import { billing } from './002-billing';
import { productsAndEvents } from './003-products-and-events';
import { orders } from './004-orders';
import { workerOutboxReports } from './005-worker-outbox-reports';
import { shopifyCompliance } from './006-shopify-compliance';
import { wordpressBridge } from './007-wordpress-bridge';
import { billingAccount } from './008-billing-account';
import { ops } from './009-ops';
import { pendingEvents } from './010-pending-events';
import { replayGuardInRedis } from './011-replay-guard-in-redis';
import { partialStoreIndexes } from './012-partial-store-indexes';
import type { Migration } from './columns';

/** Every migration, in the order it is applied. Append only: never edit or reorder an applied one. */
export const migrations: readonly Migration[] = [
  initial,
  billing,
  productsAndEvents,
  orders,
  workerOutboxReports,
  shopifyCompliance,
  wordpressBridge,
  billingAccount,
  ops,
  pendingEvents,
  replayGuardInRedis,
  partialStoreIndexes,
];
