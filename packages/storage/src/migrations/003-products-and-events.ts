import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('published_products', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('platform_product_id', 255).notNullable();
    t.text('title').notNullable();
    t.string('handle', 255).nullable();
    t.string('sku', 255).nullable();
    t.string('status', 32).notNullable();
    t.text('admin_url').nullable();
    t.text('storefront_url').nullable();
    t.text('description').nullable();
    c.json(t, 'image_urls').notNullable();
    c.timestamp(t, 'published_at').notNullable();
    c.timestamp(t, 'removed_at').nullable();
    c.timestamp(t, 'updated_at').notNullable();
    t.unique(['store_id', 'platform_product_id'], { indexName: 'published_products_store_product_uq' });
    // Keyset pages and streams: WHERE store_id = ? AND removed_at IS NULL ORDER BY published_at, id.
    t.index(['store_id', 'removed_at', 'published_at', 'id'], 'published_products_report_idx');
    t.index(['store_id', 'published_at', 'id'], 'published_products_all_idx');
  });

  await knex.schema.createTable('lifecycle_events', (t) => {
    c.id(t);
    t.string('channel', 32).notNullable();
    t.string('delivery_id', 255).notNullable();
    t.string('store_id', 36).nullable().references('id').inTable('stores').onDelete('SET NULL');
    t.string('source', 64).notNullable();
    t.string('topic', 128).notNullable();
    c.timestamp(t, 'triggered_at').nullable();
    c.timestamp(t, 'received_at').notNullable();
    c.json(t, 'payload').nullable();
    t.string('outcome', 32).notNullable();
    t.text('outcome_reason').nullable();
    c.timestamp(t, 'enqueued_at').nullable();
    t.string('correlation_id', 255).nullable();
    // The idempotency key: one row per sender delivery.
    t.unique(['channel', 'delivery_id'], { indexName: 'lifecycle_events_delivery_uq' });
    t.index(['store_id', 'received_at'], 'lifecycle_events_store_idx');
    t.index(['received_at'], 'lifecycle_events_received_idx');
    // Crash recovery reads only the few rows never enqueued: a partial index stays tiny.
    t.index(['received_at'], 'lifecycle_events_unenqueued_idx', { predicate: knex.whereNull('enqueued_at') });
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('lifecycle_events');
  await knex.schema.dropTable('published_products');
}

export const productsAndEvents: Migration = { name: '003-products-and-events', up, down };
