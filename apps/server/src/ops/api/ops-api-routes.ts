import { Router } from 'express';
import { ErrorKinds } from '@dropship/core';
import { ServerError } from '../../errors';
import { correlationIdOf } from '../../http/request-correlation';
import type { ServerDeps } from '../../server-deps';
import { listFailedLifecycleJobs } from '../lifecycle/lifecycle-jobs';
import {
  readDisconnectWindow,
  readLifecycleOverview,
  readOpenBillingRequests,
  readStillBilled,
} from '../lifecycle/read-overview';
import { findStoreByDomain, readStoreTimeline } from '../lifecycle/store-timeline';
import { summariseStore, summariseSubscription } from '../lifecycle/summaries';
import { markBillingRequestHandled, retryLifecycleJob } from '../operator-actions';
import { principalOf, requireCsrfToken, requireOperator } from '../team/team-auth';
import type { TeamPrincipal } from '../team/team-auth';

const LIMIT = 200;
const param = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join('/') : (value ?? '');

/** /ops/api: the lifecycle view as JSON, for scripts (Bearer OPS_TOKEN) and signed-in members. */
export function opsApiRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Who is calling, and the CSRF token a signed-in member's script sends back as X-CSRF-Token.
  router.get('/session', (_req, res) => {
    const principal = principalOf(res) as TeamPrincipal;
    res.json({
      name: principal.name,
      role: principal.role,
      kind: principal.kind,
      csrfToken: principal.csrfToken,
    });
  });
  router.get('/overview', async (_req, res) => {
    res.json(await readLifecycleOverview(deps));
  });
  router.get('/disconnects', async (req, res) => {
    const window = req.query.window ?? '24h';
    if (window !== '24h' && window !== '7d') {
      throw new ServerError(ErrorKinds.invalidInput, 'window must be 24h or 7d.', { field: 'window' });
    }
    res.json(await readDisconnectWindow(deps, window));
  });
  router.get('/still-billed', async (_req, res) => {
    res.json({ items: await readStillBilled(deps.repos) });
  });
  router.get('/pending-cancellations', async (_req, res) => {
    const rows = await deps.repos.opsQueries.listPendingCancellations(LIMIT);
    res.json({
      items: rows.map((r) => ({
        store: summariseStore(r.store),
        subscription: summariseSubscription(r.subscription),
      })),
    });
  });
  router.get('/billing-requests', async (_req, res) => {
    res.json({ items: await readOpenBillingRequests(deps.repos) });
  });
  router.get('/lifecycle-jobs/failed', async (_req, res) => {
    res.json({ items: await listFailedLifecycleJobs(deps.queues.lifecycle, LIMIT) });
  });
  router.get('/stores/lookup', async (req, res) => {
    const store = await findStoreByDomain(
      deps.repos,
      String(req.query.platform ?? ''),
      String(req.query.domain ?? ''),
    );
    res.json({
      store: summariseStore(store),
      timelineApiUrl: `/ops/api/stores/${encodeURIComponent(store.id)}/timeline`,
    });
  });
  router.get('/stores/:storeId/timeline', async (req, res) => {
    res.json(await readStoreTimeline(deps, param(req.params.storeId)));
  });
  router.post('/lifecycle-jobs/:jobId/retry', requireOperator, requireCsrfToken, async (req, res) => {
    const job = await retryLifecycleJob(
      deps,
      principalOf(res) as TeamPrincipal,
      param(req.params.jobId),
      correlationIdOf(req),
    );
    res.json({ job });
  });
  router.post('/billing-requests/:requestId/handled', requireOperator, requireCsrfToken, async (req, res) => {
    const principal = principalOf(res) as TeamPrincipal;
    res.json(
      await markBillingRequestHandled(deps, principal, param(req.params.requestId), correlationIdOf(req)),
    );
  });
  return router;
}
