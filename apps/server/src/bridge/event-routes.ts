import { Router } from 'express';
import { LifecycleSources, StoreStates } from '@dropship/core';
import type { LifecycleSource, Store } from '@dropship/core';
import { BridgeEventTypes, BridgePaths, parseBridgeBody } from '@dropship/woocommerce';
import type { BridgeBody, BridgeEventType } from '@dropship/woocommerce';
import { expressEndpoint } from '../http/lane';
import type { Endpoint, EndpointAnswer, EndpointRequest, LaneRoute } from '../http/lane';
import type { ServerDeps } from '../server-deps';
import { authenticateSigned } from './authenticate-bridge';
import { bridgeLookups } from './bridge-lookups';
import type { AuthenticatedBridgeRequest } from './authenticate-bridge';
import { recordUnreadable } from './record-unreadable';
import { BridgeRefusals, refusal } from './bridge-http';
import { loadSubscriptionView } from './subscription-view';
import { recordWebhookOutcome, WebhookOutcomes } from '../ops';

const sourceOf: Record<BridgeEventType, LifecycleSource> = {
  [BridgeEventTypes.activated]: LifecycleSources.wpActivated,
  [BridgeEventTypes.deactivated]: LifecycleSources.wpDeactivated,
  [BridgeEventTypes.deleted]: LifecycleSources.wpDeleted,
};

/**
 * The authenticated site and its body as the protocol's JSON, or the refusal
 * to answer: a body signed by the site but unreadable is recorded (a rejected
 * event) before its 400.
 */
async function signedBody<K extends 'event' | 'heartbeat'>(
  deps: ServerDeps,
  request: EndpointRequest,
  kind: K,
): Promise<{ auth: AuthenticatedBridgeRequest; body: BridgeBody<K> } | { refused: EndpointAnswer }> {
  const authenticated = await authenticateSigned(deps, request);
  if ('refused' in authenticated) return authenticated;
  const { auth } = authenticated;
  const parsed = parseBridgeBody(kind, auth.rawBody);
  if (parsed.ok) return { auth, body: parsed.value };
  await recordUnreadable(deps, auth, parsed.reason, request.path, request.id);
  const reason =
    parsed.reason === 'malformed_json' ? BridgeRefusals.malformedJson : BridgeRefusals.invalidBody;
  return { refused: refusal(request, 400, reason, parsed.error) };
}

async function postEvent(deps: ServerDeps, request: EndpointRequest): Promise<EndpointAnswer> {
  const signed = await signedBody(deps, request, 'event');
  if ('refused' in signed) return signed.refused;
  const { auth, body } = signed;
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
    correlationId: request.id,
  });
  recordWebhookOutcome({
    channel: 'wp_bridge',
    topic: `wp.${body.type}`,
    outcome: ingested.status === 'duplicate' ? WebhookOutcomes.duplicate : WebhookOutcomes.accepted,
  });
  // A deactivation or deletion may have just taken the store out of `connected`:
  // the ingest says so when it did, otherwise the store is read again.
  const store =
    ingested.status === 'accepted' && ingested.storeLeft
      ? { ...auth.store, state: StoreStates.disconnecting }
      : ((await bridgeLookups(deps.repos).store(auth.store.id)) ?? auth.store);
  const subscription = await loadSubscriptionView(deps.repos, store);
  return {
    status: 200,
    body: {
      accepted: true,
      duplicate: ingested.status === 'duplicate',
      store_state: store.state,
      subscription,
    },
  };
}

async function postHeartbeat(deps: ServerDeps, request: EndpointRequest): Promise<EndpointAnswer> {
  const signed = await signedBody(deps, request, 'heartbeat');
  if ('refused' in signed) return signed.refused;
  const { auth } = signed;
  const now = deps.clock.now();
  await deps.repos.stores.setCredentials(auth.store.id, { heartbeatAt: now });
  await reconnectAfterSilence(deps, auth.store, now, request.id);
  recordWebhookOutcome({ channel: 'wp_bridge', topic: 'wp.heartbeat', outcome: WebhookOutcomes.accepted });
  return { status: 200, body: { ok: true, store_state: auth.store.state } };
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

async function getSubscription(deps: ServerDeps, request: EndpointRequest): Promise<EndpointAnswer> {
  const authenticated = await authenticateSigned(deps, request);
  if ('refused' in authenticated) return authenticated.refused;
  return { status: 200, body: await loadSubscriptionView(deps.repos, authenticated.auth.store) };
}

type Handler = (deps: ServerDeps, request: EndpointRequest) => Promise<EndpointAnswer>;

const bind =
  (deps: ServerDeps, handler: Handler): Endpoint =>
  (request) =>
    handler(deps, request);

/** The bridge's own 413 for a body over the app's limit (the protocol's limit is lower still). */
const bodyTooLarge: Endpoint = (request) =>
  Promise.resolve(refusal(request, 413, BridgeRefusals.bodyTooLarge));

/** The signed POSTs a site sends most, for the lane (http/lane.ts). */
export function eventLaneRoutes(deps: ServerDeps): LaneRoute[] {
  return [
    { method: 'POST', path: BridgePaths.events, endpoint: bind(deps, postEvent), bodyTooLarge },
    { method: 'POST', path: BridgePaths.heartbeat, endpoint: bind(deps, postHeartbeat), bodyTooLarge },
  ];
}

/** The signed endpoints of a connected site. */
export function eventRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(BridgePaths.events, expressEndpoint(BridgePaths.events, bind(deps, postEvent)));
  router.post(BridgePaths.heartbeat, expressEndpoint(BridgePaths.heartbeat, bind(deps, postHeartbeat)));
  router.get(
    BridgePaths.subscription,
    expressEndpoint(BridgePaths.subscription, bind(deps, getSubscription)),
  );
  return router;
}
