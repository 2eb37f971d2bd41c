import { randomInt } from 'node:crypto';
import { Router } from 'express';
import type { ServerDeps } from '../../server-deps';
import { merchantOf } from '../auth/authenticate-merchant';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
const CODE_TTL_MS = 30 * 60_000;

/** `XXXX-XXXX-XXXX` without look-alike characters (0/O, 1/I), easy to paste or type. */
function newCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** POST /api/connection-codes: a one-time code the owner pastes into the plugin (fallback connect). */
export function connectionCodeRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post('/connection-codes', async (_req, res) => {
    const { account } = merchantOf(res);
    const now = deps.clock.now();
    const code = newCode();
    const created = await deps.repos.connectionCodes.create({
      code,
      accountId: account.id,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    });
    res.status(201).json({ code, expiresAt: created.expiresAt.toISOString() });
  });
  return router;
}
