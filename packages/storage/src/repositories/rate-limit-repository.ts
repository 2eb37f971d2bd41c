import type { RateLimitRepository } from '@dropship/core';
import type { RepositoryContext, Row } from './context';

const TABLE = 'rate_limits';

export function createRateLimitRepository(ctx: RepositoryContext): RateLimitRepository {
  const { knex, codec } = ctx;
  return {
    // One atomic upsert: concurrent hits from several server processes all count.
    async hit(key, windowMs, now) {
      const nowValue = codec.date(now);
      const fresh = codec.date(new Date(now.getTime() + windowMs));
      const rows = (await knex(TABLE)
        .insert({ key, hits: 1, window_ends_at: fresh })
        .onConflict('key')
        .merge({
          hits: knex.raw(`CASE WHEN ${TABLE}.window_ends_at <= ? THEN 1 ELSE ${TABLE}.hits + 1 END`, [
            nowValue,
          ]),
          window_ends_at: knex.raw(
            `CASE WHEN ${TABLE}.window_ends_at <= ? THEN ? ELSE ${TABLE}.window_ends_at END`,
            [nowValue, fresh],
          ),
        })
        .returning(['hits', 'window_ends_at'])) as Row[];
      const row = rows[0];
      if (!row) throw new Error('The rate limit counter returned no row.');
      return { count: codec.readInt(row.hits), windowEndsAt: codec.readDate(row.window_ends_at) };
    },
    async reset(key) {
      await knex(TABLE).where({ key }).delete();
    },
  };
}
