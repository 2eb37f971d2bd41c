import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  // Shopify's privacy requests (customers/data_request, customers/redact, shop/redact), each tracked to completion.
  await knex.schema.createTable('compliance_requests', (t) => {
    c.id(t);
    t.string('shop', 255).notNullable();
    t.string('topic', 64).notNullable();
    // X-Shopify-Webhook-Id: the same across Shopify's retries, so a retry finds the request it already started.
    t.string('webhook_id', 255).notNullable().unique('compliance_requests_webhook_uq');
    // No foreign key: the request outlives the store record's personal data, and may name an unknown shop.
    t.string('store_id', 36).nullable();
    c.json(t, 'payload').notNullable();
    t.string('status', 16).notNullable();
    // What was assembled (data request) or erased and kept (redactions).
    c.json(t, 'result').nullable();
    t.string('event_id', 36).nullable();
    c.timestamp(t, 'received_at').notNullable();
    c.timestamp(t, 'completed_at').nullable();
    t.index(['shop', 'received_at'], 'compliance_requests_shop_idx');
    t.index(['status', 'received_at'], 'compliance_requests_status_idx');
    t.index(['event_id'], 'compliance_requests_event_idx');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('compliance_requests');
}

export const shopifyCompliance: Migration = { name: '006-shopify-compliance', up, down };
