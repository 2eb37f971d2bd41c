/** @jest-environment ./apps/web/src/test/jsdom-environment.js */
import '../../test/setup';
import { screen, within } from '@testing-library/react';
import { createFakeApi } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const PATH = '/app/account';

describe('delete my account', () => {
  test('shows a skeleton while loading', () => {
    const api = createFakeApi();
    api.hold('GET /api/account/deletion');
    renderApp({ path: PATH, api });
    expect(screen.getByRole('status', { name: 'Page loading' })).toBeTruthy();
  });

  test('says why it could not load', async () => {
    const api = createFakeApi();
    api.fail('GET /api/account/deletion', 401, 'UNAUTHORIZED', 'Sign in first.');
    renderApp({ path: PATH, api });
    expect(await screen.findByText('Your session has ended')).toBeTruthy();
  });

  test('an account without invoices is deleted only after "Yes, I am sure", then says so', async () => {
    const api = createFakeApi();
    const { user } = renderApp({ path: PATH, api });
    expect(await screen.findByText(/No invoice is attached to your account/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Your account will be deleted permanently. This cannot be undone.'),
    ).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(within(dialog).getByText('Tick “Yes, I am sure” to continue.')).toBeTruthy();
    expect(api.calls('POST /api/account/delete')).toHaveLength(0);

    await user.click(within(dialog).getByRole('checkbox', { name: 'Yes, I am sure' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete my account' }));
    expect(await screen.findByText('Your account has been deleted permanently.')).toBeTruthy();
    expect(api.calls('POST /api/account/delete')[0]?.body).toEqual({ confirm: 'Yes, I am sure' });
  });

  test('with invoices it cannot be deleted: it offers to suspend or anonymise instead', async () => {
    const api = createFakeApi({
      state: { deletion: { canDelete: false, invoiceCount: 3, alternatives: ['suspend', 'anonymise'] } },
    });
    const { user } = renderApp({ path: PATH, api });
    expect(await screen.findByText(/3 invoices are attached to your account/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete my account' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Anonymise my account' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Yes, I am sure' }));
    await user.click(within(dialog).getByRole('button', { name: 'Anonymise my account' }));
    expect(await screen.findByText('Your account has been anonymised.')).toBeTruthy();
    expect(api.calls('POST /api/account/anonymise')).toHaveLength(1);
  });

  test('a refusal leaves the dialog open with the reason', async () => {
    const api = createFakeApi({
      state: { deletion: { canDelete: false, invoiceCount: 1, alternatives: ['suspend'] } },
    });
    api.fail('POST /api/account/suspend', 409, 'CONFLICT', 'A payment is in progress.');
    const { user } = renderApp({ path: PATH, api });
    await user.click(await screen.findByRole('button', { name: 'Suspend my account' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Yes, I am sure' }));
    await user.click(within(dialog).getByRole('button', { name: 'Suspend my account' }));
    expect(await within(dialog).findByText('Nothing was changed: A payment is in progress.')).toBeTruthy();
  });

  test('renders in French', async () => {
    const api = createFakeApi({
      state: { deletion: { canDelete: false, invoiceCount: 1, alternatives: ['suspend'] } },
    });
    const { user } = renderApp({ path: PATH, api, language: 'fr' });
    expect(await screen.findByText(/1 facture est associée à votre compte/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Suspendre mon compte' }));
    expect(
      within(await screen.findByRole('dialog')).getByRole('checkbox', { name: 'Oui, j’en suis sûr' }),
    ).toBeTruthy();
  });
});
