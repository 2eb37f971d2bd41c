import { createRuntime, detectMode } from './runtime';

const bridge = { idToken: async () => 'token' };

describe('embedded or standalone', () => {
  test('opened by Shopify with App Bridge present: embedded', () => {
    expect(
      detectMode({ url: new URL('https://app.test/app/?shop=a.myshopify.com&host=abc'), shopify: bridge }),
    ).toBe('embedded');
  });

  test('opened by Shopify without App Bridge: cannot authenticate, says so', () => {
    expect(detectMode({ url: new URL('https://app.test/app/?host=abc'), shopify: undefined })).toBe(
      'bridge-missing',
    );
  });

  test('no Shopify parameters: the standalone account area, even if App Bridge loaded', () => {
    expect(detectMode({ url: new URL('https://app.test/app/'), shopify: bridge })).toBe('standalone');
  });

  test('the account area writes with the CSRF token from /api/me', async () => {
    const seen: Request[] = [];
    const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request);
      const body = request.url.endsWith('/api/me') ? { csrfToken: 'tok-1' } : { code: 'C', expiresAt: '' };
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const runtime = createRuntime({
      url: new URL('https://app.test/app/'),
      shopify: undefined,
      navigatorLanguages: ['fr'],
      storedLocale: null,
      fetch: fetchStub as typeof fetch,
    });
    await runtime.api.createConnectionCode();
    await runtime.api.createConnectionCode();
    expect(seen.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/me',
      'POST /api/connection-codes',
      'POST /api/connection-codes',
    ]);
    expect(seen[1]?.headers.get('x-csrf-token')).toBe('tok-1');
    expect(runtime.locale).toBe('fr');
  });

  test('an error body becomes an ApiError with the server kind and message', async () => {
    const fetchStub = async () =>
      new Response(JSON.stringify({ error: { kind: 'NOT_FOUND', message: 'No such store.' } }), {
        status: 404,
      });
    const runtime = createRuntime({
      url: new URL('https://app.test/app/'),
      shopify: undefined,
      navigatorLanguages: [],
      storedLocale: null,
      fetch: fetchStub as typeof fetch,
    });
    await expect(runtime.api.getStore('x')).rejects.toMatchObject({
      status: 404,
      kind: 'NOT_FOUND',
      message: 'No such store.',
    });
  });

  test('a network failure becomes a NETWORK error', async () => {
    const runtime = createRuntime({
      url: new URL('https://app.test/app/'),
      shopify: undefined,
      navigatorLanguages: [],
      storedLocale: null,
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as typeof fetch,
    });
    await expect(runtime.api.listStores()).rejects.toMatchObject({ status: 0, kind: 'NETWORK' });
  });
});
