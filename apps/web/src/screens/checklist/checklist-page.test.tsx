/** @jest-environment ./apps/web/src/test/jsdom-environment.js */
import '../../test/setup';
import { screen, waitFor } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { pendingOrder, shopifyStore, wooStore } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function checklist() {
  return {
    items: { pendingOrders: false, exportProducts: true, billingEndDate: false, informTeam: false },
    teamEmails: ['ops@example.com', 'lea@example.com'],
    billingCycleEndsAt: '2030-06-15T00:00:00.000Z',
  };
}

function shopifyApi() {
  return createFakeApi({
    state: {
      stores: [shopifyStore()],
      checklists: { st_shop: checklist() },
      pendingOrders: { st_shop: [pendingOrder(1), pendingOrder(2)] },
    },
  });
}

describe('before you disconnect', () => {
  test('shows a skeleton while loading', () => {
    const api = shopifyApi();
    api.hold('GET /api/stores/st_shop/checklist');
    renderApp({ path: '/app/stores/st_shop/checklist', api });
    expect(screen.getByRole('status', { name: 'Page loading' })).toBeTruthy();
  });

  test('an unknown store answers not found', async () => {
    renderApp({ path: '/app/stores/st_other/checklist', api: shopifyApi() });
    expect(await screen.findByText('This page does not exist')).toBeTruthy();
  });

  test('says why it could not load', async () => {
    const api = shopifyApi();
    api.fail('GET /api/stores/st_shop/checklist', 500, 'UNAVAILABLE', 'Checklist store is down.');
    renderApp({ path: '/app/stores/st_shop/checklist', api });
    expect(await screen.findByText('Checklist store is down.')).toBeTruthy();
  });

  test('lists the four items with pending orders, export, billing end and the team', async () => {
    renderApp({ path: '/app/stores/st_shop/checklist', api: shopifyApi() });
    expect(
      await screen.findByText('2 orders are still waiting. Process them before you disconnect.'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open #1001' }).getAttribute('href')).toBe(
      'https://admin.shopify.com/store/acme/orders/5001',
    );
    expect(screen.getByRole('link', { name: 'Download product data (CSV)' }).getAttribute('href')).toBe(
      '/api/stores/st_shop/product-export.csv',
    );
    expect(screen.getByText('Your current billing cycle ends on June 15, 2030.')).toBeTruthy();
    expect((screen.getByLabelText('Team e-mail addresses') as HTMLTextAreaElement).value).toBe(
      'ops@example.com, lea@example.com',
    );
    expect(
      (screen.getByRole('checkbox', { name: 'Export the product data you want to keep' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(screen.getByText('1 of 4 done')).toBeTruthy();
  });

  test('Shopify: says products stay published, automation stops and Shopify ends billing at the cycle end', async () => {
    renderApp({ path: '/app/stores/st_shop/checklist', api: shopifyApi() });
    expect(await screen.findByText(/Published products are not deleted/)).toBeTruthy();
    expect(screen.getByText(/Order automation stops/)).toBeTruthy();
    expect(screen.getByText(/Shopify stops billing at the end of the current cycle/)).toBeTruthy();
    expect(screen.queryByText(/does not stop when you delete the plugin/)).toBeNull();
  });

  test('WooCommerce: says the monthly subscription continues until cancelled in Store management', async () => {
    const api = createFakeApi({ state: { stores: [wooStore()] } });
    renderApp({ path: '/app/stores/st_woo/checklist', api });
    expect(
      await screen.findByText(/continues until you cancel it in Settings → Store management/),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to Store management' }).getAttribute('href')).toBe(
      '/app/settings/stores',
    );
    expect(screen.getByText('No order is waiting: nothing will be left behind.')).toBeTruthy();
    expect(screen.getByText('No billing cycle is running for this store.')).toBeTruthy();
  });

  test('ticking an item saves it', async () => {
    const api = shopifyApi();
    const { user } = renderApp({ path: '/app/stores/st_shop/checklist', api });
    await user.click(await screen.findByRole('checkbox', { name: 'Process pending orders' }));
    await waitFor(() => expect(api.calls('PUT /api/stores/st_shop/checklist')).toHaveLength(1));
    expect(api.calls('PUT /api/stores/st_shop/checklist')[0]?.body).toEqual({
      item: 'pendingOrders',
      done: true,
    });
    expect(api.state.checklists.st_shop?.items.pendingOrders).toBe(true);
    expect(screen.getByText('2 of 4 done')).toBeTruthy();
  });

  test('a tick the server refuses is undone and explained', async () => {
    const api = shopifyApi();
    api.fail('PUT /api/stores/st_shop/checklist', 500, 'UNAVAILABLE', 'Database is read-only.');
    const { user } = renderApp({ path: '/app/stores/st_shop/checklist', api });
    const box = await screen.findByRole('checkbox', { name: 'Note the end date of your billing cycle' });
    await user.click(box);
    expect(await screen.findByText('Your change could not be saved: Database is read-only.')).toBeTruthy();
    expect((box as HTMLInputElement).checked).toBe(false);
  });

  test('the team notice checks the addresses before sending', async () => {
    const api = shopifyApi();
    const { user } = renderApp({ path: '/app/stores/st_shop/checklist', api });
    const field = await screen.findByLabelText('Team e-mail addresses');
    await user.clear(field);
    await user.type(field, 'ops@example.com, not-an-address');
    await user.click(screen.getByRole('button', { name: 'Send a notice' }));
    expect(screen.getByText('These addresses are not valid: not-an-address')).toBeTruthy();
    expect(api.calls('POST /api/stores/st_shop/team-notice')).toHaveLength(0);

    await user.clear(field);
    await user.type(field, 'ops@example.com; lea@example.com');
    await user.click(screen.getByRole('button', { name: 'Send a notice' }));
    expect(await screen.findByText('Notice sent to 2 people.')).toBeTruthy();
    expect(api.calls('POST /api/stores/st_shop/team-notice')[0]?.body).toEqual({
      emails: ['ops@example.com', 'lea@example.com'],
    });
  });

  test('embedded, the export is fetched with the session token instead of a plain link', async () => {
    const api = createFakeApi({ auth: 'bearer', state: { stores: [shopifyStore()] } });
    const { user } = renderApp({ path: '/app/stores/st_shop/checklist', api, embedded: true });
    await user.click(await screen.findByRole('button', { name: 'Download product data (CSV)' }));
    await waitFor(() => expect(api.calls('GET /api/stores/st_shop/product-export.csv')).toHaveLength(1));
    const [download] = api.calls('GET /api/stores/st_shop/product-export.csv');
    expect(download?.headers.get('authorization')).toBe('Bearer header.payload.signature');
    expect(screen.queryByRole('link', { name: 'Download product data (CSV)' })).toBeNull();
  });

  test('renders in French', async () => {
    renderApp({ path: '/app/stores/st_shop/checklist', api: shopifyApi(), language: 'fr' });
    expect(await screen.findByText('Avant de déconnecter acme.myshopify.com')).toBeTruthy();
    expect(screen.getByText('Votre cycle de facturation actuel se termine le 15 juin 2030.')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Informer votre équipe' })).toBeTruthy();
  });
});
