import type { AuditEntry, AuditRepository } from '@dropship/core';
import { newTimeOrderedId, str, strOrNull } from './context';
import type { RepositoryContext, Row } from './context';

const TABLE = 'audit_log';

export function createAuditRepository(ctx: RepositoryContext): AuditRepository {
  const { knex, codec } = ctx;

  const toEntry = (row: Row): AuditEntry => ({
    id: str(row.id),
    at: codec.readDate(row.at),
    actorType: str(row.actor_type) as AuditEntry['actorType'],
    actorId: strOrNull(row.actor_id),
    action: str(row.action),
    entityType: str(row.entity_type),
    entityId: strOrNull(row.entity_id),
    details: (codec.readJson(row.details) ?? {}) as Record<string, unknown>,
    correlationId: strOrNull(row.correlation_id),
  });

  return {
    async append(params) {
      const entry: AuditEntry = {
        id: newTimeOrderedId(),
        at: params.at ?? new Date(),
        actorType: params.actorType,
        actorId: params.actorId ?? null,
        action: params.action,
        entityType: params.entityType,
        entityId: params.entityId ?? null,
        details: params.details ?? {},
        correlationId: params.correlationId ?? null,
      };
      await knex(TABLE).insert({
        id: entry.id,
        at: codec.date(entry.at),
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        details: codec.json(entry.details),
        correlation_id: entry.correlationId,
      });
      return entry;
    },
    async listByEntity(entityType, entityId, limit = 100) {
      const rows = (await knex(TABLE)
        .where({ entity_type: entityType, entity_id: entityId })
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)) as Row[];
      return rows.map(toEntry);
    },
  };
}
