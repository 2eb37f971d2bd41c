/** @jest-environment ./apps/web/src/test/jsdom-environment.js */
import '../../test/setup';
import { screen, within } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { platformSubscription, shopifyStore, shopifySubscription, wooStore } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

describe('store overview', () => {
  test('shows a skeleton while the stores load', () => {
    const api = createFakeApi();
    api.hold('GET /api/stores');
    renderApp({ path: '/app/', api });
    expect(screen.getByRole('status', { name: 'Page loading' })).toBeTruthy();
    expect(screen.queryByRole('region')).toBeNull();
  });

  test('says no store is connected and hands out a connection code in the account area', async () => {
    const api = createFakeApi();
    const { user } = renderApp({ path: '/app/', api });
    expect(await screen.findByText('No store connected yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Get a connection code' }));
    expect(await screen.findByText(/Connection code K7Q-22M/)).toBeTruthy();
    expect(api.calls('POST /api/connection-codes')[0]?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  test('explains a load failure and loads again on retry', async () => {
    const api = createFakeApi({ state: { stores: [wooStore()] } });
    api.fail('GET /api/stores', 503, 'UNAVAILABLE', 'The database is unavailable; try again in a minute.');
    const { user } = renderApp({ path: '/app/', api });
    expect(await screen.findByText('The database is unavailable; try again in a minute.')).toBeTruthy();
    api.clearFailures();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'shop.example.fr' })).toBeTruthy();
  });

  test('shows connection, automation and subscription of each store', async () => {
    const api = createFakeApi({
      state: {
        stores: [
          shopifyStore({ pendingOrders: { count: 2 }, productsLeft: { total: 40, removed: 5 } }),
          wooStore({
            automationEnabled: false,
            state: 'disconnected',
            disconnectedAt: '2030-05-20T00:00:00.000Z',
          }),
        ],
      },
    });
    renderApp({ path: '/app/', api });
    const shop = await screen.findByRole('region', { name: 'acme.myshopify.com' });
    const woo = screen.getByRole('region', { name: 'shop.example.fr' });

    expect(within(shop).getByText('Connected')).toBeTruthy();
    expect(within(shop).getByText('Order automation on')).toBeTruthy();
    expect(within(shop).getByText('2 orders still to process')).toBeTruthy();
    expect(within(shop).getByText('Billed by Shopify')).toBeTruthy();
    expect(within(shop).getByText('Next charge: June 15, 2030')).toBeTruthy();
    expect(within(shop).getByText('5 of 40 products removed')).toBeTruthy();
    expect(within(shop).getByRole('link', { name: 'Before you disconnect' }).getAttribute('href')).toBe(
      '/app/stores/st_shop/checklist',
    );

    expect(within(woo).getByText('Disconnected')).toBeTruthy();
    expect(within(woo).getByText('Order automation off')).toBeTruthy();
    expect(within(woo).getByText('Still billed — next charge August 1, 2030')).toBeTruthy();
    expect(within(woo).getByRole('link', { name: 'Cancel here' }).getAttribute('href')).toBe(
      '/app/settings/stores',
    );
    expect(within(woo).queryByRole('link', { name: 'Before you disconnect' })).toBeNull();
  });

  test('a Shopify store uninstalled says billing ended by Shopify and until when', async () => {
    const subscription = shopifySubscription({
      status: 'cancelled',
      stillBilled: false,
      nextChargeAt: null,
      billingEndsAt: '2030-06-15T00:00:00.000Z',
    });
    const api = createFakeApi({ state: { stores: [shopifyStore({ state: 'disconnected', subscription })] } });
    renderApp({ path: '/app/', api });
    expect(await screen.findByText('Billing ended by Shopify — access until June 15, 2030')).toBeTruthy();
    expect(screen.queryByText(/Still billed/)).toBeNull();
  });

  test('following a store link changes screen without a page load', async () => {
    const api = createFakeApi({ state: { stores: [wooStore({ subscription: platformSubscription() })] } });
    const { user } = renderApp({ path: '/app/', api });
    await user.click(await screen.findByRole('link', { name: 'Products left to remove' }));
    expect(window.location.pathname).toBe('/app/stores/st_woo/products-left');
    expect(
      await screen.findByText(/these products stay published until you remove them by hand/),
    ).toBeTruthy();
  });

  test('renders in French from the browser language, Polaris texts included', async () => {
    const api = createFakeApi({ state: { stores: [wooStore({ state: 'disconnected' })] } });
    renderApp({ path: '/app/', api, language: 'fr-FR' });
    expect(await screen.findByText('Toujours facturé — prochain prélèvement le 1 août 2030')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Aperçu des boutiques', level: 1 })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Résilier ici' })).toBeTruthy();
    expect(screen.getByText('Déconnectée')).toBeTruthy();
    expect(screen.getByText('Ignorer et passer au contenu')).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
  });

  test('embedded in the Shopify admin it authenticates with a session token and speaks the admin language', async () => {
    const api = createFakeApi({ auth: 'bearer', state: { stores: [shopifyStore()] } });
    renderApp({ path: '/app/', api, embedded: true, language: 'fr' });
    expect(await screen.findByRole('heading', { name: 'acme.myshopify.com' })).toBeTruthy();
    expect(api.calls('GET /api/stores')[0]?.headers.get('authorization')).toBe(
      'Bearer header.payload.signature',
    );
    expect(screen.getByText('Facturé par Shopify')).toBeTruthy();
  });
});
