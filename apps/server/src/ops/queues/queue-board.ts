import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { ErrorKinds, TeamRoles } from '@dropship/core';
import { allQueueNames } from '@dropship/queues';
import type { Queues } from '@dropship/queues';
import { ServerError } from '../../errors';
import { isSafeMethod, principalOf, requireSameOriginOrCsrf } from '../team/team-auth';

export const QUEUE_BOARD_PATH = '/ops/queues';

function buildBoard(queues: Queues, readOnlyMode: boolean): RequestHandler {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: allQueueNames.map((name) => new BullMQAdapter(queues.byName[name], { readOnlyMode })),
    serverAdapter,
    options: { uiConfig: { boardTitle: readOnlyMode ? 'Dropship queues (read-only)' : 'Dropship queues' } },
  });
  return serverAdapter.getRouter() as RequestHandler;
}

/**
 * Bull Board for the team (mounted behind team sign-in): operators get the
 * full board; viewers a read-only one, and any state-changing request of a
 * viewer is refused here with 403 before the board sees it — hidden buttons
 * alone protect nothing.
 */
export function queueBoard(queues: Queues): RequestHandler[] {
  const full = buildBoard(queues, false);
  const readOnly = buildBoard(queues, true);
  const refuseViewerWrites: RequestHandler = (req, res, next) => {
    const principal = principalOf(res);
    if (principal?.role === TeamRoles.operator || isSafeMethod(req.method)) return next();
    next(
      new ServerError(
        ErrorKinds.forbidden,
        'Viewers cannot retry, remove, clean or change jobs: this needs the operator role.',
      ),
    );
  };
  const dispatch: RequestHandler = (req, res, next) =>
    (principalOf(res)?.role === TeamRoles.operator ? full : readOnly)(req, res, next);
  return [refuseViewerWrites, requireSameOriginOrCsrf, dispatch];
}
