import type { Request, Response } from 'express';
import { Router } from 'express';
import { resumeOrderAutomation } from '@dropship/lifecycle';
import { parseKeyCallback, verifyConnectState } from '@dropship/woocommerce';
import type { WooKeyCallback } from '@dropship/woocommerce';
import { KEY_CALLBACK_PATH } from '../bridge/connect-routes';
import { connectStateKey, newSecret, normaliseSiteUrl } from '../bridge/site-identity';
import { rawBodyOf } from '../http/body-parsers';
import type { ServerDeps } from '../server-deps';
import { verifySiteKeys } from './verify-site-keys';

const KEY_CHECK_TIMEOUT_MS = 15_000;

function answer(req: Request, res: Response, status: number, error: string, message: string): void {
  req.log.setBindings({ keyCallbackRefusal: error });
  // Anything but 200 makes WooCommerce delete the key it just created: wanted for every refusal.
  res.status(status).json({ error, message });
}

async function storeKeysOnSite(deps: ServerDeps, storeId: string, siteUrl: string, keys: WooKeyCallback) {
  const now = deps.clock.now();
  await deps.repos.transaction(async (repos) => {
    await repos.stores.setCredentials(storeId, {
      wcConsumerKey: keys.consumerKey,
      wcConsumerSecret: keys.consumerSecret,
    });
    const link = await repos.wooStores.findByStore(storeId);
    await repos.wooStores.save({
      storeId,
      siteUrl: link?.siteUrl ?? normaliseSiteUrl(siteUrl),
      keyId: keys.keyId,
      keyPermissions: keys.keyPermissions,
      ...(link ? {} : { webhookSecret: newSecret() }),
      at: now,
    });
  });
  // A key for a store already connected: its orders can be read now. After
  // the commit; a Redis failure leaves the key stored, and the next
  // connection (or a retry of this flow) starts the automation.
  try {
    const store = await deps.repos.stores.findById(storeId);
    if (store) await resumeOrderAutomation(deps, store, `key-${keys.keyId}`);
  } catch (err) {
    deps.log.warn(
      { err, storeId },
      'order sync or webhook subscription not started for a new WooCommerce key',
    );
  }
}

/**
 * `POST /woocommerce/auth/callback`: WooCommerce delivers the REST key the
 * owner approved. The state (echoed as user_id) names the connection; the key
 * must work on the connection's site. Answers exactly 200 when kept.
 */
async function keyCallback(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const parsed = parseKeyCallback(rawBodyOf(req) ?? req.body);
  if (!parsed.ok) return answer(req, res, 400, 'invalid_body', parsed.error);
  const keys = parsed.value;
  const now = deps.clock.now();
  const state = verifyConnectState(keys.state, connectStateKey(deps.config.sessionSecret), now);
  if (!state.ok)
    return answer(
      req,
      res,
      401,
      `state_${state.reason}`,
      'The connection state is not valid: start the connection again.',
    );
  const connection = await deps.repos.wpConnections.findById(state.connectionId);
  if (!connection)
    return answer(req, res, 404, 'unknown_connection', 'The connection no longer exists: start it again.');
  if (connection.claimedAt)
    return answer(req, res, 409, 'already_claimed', 'This connection is finished already.');
  if (keys.keyPermissions !== 'read_write') {
    return answer(
      req,
      res,
      400,
      'wrong_permissions',
      'The platform needs read_write access to products and orders.',
    );
  }
  const check = await verifySiteKeys(connection.siteUrl, keys, KEY_CHECK_TIMEOUT_MS);
  if (!check.ok) {
    return answer(
      req,
      res,
      check.reason === 'keys_rejected' ? 400 : 502,
      check.reason,
      `The site did not accept the key: ${check.detail}`,
    );
  }
  if (connection.kind === 'keys' && connection.storeId) {
    await storeKeysOnSite(deps, connection.storeId, connection.siteUrl, keys);
  } else {
    await deps.repos.wpConnections.markKeysReceived(connection.id, keys, now);
  }
  res.status(200).json({ ok: true });
}

export function keyCallbackRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(KEY_CALLBACK_PATH, (req, res) => keyCallback(deps, req, res));
  return router;
}
