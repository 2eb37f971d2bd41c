import { Router } from 'express';
import type { Request } from 'express';
import { ChecklistItemNames, ErrorKinds } from '@dropship/core';
import type { ChecklistItemName, OrderRecord, Store } from '@dropship/core';
import type { ServerDeps } from '../../server-deps';
import { AccountAreaError } from '../auth/account-error';
import { merchantOf } from '../auth/authenticate-merchant';
import { ownedStore } from './owned-store';
import { storeSummary } from './store-summary';
import { sendTeamNotice } from './team-notice';

const PENDING_ORDERS_LIMIT = 500;

function orderAdminUrl(store: Store, platformOrderId: string): string | null {
  const id = platformOrderId.split('/').pop();
  if (!id) return null;
  return store.platform === 'shopify'
    ? `https://${store.domain}/admin/orders/${encodeURIComponent(id)}`
    : `https://${store.domain}/wp-admin/post.php?post=${encodeURIComponent(id)}&action=edit`;
}

function pendingOrderJson(store: Store, order: OrderRecord) {
  const payload = (order.payload ?? {}) as { name?: unknown; number?: unknown };
  const name =
    typeof payload.name === 'string' ? payload.name : `#${String(payload.number ?? order.platformOrderId)}`;
  return {
    id: order.id,
    platformOrderId: order.platformOrderId,
    name,
    createdAt: order.receivedAt.toISOString(),
    status: order.status,
    adminUrl: orderAdminUrl(store, order.platformOrderId),
  };
}

async function checklistJson(deps: ServerDeps, store: Store) {
  const [checklist, subscription] = await Promise.all([
    deps.repos.storeChecklists.get(store.id),
    deps.repos.subscriptions.findLatestByStore(store.id),
  ]);
  const endsAt = subscription ? (subscription.billingEndsAt ?? subscription.currentPeriodEnd) : null;
  return {
    items: checklist.items,
    teamEmails: checklist.teamEmails,
    billingCycleEndsAt: endsAt?.toISOString() ?? null,
  };
}

function parseChecklistChange(req: Request): { item: ChecklistItemName; done: boolean } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (!ChecklistItemNames.includes(body.item as ChecklistItemName) || typeof body.done !== 'boolean') {
    throw new AccountAreaError(
      ErrorKinds.invalidInput,
      `Send { item, done }: item is one of ${ChecklistItemNames.join(', ')} and done is true or false.`,
      { field: 'item' },
    );
  }
  return { item: body.item as ChecklistItemName, done: body.done };
}

/** The caller's stores: summaries, pending orders, the before-you-disconnect checklist. */
export function storeRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.get('/stores', async (_req, res) => {
    const stores = await deps.repos.stores.listByAccount(merchantOf(res).account.id);
    res.json({ stores: await Promise.all(stores.map((store) => storeSummary(deps.repos, store))) });
  });
  router.get('/stores/:storeId', async (req, res) => {
    res.json(await storeSummary(deps.repos, await ownedStore(deps, res, req.params.storeId)));
  });
  router.get('/stores/:storeId/pending-orders', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    const orders = await deps.repos.orders.listByStatus(store.id, 'pending', PENDING_ORDERS_LIMIT);
    res.json({ orders: orders.map((order) => pendingOrderJson(store, order)) });
  });
  router.get('/stores/:storeId/checklist', async (req, res) => {
    res.json(await checklistJson(deps, await ownedStore(deps, res, req.params.storeId)));
  });
  router.put('/stores/:storeId/checklist', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    const { item, done } = parseChecklistChange(req);
    await deps.repos.storeChecklists.setItem(store.id, item, done, deps.clock.now());
    res.json(await checklistJson(deps, store));
  });
  router.post('/stores/:storeId/team-notice', async (req, res) => {
    const store = await ownedStore(deps, res, req.params.storeId);
    res.json({ sent: await sendTeamNotice(deps, store, merchantOf(res).account.id, req.body) });
  });
  return router;
}
