import type { Request, Response } from 'express';
import { Router } from 'express';
import { LifecycleSources, StoreStates } from '@dropship/core';
import type { LifecycleSource, Store } from '@dropship/core';
import { BridgeEventTypes, BridgePaths, parseBridgeBody } from '@dropship/woocommerce';
import type { BridgeEventType } from '@dropship/woocommerce';
import type { DirectRoute } from '../http/direct-routes';
import type { ServerDeps } from '../server-deps';
import { authenticateBridge } from './authenticate-bridge';
import { bridgeLookups } from './bridge-lookups';
import type { AuthenticatedBridgeRequest } from './authenticate-bridge';
import { recordUnreadable } from './record-unreadable';
import { BridgeRefusals, refuse } from './bridge-http';
import { loadSubscriptionView } from './subscription-view';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';

const sourceOf: Record<BridgeEventType, LifecycleSource> = {
  [BridgeEventTypes.activated]: LifecycleSources.wpActivated,
  [BridgeEventTypes.deactivated]: LifecycleSources.wpDeactivated,
  [BridgeEventTypes.deleted]: LifecycleSources.wpDeleted,
};

/**
 * The signed body as the protocol's JSON, or null after answering 400: a body
 * signed by the site but unreadable is recorded (a rejected event) first.
 */
async function readBody<K extends 'event' | 'heartbeat'>(
  deps: ServerDeps,
  req: Request,
  res: Response,
  auth: AuthenticatedBridgeRequest,
  kind: K,
) {
  const parsed = parseBridgeBody(kind, auth.rawBody);
  if (parsed.ok) return parsed.value;
  await recordUnreadable(deps, auth, parsed.reason, req.path, req.id as string);
  refuse(
    req,
    res,
    400,
    parsed.reason === 'malformed_json' ? BridgeRefusals.malformedJson : BridgeRefusals.invalidBody,
    parsed.error,
  );
  return null;
}

async function postEvent(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const auth = await authenticateBridge(deps, req, res);
  if (!auth) return;
  const body = await readBody(deps, req, res, auth, 'event');
  if (!body) return;
  if (body.type === BridgeEventTypes.activated) {
    // An activation says the plugin is alive: the heartbeat-loss clock restarts.
    await deps.repos.stores.setCredentials(auth.store.id, { heartbeatAt: deps.clock.now() });
  }
  const ingested = await deps.ingest.ingest({
    channel: 'wp_bridge',
    // The occurrence id survives the plugin's retries; the event id does not.
    deliveryId: body.occurrence_id,
    storeId: auth.store.id,
    source: sourceOf[body.type],
    topic: `wp.${body.type}`,
    triggeredAt: new Date(body.occurred_at),
    payload: body,
    correlationId: req.id as string,
  });
  recordWebhookOutcome({
    channel: 'wp_bridge',
    topic: `wp.${body.type}`,
    outcome: ingested.status === 'duplicate' ? WebhookOutcomes.duplicate : WebhookOutcomes.accepted,
  });
  // Read again: recording a deactivation or deletion has just taken the store out of `connected`.
  const store = (await bridgeLookups(deps.repos).store(auth.store.id)) ?? auth.store;
  const subscription = await loadSubscriptionView(deps.repos, store);
  res.status(200).json({
    accepted: true,
    duplicate: ingested.status === 'duplicate',
    store_state: store.state,
    subscription,
  });
}

async function postHeartbeat(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const auth = await authenticateBridge(deps, req, res);
  if (!auth) return;
  if (!(await readBody(deps, req, res, auth, 'heartbeat'))) return;
  const now = deps.clock.now();
  await deps.repos.stores.setCredentials(auth.store.id, { heartbeatAt: now });
  await reconnectAfterSilence(deps, auth.store, now, req.id as string);
  recordWebhookOutcome({ channel: 'wp_bridge', topic: 'wp.heartbeat', outcome: WebhookOutcomes.accepted });
  res.status(200).json({ ok: true, store_state: auth.store.state });
}

/**
 * A store disconnected for a lost heartbeat whose plugin beats again was not
 * removed after all (the platform or the network was down): the active plugin
 * reconnects it, once per silence.
 */
async function reconnectAfterSilence(deps: ServerDeps, store: Store, now: Date, correlationId: string) {
  if (store.state === StoreStates.connected || store.disconnectSource !== LifecycleSources.heartbeatLost)
    return;
  await deps.ingest.ingest({
    channel: 'wp_bridge',
    deliveryId: `heartbeat_resumed:${store.id}:${store.disconnectedAt?.getTime() ?? 0}`,
    storeId: store.id,
    source: LifecycleSources.wpActivated,
    topic: 'wp.heartbeat_resumed',
    triggeredAt: now,
    payload: { disconnectedAt: store.disconnectedAt?.toISOString() ?? null },
    correlationId,
  });
}

async function getSubscription(deps: ServerDeps, req: Request, res: Response): Promise<void> {
  const auth = await authenticateBridge(deps, req, res);
  if (!auth) return;
  res.status(200).json(await loadSubscriptionView(deps.repos, auth.store));
}

type Handler = (deps: ServerDeps, req: Request, res: Response) => Promise<void>;

const bind = (deps: ServerDeps, handler: Handler) => (req: Request, res: Response) => handler(deps, req, res);

/** The signed POSTs a site sends most, for the app's direct routes (http/direct-routes.ts). */
export function eventDirectRoutes(deps: ServerDeps): DirectRoute[] {
  return [
    { method: 'POST', path: BridgePaths.events, handlers: [bind(deps, postEvent)] },
    { method: 'POST', path: BridgePaths.heartbeat, handlers: [bind(deps, postHeartbeat)] },
  ];
}

/** The signed endpoints of a connected site. */
export function eventRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(BridgePaths.events, bind(deps, postEvent));
  router.post(BridgePaths.heartbeat, bind(deps, postHeartbeat));
  router.get(BridgePaths.subscription, bind(deps, getSubscription));
  return router;
}
