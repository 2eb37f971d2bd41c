import { Router } from 'express';
import type { Response } from 'express';
import { anonymiseAccount, deleteAccount, describeAccountDeletion, suspendAccount } from '@dropship/billing';
import type { AccountActionParams } from '@dropship/billing';
import type { Request } from 'express';
import type { ServerDeps } from '../../server-deps';
import { accountDeletionDepsOf } from '../billing-context';
import { requireAccountArea } from '../auth/authenticate-merchant';
import { closeOwnerSession } from '../auth/owner-sessions';

const messages = {
  deleted: 'Your account is deleted for good.',
  suspended: 'Your account is suspended: you are signed out and nothing more is billed.',
  anonymised: 'Your personal data is erased. Invoices are kept, anonymised, as the law requires.',
} as const;

function ownerParams(req: Request, res: Response): AccountActionParams {
  const { account } = requireAccountArea(res);
  return {
    accountId: account.id,
    actor: { type: 'merchant', id: account.id },
    confirm: (req.body as Record<string, unknown> | undefined)?.confirm,
  };
}

/** Seed 002 through the API: delete only without invoices, otherwise suspend or anonymise; explicit confirmation. */
export function accountDeletionRoutes(deps: ServerDeps): Router {
  const router = Router();
  const deletion = accountDeletionDepsOf(deps);
  router.get('/account/deletion', async (_req, res) => {
    const { account } = requireAccountArea(res);
    res.json(await describeAccountDeletion(deletion, account.id));
  });
  const actions = { delete: deleteAccount, suspend: suspendAccount, anonymise: anonymiseAccount } as const;
  for (const [name, run] of Object.entries(actions)) {
    router.post(`/account/${name}`, async (req, res) => {
      const { outcome } = await run(deletion, ownerParams(req, res));
      await closeOwnerSession(deps, req, res);
      res.json({ outcome, message: messages[outcome] });
    });
  }
  return router;
}
