import { listMigrations, migrateToLatest } from '../index';
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
  'bridge_nonces',
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
  });
}
