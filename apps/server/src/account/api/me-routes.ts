import { Router } from 'express';
import { ErrorKinds } from '@dropship/core';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from '../../ops';
import type { ServerDeps } from '../../server-deps';
import { AccountAreaError } from '../auth/account-error';
import { merchantOf, requireAccountArea } from '../auth/authenticate-merchant';

async function localeOf(deps: ServerDeps, accountId: string): Promise<'en' | 'fr'> {
  const [store] = await deps.repos.stores.listByAccount(accountId);
  const locale = store ? (await deps.repos.stores.getContact(store.id))?.locale : null;
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** GET /api/me, and POST /api/account/password (an owner who came by link sets a password). */
export function meRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const merchant = merchantOf(res);
    const { account } = merchant;
    res.json({
      account: { id: account.id, email: account.email, name: account.name, status: account.status },
      mode: merchant.mode,
      locale: await localeOf(deps, account.id),
      csrfToken: merchant.mode === 'account' ? merchant.csrfToken : null,
      ...(merchant.mode === 'embedded' ? { shop: merchant.shop } : {}),
    });
  });
  router.post('/account/password', async (req, res) => {
    const { account } = requireAccountArea(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const password = typeof body.password === 'string' ? body.password : '';
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new AccountAreaError(
        ErrorKinds.invalidInput,
        `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
        {
          field: 'password',
        },
      );
    }
    const current = await deps.repos.accountCredentials.getPasswordHash(account.id);
    const given = typeof body.currentPassword === 'string' ? body.currentPassword : '';
    if (current && !(await verifyPassword(given, current))) {
      throw new AccountAreaError(ErrorKinds.invalidInput, 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    await deps.repos.accountCredentials.setPasswordHash(
      account.id,
      await hashPassword(password),
      deps.clock.now(),
    );
    await deps.repos.audit.append({
      at: deps.clock.now(),
      actorType: 'merchant',
      actorId: account.id,
      action: 'account.password_set',
      entityType: 'account',
      entityId: account.id,
    });
    res.status(204).end();
  });
  return router;
}
