import type { Knex } from 'knex';
import { columnHelpers } from './columns';
import type { Migration } from './columns';

async function up(knex: Knex): Promise<void> {
  const c = columnHelpers(knex);

  await knex.schema.createTable('team_members', (t) => {
    c.id(t);
    // Stored lower-cased, so the unique index is case-insensitive on every dialect.
    t.string('email', 320).notNullable().unique('team_members_email_uq');
    t.string('role', 16).notNullable();
    t.text('password_hash').notNullable();
    c.timestamp(t, 'disabled_at').nullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'updated_at').notNullable();
  });

  await knex.schema.createTable('team_sessions', (t) => {
    // The SHA-256 of the cookie token, never the token itself.
    t.string('token_hash', 64).primary();
    t.string('member_id', 36).notNullable().references('id').inTable('team_members').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    c.timestamp(t, 'created_at').notNullable();
    c.timestamp(t, 'expires_at').notNullable();
    t.index(['expires_at'], 'team_sessions_expires_idx');
    t.index(['member_id'], 'team_sessions_member_idx');
  });

  // The lifecycle view counts recent disconnects by source; without this it scans every store.
  await knex.schema.alterTable('stores', (t) => {
    t.index(['disconnected_at'], 'stores_disconnected_at_idx');
  });
}

async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('stores', (t) => {
    t.dropIndex(['disconnected_at'], 'stores_disconnected_at_idx');
  });
  await knex.schema.dropTable('team_sessions');
  await knex.schema.dropTable('team_members');
}

export const ops: Migration = { name: '009-ops', up, down };
