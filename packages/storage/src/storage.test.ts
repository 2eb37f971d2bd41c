import type { Dialect } from './index';
import { describeBilling } from './__tests__/billing-contract';
import { describeLifecycleEvents } from './__tests__/events-contract';
import { DEFAULT_TEST_DATABASE_URL, setUpContext, tearDownContext } from './__tests__/harness';
import type { StorageTestContext } from './__tests__/harness';
import { describeMigrations } from './__tests__/migrations-contract';
import { describeOrders } from './__tests__/orders-contract';
import { describePublishedProducts } from './__tests__/products-contract';
import { describeShopifySessions } from './__tests__/sessions-contract';
import { describeAccountsAndStores } from './__tests__/stores-contract';
import { describeTransactions } from './__tests__/transactions-contract';
import { describeWorkerTables } from './__tests__/worker-contract';

const postgresUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;

// One contract, two dialects: SQLite in a temp file, PostgreSQL in a throw-away schema.
describe.each<[Dialect]>([['sqlite'], ['postgres']])('storage on %s', (dialect) => {
  let context: StorageTestContext | undefined;

  beforeAll(async () => {
    context = await setUpContext(dialect, postgresUrl);
  });

  afterAll(async () => {
    await tearDownContext(context);
  });

  const get = (): StorageTestContext => {
    if (!context) throw new Error(`The ${dialect} test database did not open; see the error from beforeAll.`);
    return context;
  };

  describeMigrations(get);
  describeAccountsAndStores(get);
  describeShopifySessions(get);
  describeBilling(get);
  describePublishedProducts(get);
  describeLifecycleEvents(get);
  describeOrders(get);
  describeTransactions(get);
  describeWorkerTables(get);
});
