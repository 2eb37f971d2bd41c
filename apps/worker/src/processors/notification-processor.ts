import { sendNotification } from '@dropship/lifecycle';
import type { JobNames } from '@dropship/queues';
import type { JobProcessor } from '@dropship/queues';
import type { ProcessorDeps } from './deps';

/** Renders and writes (or sends) one notification, once per kind and reference. */
export function createSendNotificationProcessor(
  deps: ProcessorDeps,
): JobProcessor<typeof JobNames.sendNotification> {
  return (payload) => sendNotification(deps, payload);
}
