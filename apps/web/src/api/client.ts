import { ApiError, errorFromResponse } from './api-error';
import type {
  AccountAction,
  AccountActionOutcome,
  AccountDeletionInfo,
  CancelSubscriptionParams,
  CancelSubscriptionResult,
  Checklist,
  ChecklistItem,
  Me,
  PendingOrder,
  ProductsLeftPage,
  StoreSummary,
  Subscription,
} from './types';
import { ACCOUNT_CONFIRMATION } from './types';

/**
 * How requests prove who is calling. Embedded in the Shopify admin: a fresh
 * App Bridge session token per request (tokens live one minute). Account area:
 * the session cookie, plus the CSRF token from GET /api/me on every write.
 */
export type ApiAuth = { kind: 'session-token'; getToken: () => Promise<string> } | { kind: 'cookie' };

export interface ApiClientOptions {
  /** Origin the API lives on, e.g. `https://app.example.com`. */
  baseUrl: string;
  fetch: typeof fetch;
  auth: ApiAuth;
}

export interface ProductsLeftQuery {
  cursor?: string | null;
  limit?: number;
  search?: string;
}

export type ApiClient = ReturnType<typeof createApiClient>;

type Method = 'GET' | 'POST' | 'PUT';

/** Typed calls for every endpoint of docs/api.md. Failures throw {@link ApiError}. */
export function createApiClient(options: ApiClientOptions) {
  const { baseUrl, auth } = options;
  let csrfToken: string | null = null;

  async function headersFor(method: Method, hasBody: boolean): Promise<Headers> {
    const headers = new Headers({ Accept: 'application/json' });
    if (hasBody) headers.set('Content-Type', 'application/json');
    if (auth.kind === 'session-token') {
      headers.set('Authorization', `Bearer ${await auth.getToken()}`);
    } else if (method !== 'GET') {
      if (csrfToken === null) await me();
      if (csrfToken !== null) headers.set('X-CSRF-Token', csrfToken);
    }
    return headers;
  }

  async function send(method: Method, path: string, body?: unknown): Promise<Response> {
    const headers = await headersFor(method, body !== undefined);
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await options.fetch(new URL(path, baseUrl).toString(), init);
    } catch (cause) {
      const detail = cause instanceof Error ? cause.message : String(cause);
      throw new ApiError(0, 'NETWORK', `The server could not be reached (${detail}).`);
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    return (await response.json()) as T;
  }

  async function me(): Promise<Me> {
    const result = await call<Me>('GET', '/api/me');
    csrfToken = result.csrfToken;
    return result;
  }

  const store = (storeId: string) => `/api/stores/${encodeURIComponent(storeId)}`;
  const subscription = (id: string) => `/api/subscriptions/${encodeURIComponent(id)}`;

  return {
    authKind: auth.kind,
    me,
    listStores: () => call<{ stores: StoreSummary[] }>('GET', '/api/stores').then((r) => r.stores),
    getStore: (storeId: string) => call<StoreSummary>('GET', store(storeId)),
    pendingOrders: (storeId: string) =>
      call<{ orders: PendingOrder[] }>('GET', `${store(storeId)}/pending-orders`).then((r) => r.orders),
    checklist: (storeId: string) => call<Checklist>('GET', `${store(storeId)}/checklist`),
    setChecklistItem: (storeId: string, item: ChecklistItem, done: boolean) =>
      call<unknown>('PUT', `${store(storeId)}/checklist`, { item, done }),
    sendTeamNotice: (storeId: string, emails: string[]) =>
      call<{ sent: number }>('POST', `${store(storeId)}/team-notice`, { emails }),
    productsLeft: (storeId: string, query: ProductsLeftQuery) => {
      const params = new URLSearchParams({ limit: String(query.limit ?? 50) });
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.search) params.set('search', query.search);
      return call<ProductsLeftPage>('GET', `${store(storeId)}/products-left?${params.toString()}`);
    },
    /** Path of a CSV export, for a plain link when the cookie authenticates the download. */
    csvPath: (storeId: string, file: 'products-left.csv' | 'product-export.csv') =>
      `${store(storeId)}/${file}`,
    /** Fetches a file with this client's credentials (needed when a bearer token authenticates). */
    download: async (path: string): Promise<Blob> => (await send('GET', path)).blob(),
    cancelSubscription: (id: string, params: CancelSubscriptionParams) =>
      call<CancelSubscriptionResult>('POST', `${subscription(id)}/cancel`, { ...params, confirm: true }),
    undoCancel: (id: string) =>
      call<{ subscription: Subscription }>('POST', `${subscription(id)}/undo-cancel`).then(
        (r) => r.subscription,
      ),
    requestRefund: (id: string, message: string) =>
      call<{ request: { id: string; status: string } }>('POST', `${subscription(id)}/refund-request`, {
        message,
      }).then((r) => r.request),
    accountDeletion: () => call<AccountDeletionInfo>('GET', '/api/account/deletion'),
    accountAction: (action: AccountAction) =>
      call<{ outcome: AccountActionOutcome }>('POST', `/api/account/${action}`, {
        confirm: ACCOUNT_CONFIRMATION,
      }).then((r) => r.outcome),
    createConnectionCode: () => call<{ code: string; expiresAt: string }>('POST', '/api/connection-codes'),
  };
}
