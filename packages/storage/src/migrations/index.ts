import { initial } from './001-initial';
import { billing } from './002-billing';
import { productsAndEvents } from './003-products-and-events';
import { orders } from './004-orders';
import { workerOutboxReports } from './005-worker-outbox-reports';
import type { Migration } from './columns';

/** Every migration, in the order it is applied. Append only: never edit or reorder an applied one. */
export const migrations: readonly Migration[] = [initial, billing, productsAndEvents, orders, workerOutboxReports];
