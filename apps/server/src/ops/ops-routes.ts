import { Router } from 'express';
import type { ServerDeps } from '../server-deps';
import { opsApiRoutes } from './api/ops-api-routes';
import { metricsRoutes } from './metrics/metrics-routes';
import { opsPages } from './ops-pages';
import { QUEUE_BOARD_PATH, queueBoard } from './queues/queue-board';
import { signInRoutes } from './team/sign-in-routes';
import { identifyTeam, requireTeam } from './team/team-auth';
import { createTeamSessions } from './team/team-sessions';

/**
 * What the dropship team uses: sign-in, the lifecycle view (/ops), its JSON
 * API (/ops/api), the queue board (/ops/queues) and /metrics. Every /ops route
 * but the sign-in form needs a team session or OPS_TOKEN.
 */
export function opsRoutes(deps: ServerDeps): Router {
  const sessions = createTeamSessions({ team: deps.repos.team, clock: deps.clock });
  const router = Router();
  router.use(metricsRoutes(deps));
  router.use('/ops', identifyTeam({ sessions, opsToken: deps.config.opsToken }));
  router.use(signInRoutes({ sessions, config: deps.config }));
  router.use('/ops/api', requireTeam('api'), opsApiRoutes(deps));
  router.use(QUEUE_BOARD_PATH, requireTeam('page'), ...queueBoard(deps.queues));
  router.use('/ops', requireTeam('page'), opsPages(deps));
  return router;
}
