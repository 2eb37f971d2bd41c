/** Every screen lives under this base; the server serves dist/index.html for any path below it. */
export const BASE_PATH = '/app';

export type Route =
  | { name: 'overview' }
  | { name: 'checklist'; storeId: string }
  | { name: 'productsLeft'; storeId: string }
  | { name: 'storeManagement' }
  | { name: 'account' }
  | { name: 'notFound' };

/** Turns a location pathname into the screen it names. */
export function matchRoute(pathname: string): Route {
  if (pathname !== BASE_PATH && !pathname.startsWith(`${BASE_PATH}/`)) return { name: 'notFound' };
  const parts = pathname
    .slice(BASE_PATH.length)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  const [first, second, third, ...rest] = parts;
  if (rest.length > 0) return { name: 'notFound' };
  if (first === undefined) return { name: 'overview' };
  if (first === 'stores' && second !== undefined && third === 'checklist')
    return { name: 'checklist', storeId: second };
  if (first === 'stores' && second !== undefined && third === 'products-left') {
    return { name: 'productsLeft', storeId: second };
  }
  if (first === 'settings' && second === 'stores' && third === undefined) return { name: 'storeManagement' };
  if (first === 'account' && second === undefined) return { name: 'account' };
  return { name: 'notFound' };
}

/** The pathname of a screen. */
export function pathFor(route: Exclude<Route, { name: 'notFound' }>): string {
  switch (route.name) {
    case 'overview':
      return `${BASE_PATH}/`;
    case 'checklist':
      return `${BASE_PATH}/stores/${encodeURIComponent(route.storeId)}/checklist`;
    case 'productsLeft':
      return `${BASE_PATH}/stores/${encodeURIComponent(route.storeId)}/products-left`;
    case 'storeManagement':
      return `${BASE_PATH}/settings/stores`;
    case 'account':
      return `${BASE_PATH}/account`;
  }
}

/** Whether a URL is one of ours, handled without a page load. */
export function isAppPath(url: string): boolean {
  return url === BASE_PATH || url.startsWith(`${BASE_PATH}/`);
}
