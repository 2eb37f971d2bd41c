import type {
  AccountDeletionInfo,
  CancellationResult,
  Checklist,
  Me,
  PendingOrder,
  ProductLeft,
  StoreSummary,
  Subscription,
} from '../api/types';
import { CancellationReasons } from '../api/types';
import { accountMe } from './fixtures';

/** An in-memory server following docs/api.md, reached through a fake `fetch`. */
export interface FakeApiState {
  me: Me;
  stores: StoreSummary[];
  checklists: Record<string, Checklist>;
  pendingOrders: Record<string, PendingOrder[]>;
  products: Record<string, ProductLeft[]>;
  deletion: AccountDeletionInfo;
  /** Open renewal invoice per subscription id; `voidable: false` yields a billing-team request. */
  openInvoices: Record<string, { number: string; voidable: boolean }>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface FakeApiOptions {
  /** `cookie`: writes need X-CSRF-Token; `bearer`: every call needs Authorization. */
  auth?: 'cookie' | 'bearer';
  state?: Partial<FakeApiState>;
}

type Answer = { status: number; body: unknown };
type Handler = (request: RecordedRequest, params: string[]) => Answer;

const json = (body: unknown, status = 200): Answer => ({ status, body });
const problem = (status: number, kind: string, message: string): Answer => ({
  status,
  body: { error: { kind, message, details: {} } },
});

export function createFakeApi(options: FakeApiOptions = {}) {
  const state: FakeApiState = {
    me: accountMe(),
    stores: [],
    checklists: {},
    pendingOrders: {},
    products: {},
    deletion: { canDelete: true, invoiceCount: 0, alternatives: [] },
    openInvoices: {},
    ...options.state,
  };
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, Answer>();
  const held = new Set<string>();

  const findStore = (id: string | undefined) => state.stores.find((store) => store.id === id);
  const findSubscription = (id: string | undefined) =>
    state.stores.map((store) => store.subscription).find((sub): sub is Subscription => sub?.id === id);
  const replaceSubscription = (next: Subscription) => {
    state.stores = state.stores.map((store) =>
      store.subscription?.id === next.id ? { ...store, subscription: next } : store,
    );
  };

  const routes: [string, RegExp, Handler][] = [
    ['GET', /^\/api\/me$/, () => json(state.me)],
    ['GET', /^\/api\/stores$/, () => json({ stores: state.stores })],
    ['GET', /^\/api\/stores\/([^/]+)$/, (_, [id]) => withStore(id, (store) => json(store))],
    [
      'GET',
      /^\/api\/stores\/([^/]+)\/pending-orders$/,
      (_, [id]) => withStore(id, (store) => json({ orders: state.pendingOrders[store.id] ?? [] })),
    ],
    [
      'GET',
      /^\/api\/stores\/([^/]+)\/checklist$/,
      (_, [id]) => withStore(id, (store) => json(checklistOf(store.id))),
    ],
    [
      'PUT',
      /^\/api\/stores\/([^/]+)\/checklist$/,
      (req, [id]) => withStore(id, (store) => tick(store.id, req.body)),
    ],
    [
      'POST',
      /^\/api\/stores\/([^/]+)\/team-notice$/,
      (req, [id]) =>
        withStore(id, () => json({ sent: ((req.body as { emails: string[] }).emails ?? []).length })),
    ],
    [
      'GET',
      /^\/api\/stores\/([^/]+)\/products-left$/,
      (req, [id]) => withStore(id, (s) => productsPage(s.id, req.query)),
    ],
    ['POST', /^\/api\/subscriptions\/([^/]+)\/cancel$/, (req, [id]) => cancel(id, req.body)],
    ['POST', /^\/api\/subscriptions\/([^/]+)\/undo-cancel$/, (_, [id]) => undo(id)],
    [
      'POST',
      /^\/api\/subscriptions\/([^/]+)\/refund-request$/,
      (_, [id]) => (findSubscription(id) ? json({ request: { id: 'rr_1', status: 'open' } }) : notFound()),
    ],
    ['GET', /^\/api\/account\/deletion$/, () => json(state.deletion)],
    [
      'POST',
      /^\/api\/account\/(delete|suspend|anonymise)$/,
      (req, [action]) => accountAction(action, req.body),
    ],
    [
      'POST',
      /^\/api\/connection-codes$/,
      () => json({ code: 'K7Q-22M', expiresAt: '2030-05-01T10:00:00.000Z' }),
    ],
  ];

  function notFound(): Answer {
    return problem(404, 'NOT_FOUND', 'No such resource in this account.');
  }
  function withStore(id: string | undefined, then: (store: StoreSummary) => Answer): Answer {
    const store = findStore(id);
    return store ? then(store) : notFound();
  }
  function checklistOf(storeId: string): Checklist {
    return (state.checklists[storeId] ??= {
      items: { pendingOrders: false, exportProducts: false, billingEndDate: false, informTeam: false },
      teamEmails: [],
      billingCycleEndsAt: null,
    });
  }
  function tick(storeId: string, body: unknown): Answer {
    const { item, done } = body as { item: keyof Checklist['items']; done: boolean };
    const checklist = checklistOf(storeId);
    if (!(item in checklist.items) || typeof done !== 'boolean')
      return problem(400, 'INVALID_INPUT', 'Bad item.');
    checklist.items[item] = done;
    return json(checklist);
  }
  function productsPage(storeId: string, query: URLSearchParams): Answer {
    const all = state.products[storeId] ?? [];
    const search = (query.get('search') ?? '').toLowerCase();
    const matching = all.filter((p) =>
      [p.title, p.sku, p.handle].some((v) => v?.toLowerCase().includes(search)),
    );
    const start = Number(query.get('cursor') ?? '0');
    const limit = Number(query.get('limit') ?? '50');
    const items = matching.slice(start, start + limit);
    const nextCursor = start + limit < matching.length ? String(start + limit) : null;
    const removed = all.filter((p) => p.removedAt !== null).length;
    return json({ items, nextCursor, total: all.length, removed });
  }
  function cancel(id: string | undefined, body: unknown): Answer {
    const subscription = findSubscription(id);
    if (!subscription || subscription.provider !== 'platform') return notFound();
    const { mode, reason, reasonText, confirm } = body as Record<string, unknown>;
    if (confirm !== true) return problem(400, 'INVALID_INPUT', 'confirm must be true.');
    if (!CancellationReasons.includes(reason as never))
      return problem(400, 'INVALID_INPUT', 'Unknown reason.');
    if (reason === 'other' && !reasonText) return problem(400, 'INVALID_INPUT', 'reasonText is required.');
    const immediate = mode === 'immediate';
    const endsAt = immediate ? '2030-06-02T00:00:00.000Z' : subscription.currentPeriodEnd;
    const next: Subscription = immediate
      ? {
          ...subscription,
          status: 'cancelled',
          stillBilled: false,
          nextChargeAt: null,
          billingEndsAt: endsAt,
        }
      : {
          ...subscription,
          status: 'pending_cancellation',
          cancelAtPeriodEnd: true,
          nextChargeAt: null,
          billingEndsAt: endsAt,
        };
    replaceSubscription({ ...next, cancelReason: String(reason) });
    const open = state.openInvoices[subscription.id];
    const result: CancellationResult = {
      outcome: immediate ? 'cancelled' : 'scheduled',
      message: '',
      endsAt,
      invoice: open
        ? { number: open.number, status: open.voidable ? 'void' : 'open', voided: open.voidable }
        : null,
      billingTeamRequest:
        open && !open.voidable
          ? { id: 'btr_9', kind: 'invoice_adjustment', invoiceNumber: open.number }
          : null,
    };
    return json({ subscription: next, result });
  }
  function undo(id: string | undefined): Answer {
    const subscription = findSubscription(id);
    if (!subscription) return notFound();
    const next: Subscription = {
      ...subscription,
      status: 'active',
      cancelAtPeriodEnd: false,
      billingEndsAt: null,
      nextChargeAt: subscription.currentPeriodEnd,
    };
    replaceSubscription(next);
    return json({ subscription: next });
  }
  function accountAction(action: string | undefined, body: unknown): Answer {
    if ((body as { confirm?: unknown }).confirm !== 'Yes, I am sure') {
      return problem(400, 'INVALID_INPUT', 'Confirm with "Yes, I am sure".');
    }
    if (action === 'delete' && !state.deletion.canDelete) {
      return problem(409, 'CONFLICT', 'Invoices are attached: suspend or anonymise instead.');
    }
    const outcome = { delete: 'deleted', suspend: 'suspended', anonymise: 'anonymised' }[action ?? 'delete'];
    return json({ outcome });
  }

  function authProblem(request: RecordedRequest): Answer | null {
    if (options.auth === 'bearer') {
      return /^Bearer .+/.test(request.headers.get('authorization') ?? '')
        ? null
        : problem(401, 'UNAUTHORIZED', 'Session token missing.');
    }
    if (request.method !== 'GET' && request.headers.get('x-csrf-token') !== state.me.csrfToken) {
      return problem(403, 'FORBIDDEN', 'CSRF token missing or wrong.');
    }
    return null;
  }

  function answer(request: RecordedRequest): Answer {
    const key = `${request.method} ${request.path}`;
    const failure = failures.get(key);
    if (failure) return failure;
    const denied = authProblem(request);
    if (denied) return denied;
    for (const [method, pattern, handler] of routes) {
      const match = request.method === method ? pattern.exec(request.path) : null;
      if (match) return handler(request, match.slice(1).map(decodeURIComponent));
    }
    return notFound();
  }

  /** The boundary: takes what the app hands to `fetch`, answers a real Response. */
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const text = await request.text();
    const recorded: RecordedRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    if (held.has(`${recorded.method} ${recorded.path}`)) return new Promise<Response>(() => undefined);
    const csv = /^\/api\/stores\/([^/]+)\/(products-left|product-export)\.csv$/.exec(recorded.path);
    if (csv && recorded.method === 'GET' && !authProblem(recorded) && findStore(csv[1])) {
      return new Response('id,title\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
    }
    const { status, body } = answer(recorded);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };

  return {
    state,
    requests,
    fetch: fakeFetch as typeof fetch,
    /** Answers every `METHOD /path` call with this error until cleared. */
    fail(route: string, status: number, kind: string, message: string) {
      failures.set(route, problem(status, kind, message));
    },
    clearFailures: () => failures.clear(),
    /** Leaves every `METHOD /path` call unanswered (a page stuck loading). */
    hold: (route: string) => held.add(route),
    /** The requests of one `METHOD /path`. */
    calls: (route: string) => requests.filter((r) => `${r.method} ${r.path}` === route),
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
