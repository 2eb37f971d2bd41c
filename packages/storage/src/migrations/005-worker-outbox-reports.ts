import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('outbox_messages', (t) => {
    c.id(t);
    // Re-running a notification job finds its message instead of writing a second one.
    t.string('idempotency_key', 255).notNullable().unique('outbox_messages_key_uq');
    t.string('to_address', 320).notNullable();
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').nullable();
    c.json(t, 'tags').notNullable();
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('error').nullable();
    t.string('transport_id', 255).nullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'sent_at').nullable();
    t.index(['status', 'created_at'], 'outbox_messages_status_idx');
    t.index(['to_address', 'created_at'], 'outbox_messages_to_idx');
  });

  await knex.schema.createTable('disconnect_reports', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('event_id', 36).notNullable().unique('disconnect_reports_event_uq');
    t.string('source', 64).notNullable();
    t.integer('products_count').notNullable();
    t.integer('pending_orders_count').notNullable();
    c.json(t, 'pending_orders').notNullable();
    c.json(t, 'billing').notNullable();
    c.timestamp(t, 'generated_at').notNullable();
    t.index(['store_id', 'generated_at'], 'disconnect_reports_store_idx');
  });

  await knex.schema.createTable('team_supplier_orders', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('platform_order_id', 255).notNullable();
    c.json(t, 'lines').notNullable();
    t.string('status', 32).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    // The built-in supplier's idempotency key: one order for the team per store order.
    t.unique(['store_id', 'platform_order_id'], { indexName: 'team_supplier_orders_key_uq' });
    t.index(['store_id', 'created_at'], 'team_supplier_orders_store_idx');
  });

  // Order lines are matched to the ledger by SKU when they carry no product id.
  await knex.schema.alterTable('published_products', (t) => {
    t.index(['store_id', 'sku'], 'published_products_sku_idx');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('published_products', (t) => {
    t.dropIndex(['store_id', 'sku'], 'published_products_sku_idx');
  });
  await knex.schema.dropTable('team_supplier_orders');
  await knex.schema.dropTable('disconnect_reports');
  await knex.schema.dropTable('outbox_messages');
}

export const workerOutboxReports: Migration = { name: '005-worker-outbox-reports', up, down };
