import { JobNames } from '@dropship/queues';
import type { Processors } from '@dropship/queues';
import type { ProcessorDeps } from './deps';
import { createLifecycleProcessors } from './lifecycle-processors';
import { createSendNotificationProcessor } from './notification-processor';
import { withSharedQueries } from './shared-queries';
import {
  createPlaceSupplierOrderProcessor,
  createSubscribeStoreWebhooksProcessor,
  createSyncStoreOrdersProcessor,
} from './order-processors';

/** The jobs of this package: lifecycle, order automation, notifications (billing jobs are registered by the billing feature). */
export type WorkerJobName =
  | typeof JobNames.storeDisconnected
  | typeof JobNames.storeReconnected
  | typeof JobNames.storeRedacted
  | typeof JobNames.placeSupplierOrder
  | typeof JobNames.syncStoreOrders
  | typeof JobNames.subscribeStoreWebhooks
  | typeof JobNames.sendNotification;

export type WorkerProcessors = Pick<Processors, WorkerJobName>;

/** Maps each job name to its use-case. Pass the result (merged with others) to `startWorker`. */
export function createProcessors(processorDeps: ProcessorDeps): WorkerProcessors {
  const deps = { ...processorDeps, repos: withSharedQueries(processorDeps.repos) };
  return {
    ...createLifecycleProcessors(deps),
    [JobNames.placeSupplierOrder]: createPlaceSupplierOrderProcessor(deps),
    [JobNames.syncStoreOrders]: createSyncStoreOrdersProcessor(deps),
    [JobNames.subscribeStoreWebhooks]: createSubscribeStoreWebhooksProcessor(deps),
    [JobNames.sendNotification]: createSendNotificationProcessor(deps),
  };
}
