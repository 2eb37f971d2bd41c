import { disconnectStore, reconnectStore, redactStore } from '@dropship/lifecycle';
import { JobNames } from '@dropship/queues';
import type { JobProcessor } from '@dropship/queues';
import type { ProcessorDeps } from './deps';

type LifecycleProcessors = {
  [JobNames.storeDisconnected]: JobProcessor<typeof JobNames.storeDisconnected>;
  [JobNames.storeReconnected]: JobProcessor<typeof JobNames.storeReconnected>;
  [JobNames.storeRedacted]: JobProcessor<typeof JobNames.storeRedacted>;
};

/** The three lifecycle jobs; each runs its use-case's idempotent steps. */
export function createLifecycleProcessors(deps: ProcessorDeps): LifecycleProcessors {
  return {
    [JobNames.storeDisconnected]: (payload) => disconnectStore(deps, payload),
    [JobNames.storeReconnected]: (payload) => reconnectStore(deps, payload),
    [JobNames.storeRedacted]: (payload) => redactStore(deps, payload),
  };
}
