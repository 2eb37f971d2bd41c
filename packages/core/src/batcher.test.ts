import { createBatcher, createLoader } from './batcher';

describe('createBatcher', () => {
  it('hands items submitted together to one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher(async (items: number[]) => {
      batches.push(items);
      return items.map((item) => item * 10);
    });
    const results = await Promise.all([1, 2, 3].map((item) => batcher.run(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while a batch runs into the next one, never more than maxBatch', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = createBatcher(
      async (items: string[]) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      { maxBatch: 2 },
    );
    const first = batcher.run('a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['b', 'c', 'd'].map((item) => batcher.run(item));
    release();
    expect(await Promise.all([first, ...later])).toEqual(['a', 'b', 'c', 'd']);
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('rejects every item of a failed batch and keeps serving the next ones', async () => {
    let fail = true;
    const batcher = createBatcher(async (items: number[]) => {
      if (fail) throw new Error('database unavailable');
      return items;
    });
    const failed = await Promise.allSettled([batcher.run(1), batcher.run(2)]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.run(3)).toBe(3);
  });

  it('rejects the batch when the batch function answers the wrong number of results', async () => {
    const batcher = createBatcher(async (_items: number[]) => [1]);
    const settled = await Promise.allSettled([batcher.run(1), batcher.run(2)]);
    expect(settled[0]).toMatchObject({
      status: 'rejected',
      reason: { message: /2 items produced 1 results/ },
    });
  });

  it('runs up to maxInFlight batches at once', async () => {
    let running = 0;
    let peak = 0;
    const batcher = createBatcher(
      async (items: number[]) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return items;
      },
      { maxBatch: 1, maxInFlight: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6].map((item) => batcher.run(item)));
    expect(peak).toBe(3);
  });

  it('a loader answers each key with its own row, or null, whatever order the rows come in', async () => {
    const loads: string[][] = [];
    const loader = createLoader(
      async (keys: string[]) => {
        loads.push(keys);
        return keys
          .filter((key) => key !== 'missing')
          .map((key) => ({ key, value: key.length }))
          .reverse();
      },
      (row) => row.key,
    );
    const rows = await Promise.all(['a', 'bb', 'missing', 'a'].map((key) => loader.run(key)));
    expect(rows).toEqual([{ key: 'a', value: 1 }, { key: 'bb', value: 2 }, null, { key: 'a', value: 1 }]);
    expect(loads).toHaveLength(1);
  });
});
