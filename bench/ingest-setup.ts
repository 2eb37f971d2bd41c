/*
 * Creates the ingest benchmark's database (SQLite file or PostgreSQL schema),
 * migrated, with `--shopify` connected Shopify stores and `--sites` connected
 * WordPress sites (each with its site secret), and writes their ids, domains
 * and secrets to `<dataDir>/targets.json` for the load generator.
 * Prints `RESULT {location, targetsFile}`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Repositories } from '@dropship/core';
import { seedPluginSite } from '../test/support/seed-sites';
import { args, emit, newLocation, openBenchDatabase } from './support';

export interface IngestTargets {
  shopify: Array<{ id: string; domain: string }>;
  sites: Array<{ id: string; secret: string }>;
}

async function inParallel<T>(count: number, lanes: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        out[i] = await make(i);
      }
    }),
  );
  return out;
}

async function seedShopify(repos: Repositories, count: number, tag: string, lanes: number) {
  const installedAt = new Date(Date.now() - 86_400_000);
  return inParallel(count, lanes, async (i) => {
    const store = await repos.stores.create({
      platform: 'shopify',
      domain: `b${tag}-${i}.myshopify.com`,
      installedAt,
    });
    return { id: store.id, domain: store.domain };
  });
}

async function seedSites(repos: Repositories, count: number, tag: string, lanes: number) {
  const installedAt = new Date(Date.now() - 86_400_000);
  return inParallel(count, lanes, async (i) => {
    const { store, secret } = await seedPluginSite(repos, `w${tag}-${i}.example.com`, installedAt);
    return { id: store.id, secret };
  });
}

async function main(): Promise<void> {
  const flags = args();
  const dialect = (flags.get('dialect') ?? 'sqlite') as 'sqlite' | 'postgres';
  const location = newLocation(dialect);
  const bench = await openBenchDatabase(location, true);
  const tag = crypto.randomBytes(3).toString('hex');
  const lanes = dialect === 'postgres' ? 8 : 1;
  const targets: IngestTargets = {
    shopify: await seedShopify(bench.repos, Number(flags.get('shopify') ?? 20_000), tag, lanes),
    sites: await seedSites(bench.repos, Number(flags.get('sites') ?? 20_000), tag, lanes),
  };
  const targetsFile = path.join(location.dataDir, 'targets.json');
  fs.writeFileSync(targetsFile, JSON.stringify(targets));
  await bench.db.close();
  emit({ location, targetsFile });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
