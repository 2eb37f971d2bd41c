import { Router } from 'express';
import type { Response } from 'express';
import { correlationIdOf } from '../http/request-correlation';
import type { ServerDeps } from '../server-deps';
import { readLifecycleOverview } from './lifecycle/read-overview';
import { findStoreByDomain, readStoreTimeline } from './lifecycle/store-timeline';
import { timelineUrlOf } from './lifecycle/summaries';
import { markBillingRequestHandled, retryLifecycleJob } from './operator-actions';
import { principalOf, requireCsrfToken, requireOperator } from './team/team-auth';
import type { TeamPrincipal } from './team/team-auth';
import { renderOverviewPage } from './views/overview-page';
import { renderTimelinePage } from './views/timeline-page';

function sendPage(res: Response, page: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page);
}

const principal = (res: Response): TeamPrincipal => principalOf(res) as TeamPrincipal;
const param = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? value.join('/') : (value ?? '');

/** The server-rendered lifecycle view, store timelines and the operators' form actions (mounted behind team sign-in). */
export function opsPages(deps: ServerDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    sendPage(res, renderOverviewPage(principal(res), await readLifecycleOverview(deps)));
  });
  router.get('/stores', async (req, res) => {
    const store = await findStoreByDomain(
      deps.repos,
      String(req.query.platform ?? ''),
      String(req.query.domain ?? ''),
    );
    res.redirect(303, timelineUrlOf(store.id));
  });
  router.get('/stores/:storeId', async (req, res) => {
    sendPage(
      res,
      renderTimelinePage(principal(res), await readStoreTimeline(deps, param(req.params.storeId))),
    );
  });
  router.post('/lifecycle-jobs/:jobId/retry', requireOperator, requireCsrfToken, async (req, res) => {
    await retryLifecycleJob(deps, principal(res), param(req.params.jobId), correlationIdOf(req));
    res.redirect(303, '/ops#failed-jobs');
  });
  router.post('/billing-requests/:requestId/handled', requireOperator, requireCsrfToken, async (req, res) => {
    await markBillingRequestHandled(deps, principal(res), param(req.params.requestId), correlationIdOf(req));
    res.redirect(303, '/ops#billing-requests');
  });
  return router;
}
