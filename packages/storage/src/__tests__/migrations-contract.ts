import type { Knex } from 'knex';
import { listMigrations, migrateToLatest } from '../index';
import { migrations } from '../migrations';
import type { Migration } from '../migrations/columns';
import { createTestTarget, openTestDatabase } from './harness';
import type { GetContext } from './harness';

const ALL = [
  '001-initial',
  '002-billing',
  '003-products-and-events',
  '004-orders',
  '005-worker-outbox-reports',
  '006-shopify-compliance',
  '007-wordpress-bridge',
  '008-billing-account',
  '009-ops',
  '010-pending-events',
  '011-replay-guard-in-redis',
  '012-partial-store-indexes',
];
const TABLES = [
  'accounts',
  'stores',
  'shopify_sessions',
  'audit_log',
  'subscriptions',
  'invoices',
  'number_sequences',
  'published_products',
  'lifecycle_events',
  'orders',
  'supplier_orders',
  'outbox_messages',
  'disconnect_reports',
  'team_supplier_orders',
  'compliance_requests',
  'wp_connections',
  'connection_codes',
  'login_tokens',
  'woo_stores',
  'woo_webhook_deliveries',
  'account_credentials',
  'owner_sessions',
  'billing_requests',
  'store_checklists',
  'rate_limits',
  'billed_periods',
  'team_members',
  'team_sessions',
];

export function describeMigrations(get: GetContext): void {
  describe('migrations', () => {
    it('apply every migration once and report nothing on a second run', async () => {
      const { db } = get();
      expect(await listMigrations(db)).toEqual({ completed: ALL, pending: [] });
      expect(await migrateToLatest(db)).toEqual({ applied: [] });
      for (const table of TABLES) expect(await db.knex.schema.hasTable(table)).toBe(true);
    });

    it('two processes migrating a fresh database at once apply each migration exactly once', async () => {
      const { dialect, postgresBaseUrl } = get();
      const target = createTestTarget(dialect, postgresBaseUrl);
      const first = await openTestDatabase(target);
      const second = await openTestDatabase(target);
      try {
        const results = await Promise.all([migrateToLatest(first), migrateToLatest(second)]);
        const applied = results.flatMap((result) => result.applied);
        expect(applied.sort()).toEqual(ALL);
        const rows = (await first.knex('knex_migrations').select('name')) as Array<{ name: string }>;
        expect(rows.map((row) => row.name).sort()).toEqual(ALL);
        expect(await migrateToLatest(second)).toEqual({ applied: [] });
      } finally {
        await first.close();
        await second.close();
        await target.destroy();
      }
    });

    it('010 keeps the events of a database that had some, their indexes and their store foreign key', async () => {
      const { dialect, postgresBaseUrl } = get();
      const target = createTestTarget(dialect, postgresBaseUrl);
      const db = await openTestDatabase(target);
      const config: Knex.MigratorConfig = {
        migrationSource: {
          getMigrations: async () => [...migrations],
          getMigrationName: (migration: Migration) => migration.name,
          getMigration: async (migration: Migration) => migration,
        },
        tableName: 'knex_migrations',
        ...(db.schema !== null ? { schemaName: db.schema } : {}),
      };
      const time = (iso: string) => (dialect === 'sqlite' ? Date.parse(iso) : new Date(iso));
      const event = (id: string, storeId: string | null) => ({
        id,
        channel: 'shopify',
        delivery_id: `delivery-${id}`,
        store_id: storeId,
        source: 'shopify_uninstall',
        topic: 'app/uninstalled',
        received_at: time('2025-05-06T07:08:09.010Z'),
        outcome: 'pending',
      });
      try {
        await migrateToLatest(db);
        for (let i = 0; i < 3; i += 1) await db.knex.migrate.down(config);
        expect((await listMigrations(db)).pending).toEqual(ALL.slice(ALL.indexOf('010-pending-events')));
        const now = time('2025-05-06T07:00:00.000Z');
        await db.knex('stores').insert({
          id: 'store-1',
          platform: 'shopify',
          domain: 'kept.myshopify.com',
          state: 'connected',
          automation_enabled: true,
          created_at: now,
          updated_at: now,
        });
        await db.knex('lifecycle_events').insert([
          { ...event('queued', 'store-1'), enqueued_at: time('2025-05-06T07:08:09.500Z') },
          { ...event('unqueued', 'store-1'), enqueued_at: null },
        ]);

        expect(await migrateToLatest(db)).toEqual({
          applied: ALL.slice(ALL.indexOf('010-pending-events')),
        });
        expect(await db.knex.schema.hasTable('bridge_nonces')).toBe(false);
        const rows = (await db.knex('lifecycle_events').orderBy('id')) as Array<Record<string, unknown>>;
        expect(rows.map((row) => [row.id, row.store_id, row.outcome])).toEqual([
          ['queued', 'store-1', 'pending'],
          ['unqueued', 'store-1', 'pending'],
        ]);
        expect(rows.every((row) => !('enqueued_at' in row))).toBe(true);
        const indexes =
          dialect === 'sqlite'
            ? ((await db.knex.raw(
                "select name from sqlite_master where type = 'index' and tbl_name = 'lifecycle_events' and name not like 'sqlite_%'",
              )) as Array<{ name: string }>)
            : (
                (await db.knex.raw(
                  'select indexname as name from pg_indexes where tablename = ? and schemaname = ? and indexname not like ?',
                  ['lifecycle_events', db.schema ?? 'public', '%_pkey'],
                )) as { rows: Array<{ name: string }> }
              ).rows;
        expect(indexes.map((index) => index.name).sort()).toEqual([
          'lifecycle_events_delivery_uq',
          'lifecycle_events_pending_idx',
          'lifecycle_events_received_idx',
          'lifecycle_events_store_idx',
        ]);
        const foreignKeys =
          dialect === 'sqlite'
            ? (
                (await db.knex.raw('pragma foreign_key_list(lifecycle_events)')) as Array<
                  Record<string, string>
                >
              ).map(
                (key) =>
                  `FOREIGN KEY (${key.from}) REFERENCES ${key.table}(${key.to}) ON DELETE ${key.on_delete}`,
              )
            : (
                (await db.knex.raw(
                  "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = to_regclass(?) and contype = 'f'",
                  [`${db.schema ?? 'public'}.lifecycle_events`],
                )) as { rows: Array<{ def: string }> }
              ).rows.map((row) => row.def.replace(/REFERENCES \S+\.stores/, 'REFERENCES stores'));
        expect(foreignKeys).toEqual(['FOREIGN KEY (store_id) REFERENCES stores(id) ON DELETE SET NULL']);
      } finally {
        await db.close();
        await target.destroy();
      }
    });

    it('012 indexes only connected stores by heartbeat and only disconnected ones by date, and the sweep uses the first', async () => {
      const { db, dialect } = get();
      const definitions =
        dialect === 'sqlite'
          ? ((await db.knex.raw(
              "select name, sql as def from sqlite_master where type = 'index' and name in ('stores_heartbeat_idx', 'stores_disconnected_at_idx') order by name",
            )) as Array<{ name: string; def: string }>)
          : (
              (await db.knex.raw(
                "select indexname as name, indexdef as def from pg_indexes where schemaname = ? and indexname in ('stores_heartbeat_idx', 'stores_disconnected_at_idx') order by indexname",
                [db.schema ?? 'public'],
              )) as { rows: Array<{ name: string; def: string }> }
            ).rows;
      expect(definitions.map((index) => index.name)).toEqual([
        'stores_disconnected_at_idx',
        'stores_heartbeat_idx',
      ]);
      expect(definitions[0]?.def).toMatch(
        /\(\W?disconnected_at\W?\).*where.*disconnected_at\W? is not null/i,
      );
      expect(definitions[1]?.def).toMatch(
        /\(\W?platform\W?, \W?heartbeat_at\W?\).*where.*state\W*(::text)?\)? = 'connected'/i,
      );
      // The sweep's query as the store repository writes it: the literal lets SQLite prove the predicate.
      const sweep = db
        .knex('stores')
        .where({ platform: 'woocommerce' })
        .whereRaw("state = 'connected'")
        .andWhere('heartbeat_at', '<', dialect === 'sqlite' ? 0 : new Date(0))
        .orderBy('heartbeat_at')
        .limit(10)
        .toSQL()
        .toNative();
      const plan =
        dialect === 'sqlite'
          ? JSON.stringify(await db.knex.raw(`explain query plan ${sweep.sql}`, [...sweep.bindings]))
          : await db.knex.transaction(async (tx) => {
              await tx.raw('set local enable_seqscan = off');
              const explained = (await tx.raw(`explain ${sweep.sql.replace(/\$\d+/g, '?')}`, [
                ...sweep.bindings,
              ])) as { rows: unknown[] };
              return JSON.stringify(explained.rows);
            });
      expect(plan).toContain('stores_heartbeat_idx');
    });
  });
}
