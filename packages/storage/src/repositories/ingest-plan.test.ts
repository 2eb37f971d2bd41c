import { DEFAULT_TEST_DATABASE_URL, setUpContext, tearDownContext } from '../__tests__/harness';
import type { StorageTestContext } from '../__tests__/harness';
import { INGEST_STATEMENT } from './lifecycle-event-repository';

const postgresUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
const STORES = 5_000;
const storeId = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/**
 * The ingest statement is prepared per connection, and PostgreSQL plans its
 * first five executions with the values bound (custom plans). On tables that
 * have never been analyzed (a new deployment, a bulk import) such a plan read
 * every connected store through stores_heartbeat_idx, whose predicate is
 * `state = 'connected'`: 12–16 ms a batch at 20,000 stores instead of 2.
 */
describe('the PostgreSQL ingest statement on tables never analyzed', () => {
  let context: StorageTestContext;

  beforeAll(async () => {
    context = await setUpContext('postgres', postgresUrl);
    const { knex } = context.db;
    // Statistics stay absent for the whole test: what a custom plan sees on a young table.
    for (const table of ['stores', 'lifecycle_events'])
      await knex.raw('alter table ?? set (autovacuum_enabled = false)', [table]);
    const now = new Date();
    for (let from = 0; from < STORES; from += 500) {
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: storeId(from + i),
        platform: 'shopify',
        domain: `plan-${from + i}.myshopify.com`,
        state: 'connected',
        automation_enabled: true,
        installed_at: new Date(now.getTime() - 86_400_000),
        created_at: now,
        updated_at: now,
      }));
      await knex('stores').insert(rows);
    }
  }, 60_000);

  afterAll(() => tearDownContext(context));

  it('finds the stores it disconnects by primary key, with the values bound as a custom plan binds them', async () => {
    const { knex } = context.db;
    const at = new Date().toISOString();
    const input = Array.from({ length: 25 }, (_, ord) => ({
      ord,
      id: `plan-event-${ord}`,
      channel: 'shopify',
      delivery_id: `plan-delivery-${ord}`,
      store_id: storeId(1_000 + ord),
      source: 'shopify_uninstall',
      topic: 'app/uninstalled',
      triggered_at: at,
      received_at: at,
      payload: {},
      outcome: 'pending',
      outcome_reason: null,
      correlation_id: null,
      disconnect_at: at,
      disconnect_source: 'shopify_uninstall',
    }));
    const { rows } = (await knex.raw(`explain (format json) ${INGEST_STATEMENT}`, [
      JSON.stringify(input),
      'disconnecting',
      new Date(),
      'connected',
    ])) as { rows: Array<{ 'QUERY PLAN': unknown }> };
    const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
    expect(plan).toContain('"Index Name":"stores_pkey"');
    expect(plan).not.toContain('stores_heartbeat_idx');
  });
});
