import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('orders', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('platform_order_id', 255).notNullable();
    t.string('status', 32).notNullable();
    t.boolean('contains_platform_products').notNullable();
    c.json(t, 'payload').nullable();
    c.timestamp(t, 'received_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
    t.unique(['store_id', 'platform_order_id'], { indexName: 'orders_store_order_uq' });
    t.index(['store_id', 'status', 'received_at'], 'orders_store_status_idx');
  });

  await knex.schema.createTable('supplier_orders', (t) => {
    c.id(t);
    t.string('store_id', 36).notNullable().references('id').inTable('stores').onDelete('CASCADE');
    t.string('platform_order_id', 255).notNullable();
    t.string('supplier_order_id', 255).nullable();
    c.json(t, 'lines').notNullable();
    t.string('status', 32).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
    // The idempotency key of placing an order: at most one supplier order per store order.
    t.unique(['store_id', 'platform_order_id'], { indexName: 'supplier_orders_order_key_uq' });
    t.index(['store_id', 'created_at'], 'supplier_orders_store_idx');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('supplier_orders');
  await knex.schema.dropTable('orders');
}

export const orders: Migration = { name: '004-orders', up, down };
