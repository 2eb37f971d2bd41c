import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('subscriptions', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('RESTRICT');
    t.string('account_id', 36).nullable().references('id').inTable('accounts').onDelete('SET NULL');
    t.string('provider', 32).notNullable();
    t.string('external_id', 255).nullable();
    t.string('plan_name', 255).notNullable();
    t.integer('price_minor').notNullable();
    t.string('currency', 3).notNullable();
    t.string('status', 32).notNullable();
    c.timestamp(t, 'trial_ends_at').nullable();
    c.timestamp(t, 'current_period_start').nullable();
    c.timestamp(t, 'current_period_end').nullable();
    t.boolean('cancel_at_period_end').notNullable();
    c.timestamp(t, 'cancelled_at').nullable();
    t.string('cancel_source', 64).nullable();
    t.string('cancel_reason', 128).nullable();
    t.text('cancel_reason_text').nullable();
    t.string('cancelled_by', 255).nullable();
    c.timestamp(t, 'billing_ends_at').nullable();
    t.smallint('anchor_day').nullable();
    t.string('interval', 16).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
    // NULL external ids (platform subscriptions) are distinct in both dialects.
    t.unique(['provider', 'external_id'], { indexName: 'subscriptions_provider_external_uq' });
    t.index(['store_id', 'created_at'], 'subscriptions_store_idx');
    t.index(['account_id'], 'subscriptions_account_idx');
    t.index(['provider', 'status', 'current_period_end'], 'subscriptions_renewal_idx');
  });

  await knex.schema.createTable('invoices', (t) => {
    c.id(t);
    t.string('number', 64).notNullable().unique({ indexName: 'invoices_number_uq' });
    t.string('subscription_id', 36)
      .notNullable()
      .references('id')
      .inTable('subscriptions')
      .onDelete('RESTRICT');
    t.string('account_id', 36).nullable().references('id').inTable('accounts').onDelete('RESTRICT');
    t.string('status', 32).notNullable();
    t.integer('amount_minor').notNullable();
    t.string('currency', 3).notNullable();
    c.timestamp(t, 'period_start').notNullable();
    c.timestamp(t, 'period_end').notNullable();
    c.timestamp(t, 'issued_at').notNullable();
    c.timestamp(t, 'paid_at').nullable();
    c.timestamp(t, 'voided_at').nullable();
    t.index(['subscription_id', 'status', 'issued_at'], 'invoices_subscription_idx');
    t.index(['account_id'], 'invoices_account_idx');
  });

  // One row per sequence; UPDATE … RETURNING on it hands out numbers atomically.
  await knex.schema.createTable('number_sequences', (t) => {
    t.string('name', 64).primary();
    t.bigInteger('last_value').notNullable();
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('number_sequences');
  await knex.schema.dropTable('invoices');
  await knex.schema.dropTable('subscriptions');
}

export const billing: Migration = { name: '002-billing', up, down };
