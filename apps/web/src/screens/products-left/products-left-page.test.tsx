/** @jest-environment ./apps/web/src/test/jsdom-environment.js */
import '../../test/setup';
import { screen, waitFor } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { product, shopifyStore } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const PATH = '/app/stores/st_shop/products-left';

function apiWith(count: number, removed = 0) {
  const products = Array.from({ length: count }, (_, i) =>
    product(i + 1, i < removed ? { removedAt: '2030-05-25T00:00:00.000Z' } : {}),
  );
  return createFakeApi({
    state: { stores: [shopifyStore({ state: 'disconnected' })], products: { st_shop: products } },
  });
}

describe('products left to remove', () => {
  test('shows a skeleton while loading', () => {
    const api = apiWith(3);
    api.hold('GET /api/stores/st_shop/products-left');
    api.hold('GET /api/stores/st_shop');
    renderApp({ path: PATH, api });
    expect(screen.getByRole('status', { name: 'Page loading' })).toBeTruthy();
  });

  test('says when nothing is left to remove', async () => {
    renderApp({ path: PATH, api: apiWith(0) });
    expect(await screen.findByText('No product left to remove')).toBeTruthy();
  });

  test('says why the list could not load', async () => {
    const api = apiWith(3);
    api.fail('GET /api/stores/st_shop/products-left', 500, 'UNAVAILABLE', 'Ledger unavailable.');
    renderApp({ path: PATH, api });
    expect(await screen.findByText('Ledger unavailable.')).toBeTruthy();
  });

  test('lists products with their admin link, the removed count and the CSV', async () => {
    renderApp({ path: PATH, api: apiWith(3, 1) });
    expect(await screen.findByText('1 of 3 already removed')).toBeTruthy();
    expect(screen.getByRole('table')).toBeTruthy();
    expect(screen.getByText('Product 2')).toBeTruthy();
    expect(screen.getByText('SKU-3')).toBeTruthy();
    expect(screen.getByText('Removed')).toBeTruthy();
    expect(screen.getAllByText('Still published')).toHaveLength(2);
    const link = screen.getByRole('link', { name: 'Edit Product 2 in your store admin' });
    expect(link.getAttribute('href')).toBe('https://admin.shopify.com/store/acme/products/1002');
    expect(screen.getByRole('link', { name: 'Download the list (CSV)' }).getAttribute('href')).toBe(
      '/api/stores/st_shop/products-left.csv',
    );
  });

  test('pages forward with the cursor and back again', async () => {
    const api = apiWith(120);
    const { user } = renderApp({ path: PATH, api });
    expect(await screen.findByText('Product 50')).toBeTruthy();
    expect(screen.queryByText('Product 51')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Product 51')).toBeTruthy();
    const calls = api.calls('GET /api/stores/st_shop/products-left');
    expect(calls.at(-1)?.query.get('cursor')).toBe('50');
    expect(calls.at(-1)?.query.get('limit')).toBe('50');
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('Product 1')).toBeTruthy();
  });

  test('searches by title or SKU and says when nothing matches', async () => {
    const api = apiWith(12);
    const { user } = renderApp({ path: PATH, api });
    const field = await screen.findByLabelText('Search products');
    await user.type(field, 'SKU-11');
    expect(await screen.findByText('Product 11')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Product 2')).toBeNull());
    expect(api.calls('GET /api/stores/st_shop/products-left').at(-1)?.query.get('search')).toBe('SKU-11');
    await user.clear(field);
    await user.type(field, 'zzz');
    expect(await screen.findByText('No product matches “zzz”')).toBeTruthy();
  });

  test('renders in French', async () => {
    renderApp({ path: PATH, api: apiWith(2), language: 'fr' });
    expect(await screen.findByText('0 sur 2 déjà retirés')).toBeTruthy();
    expect(screen.getAllByText('Toujours publié')).toHaveLength(2);
    expect(screen.getByLabelText('Rechercher des produits')).toBeTruthy();
  });
});
