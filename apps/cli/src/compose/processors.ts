import type { Config } from '@dropship/config';
import type { Processors, Queues } from '@dropship/queues';
import type { ShopifyAdapter } from '@dropship/shopify';
import type { Logger } from 'pino';
import { billingProcessorsFor } from './billing';
import { lifecycleProcessorsFor } from './lifecycle';
import type { Storage } from './storage';

/** What job processors are built from. */
export interface ProcessorDeps {
  config: Config;
  log: Logger;
  storage: Storage;
  queues: Queues;
  shopify: ShopifyAdapter;
}

/**
 * The job processors this deployment runs, by job name. A feature that owns a
 * job adds its processor factory to this object; the worker consumes exactly
 * the queues that have at least one processor.
 */
export function createProcessors(deps: ProcessorDeps): Partial<Processors> {
  const processors: Partial<Processors> = { ...billingProcessorsFor(deps), ...lifecycleProcessorsFor(deps) };
  deps.log.debug({ jobs: Object.keys(processors) }, 'job processors registered');
  return processors;
}
