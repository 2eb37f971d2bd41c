import { isAppPath, matchRoute, pathFor } from './routes';

describe('routes under /app/', () => {
  test.each([
    ['/app', { name: 'overview' }],
    ['/app/', { name: 'overview' }],
    ['/app/stores/st_1/checklist', { name: 'checklist', storeId: 'st_1' }],
    ['/app/stores/st%201/products-left', { name: 'productsLeft', storeId: 'st 1' }],
    ['/app/settings/stores', { name: 'storeManagement' }],
    ['/app/account', { name: 'account' }],
    ['/app/stores/st_1', { name: 'notFound' }],
    ['/app/account/extra', { name: 'notFound' }],
    ['/elsewhere', { name: 'notFound' }],
    ['/application', { name: 'notFound' }],
  ])('%s is %j', (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  test('every screen path matches back to its screen', () => {
    const routes = [
      { name: 'overview' },
      { name: 'checklist', storeId: 'a/b' },
      { name: 'productsLeft', storeId: '42' },
      { name: 'storeManagement' },
      { name: 'account' },
    ] as const;
    for (const route of routes) expect(matchRoute(pathFor(route))).toEqual(route);
  });

  test('only paths under the base are handled in the page', () => {
    expect(isAppPath('/app/account')).toBe(true);
    expect(isAppPath('/api/stores/1/products-left.csv')).toBe(false);
    expect(isAppPath('https://admin.shopify.com/store/x')).toBe(false);
  });
});
