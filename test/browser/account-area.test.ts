/**
 * The account area in headless Chromium, against the real server serving the
 * built web app and a real worker: a WooCommerce owner whose plugin was
 * deleted signs in with a one-time link, walks the checklist, downloads the
 * products left, and cancels the still-running subscription at period end.
 * Every screen is captured in English and French at 1280 and 390 px
 * (test-output/browser/) and checked for horizontal overflow.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ChecklistItemNames } from '@dropship/core';
import type { PublishedProduct } from '@dropship/core';
import { PRODUCTS_LEFT_CSV_HEADER } from '@dropship/lifecycle';
import { startAccountApp } from './support/account-app';
import type { AccountApp, LeavingStore } from './support/account-app';
import { launchChromium } from '../support/chromium';
import type { LaunchedBrowser } from '../support/chromium';
import {
  chooseLocale,
  LOCALES,
  pageLanguage,
  measureOverflow,
  parseCsv,
  screenshot,
  settle,
  WIDTHS,
} from './support/screens';
import type { Screen } from './support/screens';
import { ensureWebBuild } from './support/web-build';

jest.setTimeout(180_000);

let app: AccountApp;
let browser: LaunchedBrowser;
let page: Page;
let leaving: LeavingStore;

beforeAll(async () => {
  ensureWebBuild();
  app = await startAccountApp();
  leaving = await app.seedLeavingWooStore();
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const api = async <T>(path: string): Promise<T> => {
  const response = await page.request.get(`${app.url}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
};

async function ledger(storeId: string): Promise<PublishedProduct[]> {
  const products: PublishedProduct[] = [];
  for await (const product of app.stack.repos.publishedProducts.stream(storeId)) products.push(product);
  return products;
}

function screens(): Screen[] {
  const id = leaving.store.id;
  return [
    { name: 'overview', path: '/app/' },
    { name: 'checklist', path: `/app/stores/${id}/checklist` },
    { name: 'products-left', path: `/app/stores/${id}/products-left` },
    { name: 'store-management', path: '/app/settings/stores' },
    { name: 'account', path: '/app/account' },
  ];
}

/** Captures one screen at both widths in one language and checks it never scrolls sideways. */
async function captureScreen(screen: Screen, locale: string, suffix = ''): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${app.url}${screen.path}`);
    await settle(page);
    expect(await pageLanguage(page)).toBe(locale);
    await screenshot(page, `${screen.name}${suffix}`, locale, width);
    const overflow = await measureOverflow(page);
    // The screen, language, width and what sticks out are in the assertion: a failure names them.
    const fits = overflow.scrollWidth <= overflow.innerWidth;
    expect({ screen: screen.name, locale, width, fits, culprits: fits ? [] : overflow.culprits }).toEqual({
      screen: screen.name,
      locale,
      width,
      fits: true,
      culprits: [],
    });
  }
}

/** Waits for an element to show (playwright-core has no web-first assertions). */
const visible = (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 15_000 });

describe('the account area in a real browser', () => {
  it('sends an unauthenticated visit of the account area to the sign-in page', async () => {
    await page.goto(`${app.url}/app/settings/stores`);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/account/sign-in');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      const overflow = await measureOverflow(page);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(width);
      await screenshot(page, 'sign-in', 'en', width);
    }
  });

  it('a one-time sign-in link opens Settings → Store management, which says the store is still billed', async () => {
    await chooseLocale(page, app.url, 'en');
    await page.goto(await app.loginLink(leaving.accountId, leaving.store.id));
    await settle(page);
    expect(new URL(page.url()).pathname).toBe('/app/settings/stores');
    await visible(page.getByRole('heading', { name: leaving.store.domain }));
    const nextCharge = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      leaving.subscription.currentPeriodEnd as Date,
    );
    await visible(page.getByText(`Still billed — next charge ${nextCharge}`));
    await visible(page.getByRole('button', { name: 'Cancel subscription', exact: true }));
    const me = await api<{ account: { email: string }; mode: string }>('/api/me');
    expect(me).toMatchObject({ mode: 'account', account: { email: 'camille@boutique-camille.test' } });
    // The screen a leaving owner must not miss, before anything is cancelled.
    for (const locale of LOCALES) {
      await chooseLocale(page, app.url, locale);
      await captureScreen(
        { name: 'store-management', path: '/app/settings/stores' },
        locale,
        '-still-billed',
      );
    }
    await chooseLocale(page, app.url, 'en');
  });

  it('walks the checklist: each ticked item is recorded by the API', async () => {
    const storeId = leaving.store.id;
    await page.goto(`${app.url}/app/stores/${storeId}/checklist`);
    await settle(page);
    const labels: Record<(typeof ChecklistItemNames)[number], string> = {
      pendingOrders: 'Process pending orders',
      exportProducts: 'Export the product data you want to keep',
      billingEndDate: 'Note the end date of your billing cycle',
      informTeam: 'Tell your team',
    };
    for (const name of leaving.pendingOrderNames) await visible(page.getByText(name));
    for (const item of ChecklistItemNames) {
      const saved = page.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/stores/${storeId}/checklist`) &&
          response.request().method() === 'PUT',
      );
      await page.getByRole('checkbox', { name: labels[item] }).check();
      expect((await saved).status()).toBeLessThan(300);
      const checklist = await api<{ items: Record<string, boolean> }>(`/api/stores/${storeId}/checklist`);
      expect(checklist.items[item]).toBe(true);
    }
    const stored = await app.stack.repos.storeChecklists.get(storeId);
    expect(stored.items).toEqual({
      pendingOrders: true,
      exportProducts: true,
      billingEndDate: true,
      informTeam: true,
    });
    await visible(page.getByText('4 of 4', { exact: false }));
  });

  it('downloads the products left as CSV: one row per product of the ledger', async () => {
    const storeId = leaving.store.id;
    await page.goto(`${app.url}/app/stores/${storeId}/products-left`);
    await settle(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the list (CSV)' }).click(),
    ]);
    const rows = parseCsv(readFileSync((await download.path()) as string, 'utf8'));
    expect(rows[0]).toEqual([...PRODUCTS_LEFT_CSV_HEADER]);
    const products = await ledger(storeId);
    expect(products).toHaveLength(leaving.productTitles.length);
    const byId = (row: string[]) => [row[0], row[1], row[3]];
    expect(rows.slice(1).map(byId).sort()).toEqual(
      products.map((p) => [p.platformProductId, p.title, p.sku]).sort(),
    );
  });

  it('cancels the subscription at period end with a reason: the page and the API agree', async () => {
    const { store, subscription } = leaving;
    await page.goto(`${app.url}/app/settings/stores`);
    await settle(page);
    await page.getByLabel('At the end of the current period').check();
    await page.getByLabel('Reason for cancelling').selectOption('too_expensive');
    await page.getByRole('textbox').first().fill('Closing the shop for the winter');
    await page.getByRole('button', { name: 'Cancel subscription', exact: true }).click();
    const cancelled = page.waitForResponse((r) =>
      r.url().endsWith(`/api/subscriptions/${subscription.id}/cancel`),
    );
    await page.getByRole('button', { name: 'Yes, cancel the subscription' }).click();
    expect((await cancelled).status()).toBe(200);
    const endsOn = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      subscription.currentPeriodEnd as Date,
    );
    await visible(page.getByText(`Will end on ${endsOn}`).first());

    const summary = await api<{ subscription: Record<string, unknown> }>(`/api/stores/${store.id}`);
    expect(summary.subscription).toMatchObject({
      status: 'pending_cancellation',
      cancelAtPeriodEnd: true,
      cancelReason: 'too_expensive',
    });
    const recorded = await app.stack.repos.subscriptions.findById(subscription.id);
    expect(recorded).toMatchObject({
      status: 'pending_cancellation',
      cancelAtPeriodEnd: true,
      cancelReason: 'too_expensive',
      cancelReasonText: 'Closing the shop for the winter',
      cancelledBy: expect.stringContaining(leaving.accountId),
    });
    expect(recorded?.cancelledAt).toBeInstanceOf(Date);
    expect(recorded?.billingEndsAt?.getTime()).toBe(subscription.currentPeriodEnd?.getTime());
  });

  it.each(LOCALES)('every screen in %s fits 1280 and 390 px without sideways scrolling', async (locale) => {
    await chooseLocale(page, app.url, locale);
    for (const screen of screens()) await captureScreen(screen, locale);
  });
});
