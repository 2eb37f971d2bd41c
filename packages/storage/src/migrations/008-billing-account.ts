import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  // Kept apart from accounts so anonymising or deleting an account drops them in one statement.
  await knex.schema.createTable('account_credentials', (t) => {
    t.string('account_id', 36).primary().references('id').inTable('accounts').onDelete('CASCADE');
    t.text('password_hash').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
  });

  // Server-side sessions: any server process serves any owner; only the token's hash is kept.
  await knex.schema.createTable('owner_sessions', (t) => {
    c.id(t);
    t.string('token_hash', 64).notNullable().unique('owner_sessions_token_uq');
    t.string('account_id', 36).notNullable().references('id').inTable('accounts').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.string('method', 16).notNullable();
    t.string('ip', 64).nullable();
    t.string('user_agent', 512).nullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'expires_at').notNullable();
    t.index(['account_id'], 'owner_sessions_account_idx');
    t.index(['expires_at'], 'owner_sessions_expiry_idx');
  });

  await knex.schema.createTable('billing_requests', (t) => {
    c.id(t);
    t.string('kind', 32).notNullable();
    // A retried cancellation or refund request finds the first one.
    t.string('idempotency_key', 255).notNullable().unique('billing_requests_key_uq');
    t.string('account_id', 36).nullable().references('id').inTable('accounts').onDelete('SET NULL');
    t.string('subscription_id', 36)
      .notNullable()
      .references('id')
      .inTable('subscriptions')
      .onDelete('RESTRICT');
    t.string('invoice_number', 64).nullable();
    t.string('status', 16).notNullable();
    t.text('message').notNullable();
    t.string('requested_by', 255).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    t.index(['status', 'created_at'], 'billing_requests_status_idx');
    t.index(['subscription_id', 'created_at'], 'billing_requests_subscription_idx');
  });

  await knex.schema.createTable('store_checklists', (t) => {
    t.string('store_id', 36).primary().references('id').inTable('stores').onDelete('CASCADE');
    c.json(t, 'items').notNullable();
    c.json(t, 'team_emails').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
  });

  // Fixed-window counters (sign-in attempts), shared by every server process.
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('key', 255).primary();
    t.integer('hits').notNullable();
    c.timestamp(t, 'window_ends_at').notNullable();
  });

  // One billed period per subscription and period start: a renewal re-run or a race cannot bill a period twice.
  await knex.schema.createTable('billed_periods', (t) => {
    t.string('subscription_id', 36)
      .notNullable()
      .references('id')
      .inTable('subscriptions')
      .onDelete('RESTRICT');
    c.timestamp(t, 'period_start').notNullable();
    c.timestamp(t, 'claimed_at').notNullable();
    // No constraint name: knex writes an invalid "constraint .. as .." clause for SQLite when one is given.
    t.primary(['subscription_id', 'period_start']);
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('billed_periods');
  await knex.schema.dropTable('rate_limits');
  await knex.schema.dropTable('store_checklists');
  await knex.schema.dropTable('billing_requests');
  await knex.schema.dropTable('owner_sessions');
  await knex.schema.dropTable('account_credentials');
}

export const billingAccount: Migration = { name: '008-billing-account', up, down };
