/** @jest-environment ./apps/web/src/test/jsdom-environment.js */
import '../../test/setup';
import { screen, waitFor, within } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { platformSubscription, shopifyStore, wooStore } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const PATH = '/app/settings/stores';

function disconnectedWoo() {
  return wooStore({
    state: 'disconnected',
    automationEnabled: false,
    disconnectedAt: '2030-05-20T00:00:00.000Z',
  });
}

describe('Settings → Store management', () => {
  test('shows a skeleton while loading, then the stores', async () => {
    const api = createFakeApi({ state: { stores: [wooStore()] } });
    renderApp({ path: PATH, api });
    expect(screen.getByRole('status', { name: 'Page loading' })).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'shop.example.fr' })).toBeTruthy();
  });

  test('says when the account has no store', async () => {
    renderApp({ path: PATH, api: createFakeApi() });
    expect(await screen.findByText('No store in this account')).toBeTruthy();
  });

  test('says why the page could not load', async () => {
    const api = createFakeApi();
    api.fail('GET /api/stores', 500, 'UNAVAILABLE', 'Billing records are unavailable.');
    renderApp({ path: PATH, api });
    expect(await screen.findByText('Billing records are unavailable.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  test('a disconnected store still billed gets a critical banner that leads to the cancel form', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    const { user } = renderApp({ path: PATH, api });
    const banner = await screen.findByText('Still billed — next charge August 1, 2030');
    expect(
      screen.getByText(/shop.example.fr is disconnected, but its monthly subscription is still active/),
    ).toBeTruthy();
    expect(banner).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel here' }));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: /Immediately/ }));
  });

  test('a Shopify subscription is left to Shopify: no cancel form', async () => {
    const api = createFakeApi({ state: { stores: [shopifyStore()] } });
    renderApp({ path: PATH, api });
    expect(
      await screen.findByText(/uninstalling the app from your Shopify admin ends this subscription/),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel subscription' })).toBeNull();
  });

  test('cancelling without a reason shows an error and sends nothing', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    const { user } = renderApp({ path: PATH, api });
    await user.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    expect(screen.getByText('Choose a reason for cancelling.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls('POST /api/subscriptions/sub_woo/cancel')).toHaveLength(0);
  });

  test('"Other reason" needs a description before anything is sent', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    const { user } = renderApp({ path: PATH, api });
    await user.selectOptions(await screen.findByLabelText('Reason for cancelling'), 'other');
    await user.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    expect(screen.getByText('Describe your reason when you choose “Other reason”.')).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/cancel')).toHaveLength(0);
  });

  test('an immediate cancellation is confirmed in a dialog, then says no further charges', async () => {
    const api = createFakeApi({
      state: {
        stores: [disconnectedWoo()],
        openInvoices: { sub_woo: { number: 'INV-2030-0042', voidable: true } },
      },
    });
    const { user } = renderApp({ path: PATH, api });
    await user.click(await screen.findByRole('radio', { name: /Immediately/ }));
    await user.selectOptions(screen.getByLabelText('Reason for cancelling'), 'too_expensive');
    await user.click(screen.getByRole('button', { name: 'Cancel subscription' }));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Cancel the subscription of shop.example.fr?')).toBeTruthy();
    expect(within(dialog).getByText('Reason: It is too expensive')).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/cancel')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel the subscription' }));

    expect(await screen.findByText('Cancelled — no further charges')).toBeTruthy();
    expect(screen.getByText('Open invoice INV-2030-0042 was voided: you owe nothing on it.')).toBeTruthy();
    const [call] = api.calls('POST /api/subscriptions/sub_woo/cancel');
    expect(call?.body).toEqual({ mode: 'immediate', reason: 'too_expensive', confirm: true });
    expect(call?.headers.get('x-csrf-token')).toBe('csrf-123');
    expect(screen.queryByText(/Still billed/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Request a refund' })).toBeTruthy();
  });

  test('closing the dialog keeps the subscription and sends nothing', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    const { user } = renderApp({ path: PATH, api });
    await user.selectOptions(await screen.findByLabelText('Reason for cancelling'), 'unused');
    await user.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Keep subscription' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls('POST /api/subscriptions/sub_woo/cancel')).toHaveLength(0);
  });

  test('an end-of-period cancellation says when it ends, reports an invoice it could not void, and can be undone', async () => {
    const api = createFakeApi({
      state: { stores: [disconnectedWoo()], openInvoices: { sub_woo: { number: 'INV-7', voidable: false } } },
    });
    const { user } = renderApp({ path: PATH, api });
    await user.selectOptions(await screen.findByLabelText('Reason for cancelling'), 'other');
    await user.type(screen.getByLabelText('Tell us more'), 'Closing the shop');
    await user.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, cancel the subscription' }),
    );

    expect(await screen.findByText('Will end on July 31, 2030')).toBeTruthy();
    expect(screen.getByText(/Invoice INV-7 could not be voided automatically.*reference btr_9/)).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/cancel')[0]?.body).toEqual({
      mode: 'period_end',
      reason: 'other',
      reasonText: 'Closing the shop',
      confirm: true,
    });
    expect(screen.getByText('Cancellation scheduled — ends on July 31, 2030')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Keep my subscription' }));
    expect(await screen.findByRole('button', { name: 'Cancel subscription' })).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/undo-cancel')).toHaveLength(1);
  });

  test('a refund is requested separately, with a message, after cancelling', async () => {
    const subscription = platformSubscription({
      status: 'cancelled',
      stillBilled: false,
      nextChargeAt: null,
    });
    const api = createFakeApi({ state: { stores: [wooStore({ state: 'disconnected', subscription })] } });
    const { user } = renderApp({ path: PATH, api });
    await user.click(await screen.findByRole('button', { name: 'Request a refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(within(dialog).getByText('Explain what you would like refunded.')).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/refund-request')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('Message to the billing team'), 'Charged twice in May');
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText(/Refund request rr_1 sent/)).toBeTruthy();
    expect(api.calls('POST /api/subscriptions/sub_woo/refund-request')[0]?.body).toEqual({
      message: 'Charged twice in May',
    });
  });

  test('a server refusal is shown in the dialog and nothing changes', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    api.fail('POST /api/subscriptions/sub_woo/cancel', 409, 'ILLEGAL_TRANSITION', 'Already cancelled.');
    const { user } = renderApp({ path: PATH, api });
    await user.selectOptions(await screen.findByLabelText('Reason for cancelling'), 'unused');
    await user.click(screen.getByRole('button', { name: 'Cancel subscription' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Yes, cancel the subscription' }),
    );
    expect(await screen.findByText('The subscription was not cancelled: Already cancelled.')).toBeTruthy();
    expect(screen.getByText('Still billed — next charge August 1, 2030')).toBeTruthy();
  });

  test('renders the cancel flow in French', async () => {
    const api = createFakeApi({ state: { stores: [disconnectedWoo()] } });
    const { user } = renderApp({ path: PATH, api, language: 'fr' });
    expect(await screen.findByText('Toujours facturé — prochain prélèvement le 1 août 2030')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Résilier l’abonnement' }));
    expect(screen.getByText('Choisissez une raison de résiliation.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Raison de la résiliation'), 'switched_service');
    await user.click(screen.getByRole('button', { name: 'Résilier l’abonnement' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Oui, résilier l’abonnement' }));
    expect(await screen.findByText('Se terminera le 31 juillet 2030')).toBeTruthy();
  });
});
