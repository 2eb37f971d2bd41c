import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const OUTPUT_DIR = path.resolve(__dirname, '..', '..', '..', 'test-output', 'browser');
export const WIDTHS = [1280, 390] as const;
export const LOCALES = ['en', 'fr'] as const;
export type ScreenLocale = (typeof LOCALES)[number];

/** Key of the standalone language switch (apps/web/src/i18n/locale.ts). */
const LOCALE_STORAGE_KEY = 'dropship.locale';

export interface Screen {
  name: string;
  path: string;
}

// Browser-side code is passed as source text: this tree is compiled without the DOM library.

/** Waits until the screen has its data: no request in flight and no skeleton left. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction('document.querySelector(\'[class*="Polaris-Skeleton"]\') === null', undefined, {
    timeout: 15_000,
  });
}

/** The standalone app remembers the owner's language choice; set it before the page loads. */
export async function chooseLocale(page: Page, baseUrl: string, locale: ScreenLocale): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/account/sign-in`);
  await page.evaluate(
    `window.localStorage.setItem(${JSON.stringify(LOCALE_STORAGE_KEY)}, ${JSON.stringify(locale)})`,
  );
}

/** The `lang` of the page's root element. */
export function pageLanguage(page: Page): Promise<string> {
  return page.evaluate<string>('document.documentElement.lang');
}

export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements sticking out on the right, for the failure message. */
  culprits: string[];
}

const MEASURE_OVERFLOW = `(() => {
  const innerWidth = window.innerWidth;
  const culprits = [];
  for (const element of Array.from(document.querySelectorAll('body *'))) {
    const box = element.getBoundingClientRect();
    if (box.right > innerWidth + 1 && box.width > 0 && culprits.length < 5) {
      const first = typeof element.className === 'string' ? element.className.split(' ')[0] : '';
      culprits.push(element.tagName.toLowerCase() + '.' + first + ' right=' + Math.round(box.right));
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, culprits };
})()`;

/** document.documentElement.scrollWidth against window.innerWidth, with what sticks out. */
export function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(MEASURE_OVERFLOW);
}

/** Full-page screenshot under test-output/browser/<name>-<locale>-<width>.png; returns the file. */
export async function screenshot(page: Page, name: string, locale: string, width: number): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}-${locale}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
