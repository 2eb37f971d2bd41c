import type { Logger } from 'pino';

/** Resources closed in the reverse order of their opening. */
export interface CloseStack {
  add(name: string, close: () => Promise<void>): void;
  /** Closes everything once; a failure is logged and the rest still close. Rejects if any failed. */
  closeAll(): Promise<void>;
}

export function createCloseStack(log: Pick<Logger, 'error'>): CloseStack {
  const entries: Array<{ name: string; close: () => Promise<void> }> = [];
  let closing: Promise<void> | undefined;

  async function closeInReverse(): Promise<void> {
    const failed: string[] = [];
    for (const { name, close } of entries.reverse()) {
      try {
        await close();
      } catch (err) {
        log.error({ err, resource: name }, 'could not close cleanly');
        failed.push(name);
      }
    }
    if (failed.length > 0) throw new Error(`Could not close: ${failed.join(', ')}`);
  }

  return {
    add: (name, close) => void entries.push({ name, close }),
    closeAll: () => (closing ??= closeInReverse()),
  };
}
