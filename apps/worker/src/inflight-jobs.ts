/** Counts the jobs this process is running, so shutdown can wait for them without closing the workers. */
export interface InflightJobs {
  readonly size: number;
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
}

export function createInflightJobs(): InflightJobs {
  let size = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    size -= 1;
    if (size === 0) {
      const done = waiters;
      waiters = [];
      done.forEach((resolve) => resolve());
    }
  };
  return {
    get size() {
      return size;
    },
    async run<T>(work: () => Promise<T>): Promise<T> {
      size += 1;
      try {
        return await work();
      } finally {
        settle();
      }
    },
    idle() {
      return size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}
