import type { Repositories, Store } from '@dropship/core';

/** What a disconnect leaves behind, without ids and times, so two runs can be compared. */
export async function disconnectEndState(repos: Repositories, store: Store, eventId: string) {
  const [current, event, report, subscription, sessions, messages, team] = await Promise.all([
    repos.stores.findById(store.id),
    repos.lifecycleEvents.findById(eventId),
    repos.disconnectReports.findByEvent(eventId),
    repos.subscriptions.findLatestByStore(store.id),
    repos.shopifySessions.findByShop(store.domain),
    repos.outbox.list({ limit: 1000 }),
    repos.teamSupplierOrders.countByStore(store.id),
  ]);
  const mine = messages.filter((m) => m.text.includes(store.domain) || m.subject.includes(store.domain));
  return {
    state: current?.state,
    automationEnabled: current?.automationEnabled,
    outcome: event?.outcome,
    reportsForEvent: report ? 1 : 0,
    productsCount: report?.productsCount,
    pendingOrders: report?.pendingOrders.map((o) => o.placement),
    billing: report?.billing.kind,
    subscriptionStatus: subscription?.status,
    sessionsLeft: sessions.length,
    messages: mine.map((m) => m.tags.join('+')).sort(),
    supplierOrders: team,
  };
}
