import type { Logger } from 'pino';
import { ACCOUNT_SIGN_IN_PATH } from './demo-account';
import { seedDemo } from './seed-demo';
import type { SeedDemoDeps, SeededStore } from './seed-demo';

function storeLine(seeded: SeededStore): string {
  const { store } = seeded;
  const platform = store.platform === 'shopify' ? 'Shopify' : 'WooCommerce';
  return `${store.domain} (${platform}, ${store.state}${seeded.created ? ', new' : ''}, ${seeded.products} products, ${seeded.pendingOrders} pending orders)`;
}

/**
 * Development start: seeds the demo account and returns the lines that say
 * how to open it. A failure is logged and the start goes on (the demo is a
 * convenience): no lines then.
 */
export async function seedDemoOnStart(deps: SeedDemoDeps, log: Pick<Logger, 'warn'>): Promise<string[]> {
  try {
    const seeded = await seedDemo(deps);
    const hours = Math.round((seeded.loginExpiresAt.getTime() - deps.clock.now().getTime()) / 3_600_000);
    return [
      'Demo account (development only):',
      `  Sign in now:  ${seeded.loginUrl}`,
      `                (one-time link, valid ${hours} h; opens the account area at /app/)`,
      `  Later:        ${seeded.email} / ${seeded.password} at ${deps.config.appUrl}${ACCOUNT_SIGN_IN_PATH}`,
      `  Stores:       ${storeLine(seeded.shopify)}`,
      `                ${storeLine(seeded.woocommerce)}`,
      '  Play the story (uninstall, plugin removal): npm run demo, in another terminal',
    ];
  } catch (err) {
    log.warn({ err }, 'could not seed the demo account; the platform runs without it');
    return [];
  }
}
