/*
 * The products-left CSV of a store with `--products` published products:
 * wall time and peak RSS of the process that streams it. The ledger is filled
 * by a separate process, so the measuring process's peak RSS is the stream's.
 * Run through bench/run.mjs (compiled, like production), or directly:
 *   node -r ./test/support/register-ts.js bench/products-csv.ts --dialect=sqlite --products=100000
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { productsLeftCsvStream } from '@dropship/lifecycle';
import { args, emit, newLocation, openBenchDatabase, round } from './support';
import type { BenchDatabaseLocation } from './support';

async function seed(location: BenchDatabaseLocation, products: number): Promise<string> {
  const bench = await openBenchDatabase(location, true);
  const store = await bench.repos.stores.create({ platform: 'woocommerce', domain: 'csv-bench.example.com' });
  const sqlite = location.dialect === 'sqlite';
  const start = Date.now() - products * 1000;
  // A multi-row insert per chunk; knex writes SQLite's as a compound SELECT, limited to 500 terms.
  const chunk = sqlite ? 400 : 1000;
  for (let offset = 0; offset < products; offset += chunk) {
    const rows = Array.from({ length: Math.min(chunk, products - offset) }, (_, i) => {
      const n = offset + i;
      const at = start + n * 1000;
      return {
        id: crypto.randomUUID(),
        store_id: store.id,
        platform_product_id: String(10_000 + n),
        title: n % 10 === 0 ? `=HYPERLINK("x"), "Lamp" ${n}` : `Lamp, brass "model" ${n}`,
        handle: `lamp-${n}`,
        sku: `LAMP-${n}`,
        status: 'publish',
        admin_url: null,
        storefront_url: `https://csv-bench.example.com/product/lamp-${n}/`,
        description: 'A lamp.',
        image_urls: JSON.stringify([`https://csv-bench.example.com/img/${n}.jpg`]),
        published_at: sqlite ? at : new Date(at),
        removed_at: null,
        updated_at: sqlite ? at : new Date(at),
      };
    });
    await bench.db.knex('published_products').insert(rows);
  }
  // What autovacuum does soon after a bulk load; without statistics the planner may sort every batch.
  if (!sqlite) await bench.db.knex.raw('analyze published_products');
  await bench.db.close();
  return store.id;
}

async function measure(location: BenchDatabaseLocation, storeId: string) {
  const bench = await openBenchDatabase(location);
  const rssBefore = process.memoryUsage().rss;
  let bytes = 0;
  let rows = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) rows += 1;
      done();
    },
  });
  const started = performance.now();
  await pipeline(await productsLeftCsvStream(bench, storeId), sink);
  const ms = performance.now() - started;
  await bench.db.close();
  return {
    ms: round(ms, 0),
    rows: rows - 1,
    megabytes: round(bytes / 1e6, 1),
    rssBeforeMb: round(rssBefore / 1048576, 1),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
  };
}

function runPhase(phase: string, extra: string[]): string {
  const child = spawnSync(
    process.execPath,
    // The same loader as this process (TypeScript hook or compiled build), on the same file.
    [...process.execArgv, __filename, `--phase=${phase}`, ...extra],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const line = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`${phase} failed: ${child.stderr.slice(0, 2000)}`);
  return line.slice('RESULT '.length);
}

async function main(): Promise<void> {
  const a = args();
  const phase = a.get('phase');
  if (phase === 'seed') {
    const location = JSON.parse(a.get('location') ?? '{}') as BenchDatabaseLocation;
    emit({ storeId: await seed(location, Number(a.get('products'))) });
    return;
  }
  if (phase === 'measure') {
    const location = JSON.parse(a.get('location') ?? '{}') as BenchDatabaseLocation;
    emit(await measure(location, a.get('store') ?? ''));
    return;
  }
  const dialect = a.get('dialect') === 'postgres' ? 'postgres' : 'sqlite';
  const products = Number(a.get('products') ?? 100_000);
  const location = newLocation(dialect);
  try {
    const seedStarted = performance.now();
    const { storeId } = JSON.parse(
      runPhase('seed', [`--location=${JSON.stringify(location)}`, `--products=${products}`]),
    ) as { storeId: string };
    const seedMs = performance.now() - seedStarted;
    const result = JSON.parse(
      runPhase('measure', [`--location=${JSON.stringify(location)}`, `--store=${storeId}`]),
    ) as Record<string, unknown>;
    emit({ dialect, products, seedMs: round(seedMs, 0), ...result });
  } finally {
    const bench = await openBenchDatabase(location);
    await bench.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
