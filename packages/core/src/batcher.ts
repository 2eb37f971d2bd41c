/** Runs one item as part of a batch. */
export interface Batcher<I, O> {
  run(item: I): Promise<O>;
}

export interface BatcherOptions {
  /** Most items handed to one call of the batch function. Default 128. */
  maxBatch?: number;
  /** Batches running at once; items arriving meanwhile wait for the next one. Default 1. */
  maxInFlight?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(reason: unknown): void;
}

/**
 * Group commit: items submitted while a batch is running (or in the same turn
 * of the event loop) are handed to `runBatch` together, which must answer one
 * result per item, in order. Under no load a lone item runs at the next
 * `setImmediate`, so it waits for no timer; under load the batch grows with
 * the work that arrived during the previous one. If `runBatch` throws, every
 * item of that batch is rejected with the same error.
 */
export function createBatcher<I, O>(
  runBatch: (items: I[]) => Promise<O[]>,
  options: BatcherOptions = {},
): Batcher<I, O> {
  const maxBatch = options.maxBatch ?? 128;
  const maxInFlight = options.maxInFlight ?? 1;
  let waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = (batch: Waiting<I, O>[], results: O[]) => {
    if (results.length !== batch.length) {
      const error = new Error(`A batch of ${batch.length} items produced ${results.length} results.`);
      for (const entry of batch) entry.reject(error);
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index] as O));
  };

  const start = (batch: Waiting<I, O>[]) => {
    inFlight += 1;
    let running: Promise<O[]>;
    try {
      running = runBatch(batch.map((entry) => entry.item));
    } catch (error) {
      running = Promise.reject(error);
    }
    running
      .then(
        (results) => settle(batch, results),
        (error: unknown) => {
          for (const entry of batch) entry.reject(error);
        },
      )
      .finally(() => {
        inFlight -= 1;
        schedule();
      });
  };

  const pump = () => {
    scheduled = false;
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.length <= maxBatch ? waiting : waiting.slice(0, maxBatch);
      waiting = batch === waiting ? [] : waiting.slice(maxBatch);
      start(batch);
    }
  };

  function schedule() {
    if (scheduled || waiting.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(pump);
  }

  return {
    run(item) {
      return new Promise<O>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        schedule();
      });
    },
  };
}

/**
 * A batcher for reads by key (a data loader): `loadMany` answers the rows it
 * found, in any order; each caller gets the row whose `keyOf` is its key, or
 * null. Duplicate keys in one batch share one row.
 */
export function createLoader<K, V>(
  loadMany: (keys: K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
  options: BatcherOptions = {},
): Batcher<K, V | null> {
  return createBatcher(async (keys: K[]) => {
    const found = new Map((await loadMany(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => found.get(key) ?? null);
  }, options);
}
