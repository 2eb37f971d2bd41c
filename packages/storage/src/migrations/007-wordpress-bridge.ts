import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  // Key-flow connections between connect/start and the claim: only the claim secret's hash is kept.
  await knex.schema.createTable('wp_connections', (t) => {
    c.id(t);
    t.string('kind', 16).notNullable();
    t.string('site_url', 2048).notNullable();
    t.string('admin_email', 320).nullable();
    t.text('return_url').notNullable();
    t.string('store_id', 36).nullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('claim_secret_hash', 64).nullable();
    // The delivered key waits here, encrypted, until the site claims the connection.
    t.bigInteger('key_id').nullable();
    t.string('key_permissions', 16).nullable();
    t.text('consumer_key_enc').nullable();
    t.text('consumer_secret_enc').nullable();
    c.timestamp(t, 'expires_at').notNullable();
    c.timestamp(t, 'keys_received_at').nullable();
    c.timestamp(t, 'claimed_at').nullable();
    c.timestamp(t, 'created_at').notNullable();
    t.index(['expires_at'], 'wp_connections_expiry_idx');
  });

  await knex.schema.createTable('connection_codes', (t) => {
    c.id(t);
    t.string('code_hash', 64).notNullable().unique('connection_codes_hash_uq');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('store_id', 36).nullable().references('id').inTable('stores').onDelete('SET NULL');
    c.timestamp(t, 'expires_at').notNullable();
    c.timestamp(t, 'used_at').nullable();
    c.timestamp(t, 'created_at').notNullable();
    t.index(['account_id', 'created_at'], 'connection_codes_account_idx');
  });

  // The replay guard: an event id is accepted once per site while its timestamp can still pass.
  await knex.schema.createTable('bridge_nonces', (t) => {
    t.string('site_id', 64).notNullable();
    t.string('event_id', 64).notNullable();
    c.timestamp(t, 'received_at').notNullable();
    t.primary(['site_id', 'event_id'], 'bridge_nonces_pk');
    t.index(['received_at'], 'bridge_nonces_received_idx');
  });

  await knex.schema.createTable('login_tokens', (t) => {
    c.id(t);
    t.string('token_hash', 64).notNullable().unique('login_tokens_hash_uq');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('store_id', 36).nullable().references('id').inTable('stores').onDelete('SET NULL');
    c.timestamp(t, 'expires_at').notNullable();
    c.timestamp(t, 'used_at').nullable();
    c.timestamp(t, 'created_at').notNullable();
  });

  await knex.schema.createTable('woo_stores', (t) => {
    t.string('store_id', 36).primary().references('id').inTable('stores').onDelete('CASCADE');
    t.string('site_url', 2048).notNullable();
    t.bigInteger('key_id').nullable();
    t.string('key_permissions', 16).nullable();
    t.text('webhook_secret_enc').notNullable();
    c.timestamp(t, 'keys_revoked_at').nullable();
    t.boolean('query_string_auth').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
  });

  // WooCommerce redelivers on failure and on manual resend: one effect per delivery id.
  await knex.schema.createTable('woo_webhook_deliveries', (t) => {
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('delivery_id', 128).notNullable();
    t.string('topic', 64).notNullable();
    c.timestamp(t, 'received_at').notNullable();
    t.primary(['store_id', 'delivery_id'], 'woo_webhook_deliveries_pk');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('woo_webhook_deliveries');
  await knex.schema.dropTable('woo_stores');
  await knex.schema.dropTable('login_tokens');
  await knex.schema.dropTable('bridge_nonces');
  await knex.schema.dropTable('connection_codes');
  await knex.schema.dropTable('wp_connections');
}

export const wordpressBridge: Migration = { name: '007-wordpress-bridge', up, down };
