import { StoreStates } from '@dropship/core';
import type {
  LifecycleEvent,
  LifecycleEventRepository,
  RecordAndDisconnectParams,
  RecordAndDisconnectResult,
  RecordLifecycleEventParams,
  RecordLifecycleEventResult,
} from '@dropship/core';
import {
  INSERT_ROWS_PER_STATEMENT,
  columnList,
  newTimeOrderedId,
  planOnce,
  str,
  strOrNull,
  whereAnyOf,
} from './context';
import type { RepositoryContext, Row } from './context';
import { ingestOnSqlite } from './sqlite-ingest';
import type { SqliteIngestInput } from './sqlite-ingest';

const TABLE = 'lifecycle_events';

/** The table's columns, named where a prepared statement returns its rows (planOnce, INGEST_STATEMENT_NAME). */
const EVENT_COLUMNS = columnList(`id channel delivery_id store_id source topic triggered_at received_at
  payload outcome outcome_reason correlation_id`);
const columnsOf = (table: string): string => EVENT_COLUMNS.map((column) => `${table}.${column}`).join(', ');
/** What the recovery sweep reads of a pending event (listPending). */
const PENDING_COLUMNS = ['id', 'store_id', 'source', 'triggered_at', 'received_at', 'correlation_id'];
/** A new row of the ingest statement: its keys only, the caller has the rest (insertedEvent). */
const NEW_ROW_KEYS = new Set(['id', 'channel', 'delivery_id', 'store_id']);
const NEW_ROW_COLUMNS = EVENT_COLUMNS.map((column) =>
  NEW_ROW_KEYS.has(column) ? `inserted.${column}` : `null as ${column}`,
).join(', ');

/** ISO 8601 text of a time, as JSON.stringify writes a Date, without building a Date's JSON each time. */
const isoOrNull = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);

/**
 * A new event as its insert stored it: the params with the row's defaults. The
 * ingest paths build it rather than read the row back, which would send the
 * payload they have just written through the database and JSON.parse again.
 */
function insertedEvent(params: RecordLifecycleEventParams, id: string, receivedAt: Date): LifecycleEvent {
  return {
    id,
    channel: params.channel,
    deliveryId: params.deliveryId,
    storeId: params.storeId ?? null,
    source: params.source,
    topic: params.topic,
    triggeredAt: params.triggeredAt ?? null,
    receivedAt,
    payload: params.payload ?? null,
    outcome: params.outcome ?? 'pending',
    outcomeReason: params.outcomeReason ?? null,
    correlationId: params.correlationId ?? null,
  };
}

/**
 * One row of the PostgreSQL ingest statement's JSON input (see INGEST_STATEMENT):
 * the event's columns, its order, and the disconnect it begins. Built as one
 * literal of strings, not by copying a stored row: a batch's input is written
 * once as JSON text and its payload only inside it (jsonb_to_recordset reads it
 * as JSON, not as the row's JSON text).
 */
export function ingestInput(params: RecordAndDisconnectParams, ord: number, id: string, receivedAt: Date) {
  const disconnect = params.disconnect && params.storeId ? params.disconnect : undefined;
  return {
    ord,
    id,
    channel: params.channel,
    delivery_id: params.deliveryId,
    store_id: params.storeId ?? null,
    source: params.source,
    topic: params.topic,
    triggered_at: isoOrNull(params.triggeredAt),
    received_at: receivedAt.toISOString(),
    payload: params.payload ?? null,
    outcome: params.outcome ?? 'pending',
    outcome_reason: params.outcomeReason ?? null,
    correlation_id: params.correlationId ?? null,
    disconnect_at: isoOrNull(disconnect?.at),
    disconnect_source: disconnect?.source ?? null,
  };
}

export function createLifecycleEventRepository(ctx: RepositoryContext): LifecycleEventRepository {
  const { knex, codec } = ctx;

  const toEvent = (row: Row): LifecycleEvent => ({
    id: str(row.id),
    channel: str(row.channel),
    deliveryId: str(row.delivery_id),
    storeId: strOrNull(row.store_id),
    source: str(row.source),
    topic: str(row.topic),
    triggeredAt: codec.readDateOrNull(row.triggered_at),
    receivedAt: codec.readDate(row.received_at),
    payload: codec.readJson(row.payload),
    outcome: str(row.outcome),
    outcomeReason: strOrNull(row.outcome_reason),
    correlationId: strOrNull(row.correlation_id),
  });

  const findOne = async (where: Row): Promise<LifecycleEvent | null> => {
    const row = (await knex(TABLE).where(where).first()) as Row | undefined;
    return row ? toEvent(row) : null;
  };

  const toRow = (params: RecordLifecycleEventParams): Row & { id: string } => ({
    id: newTimeOrderedId(),
    channel: params.channel,
    delivery_id: params.deliveryId,
    store_id: params.storeId ?? null,
    source: params.source,
    topic: params.topic,
    triggered_at: codec.dateOrNull(params.triggeredAt),
    received_at: codec.date(params.receivedAt ?? new Date()),
    payload: codec.json(params.payload),
    outcome: params.outcome ?? 'pending',
    outcome_reason: params.outcomeReason ?? null,
    correlation_id: params.correlationId ?? null,
  });

  const deliveryKey = (row: Row): string => `${str(row.channel)}\u0000${str(row.delivery_id)}`;

  /** The stored rows of these deliveries, by delivery key: one query per channel present. */
  const findDeliveries = async (rows: readonly Row[]): Promise<Map<string, Row>> => {
    const byChannel = new Map<string, string[]>();
    for (const row of rows) {
      const ids = byChannel.get(str(row.channel)) ?? [];
      ids.push(str(row.delivery_id));
      byChannel.set(str(row.channel), ids);
    }
    const stored = (await knex(TABLE).where((where) => {
      for (const [channel, ids] of byChannel) {
        where.orWhere((one) => one.where({ channel }).whereIn('delivery_id', ids));
      }
    })) as Row[];
    return new Map(stored.map((row) => [deliveryKey(row), row]));
  };

  /**
   * The results of `rows`, in order, from the rows a statement returned by
   * delivery key; a delivery it did not return (a concurrent insert) is read
   * back first. `insertedNow` gives the event of a row this statement
   * inserted when it returned only that row's keys.
   */
  const resultsOf = async (
    rows: readonly Row[],
    stored: Map<string, Row>,
    insertedNow: (id: string) => LifecycleEvent | undefined = () => undefined,
  ): Promise<RecordLifecycleEventResult[]> => {
    const missing = rows.filter((row) => !stored.has(deliveryKey(row)));
    if (missing.length > 0) for (const [key, row] of await findDeliveries(missing)) stored.set(key, row);
    return rows.map((row): RecordLifecycleEventResult => {
      const found = stored.get(deliveryKey(row));
      if (!found)
        throw new Error(
          `The ${TABLE} row of delivery ${str(row.delivery_id)} vanished right after its insert.`,
        );
      const event = insertedNow(str(found.id)) ?? toEvent(found);
      return found.id === row.id ? { inserted: true, event } : { inserted: false, existing: event };
    });
  };

  /**
   * One INSERT … ON CONFLICT DO NOTHING RETURNING per slice of the list: the
   * rows it returns are new; the others (recorded before, or earlier in this
   * list) are read back by their delivery key. Race-safe without catching
   * errors, so it also runs inside a PostgreSQL transaction.
   */
  const recordMany = async (
    list: readonly RecordLifecycleEventParams[],
  ): Promise<RecordLifecycleEventResult[]> => {
    const results: RecordLifecycleEventResult[] = [];
    for (let from = 0; from < list.length; from += INSERT_ROWS_PER_STATEMENT) {
      const rows = list.slice(from, from + INSERT_ROWS_PER_STATEMENT).map(toRow);
      const inserted = (await knex(TABLE)
        .insert(rows)
        .onConflict(['channel', 'delivery_id'])
        .ignore()
        .returning('*')) as Row[];
      results.push(...(await resultsOf(rows, new Map(inserted.map((row) => [deliveryKey(row), row])))));
    }
    return results;
  };

  /** SQLite: every statement of the batch in one synchronous transaction (ingestOnSqlite). */
  const recordAndDisconnectOnSqlite = async (
    list: readonly RecordAndDisconnectParams[],
  ): Promise<RecordAndDisconnectResult> => {
    const now = new Date();
    const dated = list.map((params) => (params.receivedAt ? params : { ...params, receivedAt: now }));
    const rows = dated.map(toRow);
    const inputs = dated.map((params, index): SqliteIngestInput => {
      const row = rows[index] as SqliteIngestInput['row'];
      const { disconnect, storeId } = params;
      if (!disconnect || !storeId) return { row };
      return { row, disconnect: { storeId, at: codec.date(disconnect.at), source: disconnect.source } };
    });
    const { stored, moved } = await ingestOnSqlite(knex, EVENT_COLUMNS, inputs, codec.date(now));
    return {
      results: rows.map((row, index): RecordLifecycleEventResult => {
        const found = stored[index] as Row;
        if (found !== row) return { inserted: false, existing: toEvent(found) };
        const params = dated[index] as RecordAndDisconnectParams & { receivedAt: Date };
        return { inserted: true, event: insertedEvent(params, row.id, params.receivedAt) };
      }),
      moved,
    };
  };

  /**
   * PostgreSQL: one statement (its own transaction) instead of BEGIN, INSERT,
   * UPDATE, COMMIT, each a round trip waiting for an event-loop turn. The
   * insert's RETURNING feeds the stores' UPDATE (first new event of a store
   * wins); the rows stored before this statement come back beside the new
   * ones. A delivery inserted meanwhile by a concurrent transaction is in
   * neither and is read back after.
   */
  const recordAndDisconnectInOneStatement = async (
    list: readonly RecordAndDisconnectParams[],
  ): Promise<RecordAndDisconnectResult> => {
    const now = new Date();
    const rows = list.map((params) => ({
      params,
      id: newTimeOrderedId(),
      channel: params.channel,
      delivery_id: params.deliveryId,
      received_at: params.receivedAt ?? now,
    }));
    const input = JSON.stringify(
      rows.map((row, ord) => ingestInput(row.params, ord, row.id, row.received_at)),
    );
    const result = (await knex
      .raw(INGEST_STATEMENT, [input, StoreStates.disconnecting, now, StoreStates.connected])
      .options({ name: INGEST_STATEMENT_NAME })) as { rows: Array<Row & { kind: string; moved: boolean }> };
    const stored = new Map<string, Row>();
    const moved = new Set<string>();
    for (const row of result.rows) {
      if (row.kind === 'new' || !stored.has(deliveryKey(row))) stored.set(deliveryKey(row), row);
      if (row.moved) moved.add(str(row.store_id));
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    const insertedNow = (id: string) => {
      const row = byId.get(id);
      return row && insertedEvent(row.params, id, row.received_at);
    };
    return { results: await resultsOf(rows, stored, insertedNow), moved: [...moved] };
  };

  return {
    async recordAndBeginDisconnects(list) {
      if (list.length === 0) return { results: [], moved: [] };
      return ctx.dialect === 'postgres'
        ? recordAndDisconnectInOneStatement(list)
        : recordAndDisconnectOnSqlite(list);
    },
    async record(params: RecordLifecycleEventParams) {
      const [result] = await recordMany([params]);
      if (!result) throw new Error('Recording one lifecycle event produced no result.');
      return result;
    },
    recordMany,
    async findById(id) {
      const byId = planOnce(ctx, knex(TABLE).where({ id }), 'dropship_event_by_id', EVENT_COLUMNS);
      const row = (await byId.first()) as Row | undefined;
      return row ? toEvent(row) : null;
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const byIds = whereAnyOf(ctx, knex(TABLE), 'id', [...new Set(ids)]);
      const rows = (await planOnce(ctx, byIds, 'dropship_events_by_ids', EVENT_COLUMNS)) as Row[];
      return rows.map(toEvent);
    },
    findByDelivery: (channel, deliveryId) => findOne({ channel, delivery_id: deliveryId }),
    async listPending({ receivedBefore, after, limit }) {
      const builder = knex(TABLE)
        .select(PENDING_COLUMNS)
        // A literal, not a bound value: only then can SQLite (and a generic PostgreSQL plan)
        // tell that the partial index of pending events covers the query.
        .whereRaw("outcome = 'pending'")
        .whereNotNull('store_id')
        .where('received_at', '<', codec.date(receivedBefore));
      if (after) {
        // A row-value comparison: both engines read it as a range of the (received_at, id)
        // index, so each page starts where the last one ended instead of at the oldest event.
        builder.whereRaw('(received_at, id) > (?, ?)', [codec.date(after.receivedAt), after.id]);
      }
      const rows = (await builder.orderBy(['received_at', 'id']).limit(limit)) as Row[];
      return rows.map((row) => ({
        id: str(row.id),
        storeId: str(row.store_id),
        source: str(row.source),
        triggeredAt: codec.readDateOrNull(row.triggered_at),
        receivedAt: codec.readDate(row.received_at),
        correlationId: strOrNull(row.correlation_id),
      }));
    },
    async setOutcome(id, outcome, reason) {
      const byId = planOnce(ctx, knex(TABLE).where({ id }), 'dropship_event_outcome');
      return (await byId.update({ outcome, outcome_reason: reason })) > 0;
    },
    async setOutcomes(ids, outcome, reason) {
      if (ids.length === 0) return [];
      const byIds = whereAnyOf(ctx, knex(TABLE), 'id', [...new Set(ids)]);
      const rows = (await byIds.update({ outcome, outcome_reason: reason }).returning('id')) as Row[];
      return rows.map((row) => str(row.id));
    },
    async list(params) {
      const builder = knex(TABLE);
      if (params.storeId !== undefined) builder.where({ store_id: params.storeId });
      if (params.outcome !== undefined) builder.where({ outcome: params.outcome });
      if (params.before !== undefined) builder.where('received_at', '<', codec.date(params.before));
      const rows = (await builder
        .orderBy([
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(params.limit)) as Row[];
      return rows.map(toEvent);
    },
  };
}

/**
 * Bindings: the rows as a JSON array, the disconnecting state, updated_at, the
 * connected state. Columns of the rows: those of the table, plus `ord` (their
 * order) and `disconnect_at` / `disconnect_source` (null when the event
 * begins no disconnect).
 *
 * The stores are found by primary key (`id = any(array(...))`), not by a join
 * the planner may turn into a scan of every connected store: it guesses 100
 * rows for the input, and with the stores table's statistics a hash join over
 * it won at ten to a hundred thousand stores, 5 ms of a 10 ms batch. For the
 * same reason the deliveries already stored are looked up one by one on their
 * unique index (a lateral subquery, kept from being flattened by its `limit`),
 * only for the inputs the insert skipped: as a join, the planner scanned the
 * whole events table at every batch while the table was young, a cost growing
 * with every event recorded. The connected state comes through a subquery so
 * that no plan can see its value: the first executions of a prepared
 * statement are planned with the values bound, and on tables not analyzed
 * yet such a plan read every connected store through stores_heartbeat_idx,
 * whose predicate is `state = 'connected'` (14.6 ms against 1.9 ms for 25
 * events among 20,000 stores).
 */
export const INGEST_STATEMENT = `
with input as (
  select * from jsonb_to_recordset(cast(? as jsonb)) as t(
    ord int, id text, channel text, delivery_id text, store_id text, source text, topic text,
    triggered_at timestamptz, received_at timestamptz, payload jsonb, outcome text,
    outcome_reason text, correlation_id text, disconnect_at timestamptz, disconnect_source text)
),
inserted as (
  insert into lifecycle_events (id, channel, delivery_id, store_id, source, topic, triggered_at,
    received_at, payload, outcome, outcome_reason, correlation_id)
  select id, channel, delivery_id, store_id, source, topic, triggered_at,
    received_at, payload, outcome, outcome_reason, correlation_id
  from input order by ord
  on conflict (channel, delivery_id) do nothing
  returning id, channel, delivery_id, store_id
),
first_disconnects as (
  select distinct on (input.store_id) input.store_id, input.disconnect_at, input.disconnect_source
  from input join inserted on inserted.id = input.id
  where input.disconnect_at is not null
  order by input.store_id, input.ord
),
moved as (
  update stores set state = ?, automation_enabled = false, disconnected_at = f.disconnect_at,
    disconnect_source = f.disconnect_source, updated_at = ?
  from first_disconnects f
  where stores.id = any(array(select store_id from first_disconnects)) and stores.id = f.store_id
    and stores.state = (select cast(? as text))
    and (stores.installed_at is null or stores.installed_at <= f.disconnect_at)
  returning stores.id
)
select 'new' as kind, ${NEW_ROW_COLUMNS}, moved.id is not null as moved
  from inserted left join moved on moved.id = inserted.store_id
union all
select 'old' as kind, ${columnsOf('stored')}, false as moved
  from input cross join lateral (
    select * from lifecycle_events s
    where s.channel = input.channel and s.delivery_id = input.delivery_id limit 1
  ) stored
  where input.id not in (select id from inserted)
`;

/**
 * The ingest statement runs under a name, so each connection plans it once: its
 * input is one JSON document, so no custom plan could use the values, and
 * planning it took a fifth of its time (17 of 113 µs per event). Its columns
 * are named, not `*`: a prepared statement whose result gains a column (a
 * migration run while this process serves) fails with "cached plan must not
 * change result type".
 */
const INGEST_STATEMENT_NAME = 'dropship_ingest_events';
