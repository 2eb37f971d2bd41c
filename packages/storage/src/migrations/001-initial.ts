import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('accounts', (t) => {
    c.id(t);
    t.string('email', 320).nullable().index('accounts_email_idx');
    t.string('name', 255).nullable();
    t.string('status', 32).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
  });

  await knex.schema.createTable('stores', (t) => {
    c.id(t);
    t.string('account_id', 36).nullable().references('id').inTable('accounts').onDelete('SET NULL');
    t.string('platform', 32).notNullable();
    t.string('domain', 255).notNullable();
    t.string('state', 32).notNullable();
    c.timestamp(t, 'installed_at').nullable();
    c.timestamp(t, 'disconnected_at').nullable();
    t.string('disconnect_source', 64).nullable();
    t.boolean('automation_enabled').notNullable();
    t.text('site_secret_enc').nullable();
    t.text('wc_consumer_key_enc').nullable();
    t.text('wc_consumer_secret_enc').nullable();
    t.string('contact_email', 320).nullable();
    t.string('locale', 35).nullable();
    c.timestamp(t, 'heartbeat_at').nullable();
    t.string('shop_id', 64).nullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
    t.unique(['platform', 'domain'], { indexName: 'stores_platform_domain_uq' });
    t.index(['account_id'], 'stores_account_idx');
    // Heartbeat-loss sweep: connected stores of a platform by last heartbeat.
    t.index(['platform', 'state', 'heartbeat_at'], 'stores_heartbeat_idx');
  });

  await knex.schema.createTable('shopify_sessions', (t) => {
    t.string('id', 255).primary();
    t.string('shop', 255).notNullable().index('shopify_sessions_shop_idx');
    t.string('state', 255).notNullable();
    t.boolean('is_online').notNullable();
    t.text('scope').nullable();
    c.timestamp(t, 'expires').nullable();
    t.text('access_token_enc').nullable();
    c.json(t, 'online_access_info').nullable();
    c.timestamp(t, 'created_at').notNullable();
  });

  await knex.schema.createTable('audit_log', (t) => {
    c.id(t);
    c.timestamp(t, 'at').notNullable();
    t.string('actor_type', 32).notNullable();
    t.string('actor_id', 255).nullable();
    t.string('action', 128).notNullable();
    t.string('entity_type', 64).notNullable();
    t.string('entity_id', 255).nullable();
    c.json(t, 'details').notNullable();
    t.string('correlation_id', 255).nullable();
    t.index(['entity_type', 'entity_id', 'at'], 'audit_log_entity_idx');
    t.index(['at'], 'audit_log_at_idx');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('shopify_sessions');
  await knex.schema.dropTable('stores');
  await knex.schema.dropTable('accounts');
}

export const initial: Migration = { name: '001-initial', up, down };
