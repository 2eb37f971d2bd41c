import { createLoader } from '@dropship/core';
import type { Repositories } from '@dropship/core';

/**
 * The repositories with the reads by key that every lifecycle and
 * notification job makes (its event, its store, the disconnect report)
 * shared between the jobs running at once: the reads issued while one query
 * runs go together in the next one. A backlog of disconnects then costs one
 * query per batch of jobs for each, not one per job, and on PostgreSQL each
 * query is a round trip. A read always joins a query that starts after it is
 * issued, so a job reading back what it has just written sees its write.
 */
export function withSharedReads(repos: Repositories): Repositories {
  const stores = createLoader(
    (ids: string[]) => repos.stores.findByIds(ids),
    (store) => store.id,
  );
  const events = createLoader(
    (ids: string[]) => repos.lifecycleEvents.findByIds(ids),
    (event) => event.id,
  );
  const reports = createLoader(
    (eventIds: string[]) => repos.disconnectReports.findByEvents(eventIds),
    (report) => report.eventId,
  );
  return {
    ...repos,
    stores: { ...repos.stores, findById: (id) => stores.run(id) },
    lifecycleEvents: { ...repos.lifecycleEvents, findById: (id) => events.run(id) },
    disconnectReports: { ...repos.disconnectReports, findByEvent: (eventId) => reports.run(eventId) },
  };
}
