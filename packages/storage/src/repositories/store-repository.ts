import type {
  CreateStoreParams,
  LifecycleSource,
  Platform,
  Store,
  StoreContact,
  StoreCredentials,
  StorePatch,
  StoreRepository,
  StoreState,
} from '@dropship/core';
import type { Codec } from '../codec';
import { columnList, newId, planOnce, str, strOrNull, toColumns, whereAnyOf } from './context';
import type { ColumnSpec, RepositoryContext, Row } from './context';

const TABLE = 'stores';

const STORE_COLUMNS: ColumnSpec<StorePatch> = {
  accountId: ['account_id', 'value'],
  state: ['state', 'value'],
  installedAt: ['installed_at', 'date'],
  disconnectedAt: ['disconnected_at', 'date'],
  disconnectSource: ['disconnect_source', 'value'],
  automationEnabled: ['automation_enabled', 'bool'],
};

const SECRET_COLUMNS = {
  siteSecret: 'site_secret_enc',
  wcConsumerKey: 'wc_consumer_key_enc',
  wcConsumerSecret: 'wc_consumer_secret_enc',
} as const;

const PLAIN_COLUMNS: ColumnSpec<StoreCredentials> = {
  contactEmail: ['contact_email', 'value'],
  locale: ['locale', 'value'],
  heartbeatAt: ['heartbeat_at', 'date'],
  shopId: ['shop_id', 'value'],
};

/** The columns storeFromRow reads. */
const STORE_ROW_COLUMNS = columnList(`id account_id platform domain state installed_at disconnected_at
  disconnect_source automation_enabled created_at updated_at`);

/** A plugin site as the bridge authenticates it: the store and its encrypted secret. */
const SITE_ROW_COLUMNS = [...STORE_ROW_COLUMNS, SECRET_COLUMNS.siteSecret];

/** A store and how to reach its merchant. */
const CONTACT_ROW_COLUMNS = [...STORE_ROW_COLUMNS, 'contact_email', 'locale'];

export function storeFromRow(codec: Codec, row: Row): Store {
  return {
    id: str(row.id),
    accountId: strOrNull(row.account_id),
    platform: str(row.platform) as Platform,
    domain: str(row.domain),
    state: str(row.state) as StoreState,
    installedAt: codec.readDateOrNull(row.installed_at),
    disconnectedAt: codec.readDateOrNull(row.disconnected_at),
    disconnectSource: strOrNull(row.disconnect_source) as LifecycleSource | null,
    automationEnabled: codec.readBool(row.automation_enabled),
    createdAt: codec.readDate(row.created_at),
    updatedAt: codec.readDate(row.updated_at),
  };
}

export function createStoreRepository(ctx: RepositoryContext): StoreRepository {
  const { knex, codec, cipher } = ctx;

  const toStore = (row: Row): Store => storeFromRow(codec, row);

  const decrypt = (value: unknown): string | null => (value == null ? null : cipher.decrypt(str(value)));

  const rowById = async (id: string): Promise<Row | undefined> =>
    (await knex(TABLE).where({ id }).first()) as Row | undefined;

  const toContact = (row: Row): StoreContact => ({
    store: toStore(row),
    contactEmail: strOrNull(row.contact_email),
    locale: strOrNull(row.locale),
  });

  const findById = async (id: string): Promise<Store | null> => {
    const byId = planOnce(ctx, knex(TABLE).where({ id }), 'dropship_store_by_id', STORE_ROW_COLUMNS);
    const row = (await byId.first()) as Row | undefined;
    return row ? toStore(row) : null;
  };

  /** Rows by id, as one prepared statement per column set (`name`): the batched lookups of every webhook. */
  const rowsByIds = async (
    ids: readonly string[],
    name: string,
    columns: readonly string[],
  ): Promise<Row[]> => {
    if (ids.length === 0) return [];
    return (await planOnce(
      ctx,
      whereAnyOf(ctx, knex(TABLE), 'id', [...new Set(ids)]),
      name,
      columns,
    )) as Row[];
  };

  const update = async (id: string, patch: StorePatch, expectedState?: StoreState): Promise<number> => {
    const changes = { ...toColumns(codec, STORE_COLUMNS, patch), updated_at: codec.date(new Date()) };
    const query = knex(TABLE).where({ id });
    if (expectedState !== undefined) query.andWhere({ state: expectedState });
    return query.update(changes);
  };

  return {
    async create(params: CreateStoreParams) {
      const now = new Date();
      const store: Store = {
        id: newId(),
        accountId: params.accountId ?? null,
        platform: params.platform,
        domain: params.domain,
        state: params.state ?? 'connected',
        installedAt: params.installedAt ?? null,
        disconnectedAt: null,
        disconnectSource: null,
        automationEnabled: params.automationEnabled ?? true,
        createdAt: now,
        updatedAt: now,
      };
      await knex(TABLE).insert({
        id: store.id,
        platform: store.platform,
        domain: store.domain,
        ...toColumns(codec, STORE_COLUMNS, store),
        created_at: codec.date(now),
        updated_at: codec.date(now),
      });
      return store;
    },
    findById,
    async findByDomain(platform, domain) {
      const row = (await knex(TABLE).where({ platform, domain }).first()) as Row | undefined;
      return row ? toStore(row) : null;
    },
    async findByDomains(platform, domains) {
      if (domains.length === 0) return [];
      const byDomain = whereAnyOf(ctx, knex(TABLE).where({ platform }), 'domain', [...new Set(domains)]);
      const rows = (await planOnce(ctx, byDomain, 'dropship_stores_by_domains', STORE_ROW_COLUMNS)) as Row[];
      return rows.map(toStore);
    },
    async listByAccount(accountId) {
      const rows = (await knex(TABLE)
        .where({ account_id: accountId })
        .orderBy(['created_at', 'id'])) as Row[];
      return rows.map(toStore);
    },
    async update(id, patch) {
      return (await update(id, patch)) > 0 ? findById(id) : null;
    },
    async updateIf(id, expectedState, patch) {
      return (await update(id, patch, expectedState)) > 0;
    },
    async updateManyIf(ids, expectedState, patch) {
      if (ids.length === 0) return [];
      const changes = { ...toColumns(codec, STORE_COLUMNS, patch), updated_at: codec.date(new Date()) };
      const byIds = whereAnyOf(ctx, knex(TABLE).where({ state: expectedState }), 'id', [...new Set(ids)]);
      return ((await byIds.update(changes).returning('id')) as Row[]).map((row) => str(row.id));
    },
    async setAutomation(id, enabled) {
      return (await update(id, { automationEnabled: enabled })) > 0;
    },
    async findWithSiteSecrets(ids) {
      const rows = await rowsByIds(ids, 'dropship_sites_by_ids', SITE_ROW_COLUMNS);
      return rows.map((row) => ({ store: toStore(row), siteSecret: decrypt(row.site_secret_enc) }));
    },
    async findByIds(ids) {
      return (await rowsByIds(ids, 'dropship_stores_by_ids', STORE_ROW_COLUMNS)).map(toStore);
    },
    async getContact(id) {
      const row = await rowById(id);
      return row ? toContact(row) : null;
    },
    async getContacts(ids) {
      return (await rowsByIds(ids, 'dropship_contacts_by_ids', CONTACT_ROW_COLUMNS)).map(toContact);
    },
    async getCredentials(id) {
      const row = await rowById(id);
      if (!row) return null;
      return {
        siteSecret: decrypt(row.site_secret_enc),
        wcConsumerKey: decrypt(row.wc_consumer_key_enc),
        wcConsumerSecret: decrypt(row.wc_consumer_secret_enc),
        contactEmail: strOrNull(row.contact_email),
        locale: strOrNull(row.locale),
        heartbeatAt: codec.readDateOrNull(row.heartbeat_at),
        shopId: strOrNull(row.shop_id),
      };
    },
    async setCredentials(id, patch) {
      const changes: Row = { ...toColumns(codec, PLAIN_COLUMNS, patch), updated_at: codec.date(new Date()) };
      for (const [key, column] of Object.entries(SECRET_COLUMNS)) {
        const value = patch[key as keyof typeof SECRET_COLUMNS];
        if (value !== undefined) changes[column] = value === null ? null : cipher.encrypt(value);
      }
      return (await knex(TABLE).where({ id }).update(changes)) > 0;
    },
    async listHeartbeatOlderThan(platform, before, limit) {
      const rows = (await knex(TABLE)
        .where({ platform })
        // A literal, as stores_heartbeat_idx's predicate (migration 012).
        .whereRaw("state = 'connected'")
        .andWhere('heartbeat_at', '<', codec.date(before))
        .orderBy('heartbeat_at')
        .limit(limit)) as Row[];
      return rows.map(toStore);
    },
  };
}
