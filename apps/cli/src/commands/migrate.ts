import type { Config } from '@dropship/config';
import { migrateToLatest } from '@dropship/storage';
import type { Logger } from 'pino';
import type { CliIo } from '../cli-io';
import { createCloseStack } from '../compose/close-stack';
import { openConfiguredDatabase } from '../compose/storage';

/** Applies pending migrations and prints their names. */
export async function migrate(config: Config, log: Logger, io: CliIo): Promise<number> {
  const closers = createCloseStack(log);
  try {
    const db = await openConfiguredDatabase(config, closers);
    const { applied } = await migrateToLatest(db);
    if (applied.length === 0) {
      io.out(`Database (${db.dialect}) is up to date: no migration to apply.`);
    } else {
      io.out(`Applied ${applied.length} migration(s) to the ${db.dialect} database:`);
      for (const name of applied) io.out(`  ${name}`);
    }
    return 0;
  } finally {
    await closers.closeAll();
  }
}
