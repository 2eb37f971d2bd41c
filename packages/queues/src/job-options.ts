import type { DefaultJobOptions } from 'bullmq';
import { QueueNames } from './names';
import type { QueueName } from './names';

const hour = 3600;
const day = 24 * hour;

/*
 * Every job retries with exponential backoff and 50 % jitter (so a Redis or
 * platform outage does not end with all retries landing at once). Completed
 * jobs are kept a week for the dashboard; failed ones a month, long enough for
 * the team to see and retry them. BullMQ keeps finished jobs forever unless told.
 */
const baseJobOptions: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
  removeOnComplete: { age: 7 * day, count: 5000 },
  removeOnFail: { age: 30 * day, count: 20000 },
};

const perQueue: Record<QueueName, DefaultJobOptions> = {
  // Stopping automation after a disconnect must not give up early.
  [QueueNames.lifecycle]: { attempts: 10 },
  [QueueNames.orders]: { attempts: 6 },
  // The next scheduled run catches up; runs are frequent, so keep fewer of them.
  [QueueNames.orderSync]: { attempts: 3, removeOnComplete: { age: day, count: 1000 } },
  [QueueNames.billing]: { attempts: 8 },
  [QueueNames.notifications]: { attempts: 6 },
};

/** The job options a queue starts from: base, then per-queue, then the caller's overrides. */
export function defaultJobOptionsFor(queue: QueueName, overrides: DefaultJobOptions = {}): DefaultJobOptions {
  return { ...baseJobOptions, ...perQueue[queue], ...overrides };
}
