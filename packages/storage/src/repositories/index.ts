import type { Knex } from 'knex';
import type { Repositories, RepositorySet } from '@dropship/core';
import { codecFor } from '../codec';
import type { Cipher } from '../crypto/cipher';
import type { Database } from '../database';
import { toStorageError } from '../errors';
import { createAccountCredentialRepository } from './account-credential-repository';
import { createAccountErasureRepository } from './account-erasure-repository';
import { createAccountRepository } from './account-repository';
import { createBilledPeriodRepository } from './billed-period-repository';
import { createBillingRequestRepository } from './billing-request-repository';
import { createOwnerSessionRepository } from './owner-session-repository';
import { createRateLimitRepository } from './rate-limit-repository';
import { createStoreChecklistRepository } from './store-checklist-repository';
import { createAuditRepository } from './audit-repository';
import { createComplianceRequestRepository } from './compliance-request-repository';
import { createDisconnectReportRepository } from './disconnect-report-repository';
import type { RepositoryContext } from './context';
import { createInvoiceRepository } from './invoice-repository';
import { createLifecycleEventRepository } from './lifecycle-event-repository';
import { createOpsQueryRepository } from './ops-query-repository';
import { createOrderRepository } from './order-repository';
import { createOutboxRepository } from './outbox-repository';
import { createPublishedProductRepository } from './published-product-repository';
import { createShopifySessionRepository } from './shopify-session-repository';
import { createStoreRepository } from './store-repository';
import { createSubscriptionRepository } from './subscription-repository';
import { createSupplierOrderRepository } from './supplier-order-repository';
import { createTeamRepository } from './team-repository';
import { createTeamSupplierOrderRepository } from './team-supplier-order-repository';
import { createConnectionCodeRepository } from './connection-code-repository';
import { createLoginTokenRepository } from './login-token-repository';
import { createWooStoreRepository } from './woo-store-repository';
import { createWpConnectionRepository } from './wp-connection-repository';

/** Rejections of every promise-returning method become StorageErrors (CONFLICT, UNAVAILABLE, …). */
function withErrorMapping<T extends object>(name: string, repository: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(repository)) {
    if (typeof value !== 'function') {
      wrapped[key] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => unknown;
    wrapped[key] = (...args: unknown[]) => {
      const result = method(...args);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            throw toStorageError(error, `${name}.${key}`);
          })
        : result;
    };
  }
  return wrapped as T;
}

function buildSet(ctx: RepositoryContext): RepositorySet {
  return {
    accounts: withErrorMapping('accounts', createAccountRepository(ctx)),
    stores: withErrorMapping('stores', createStoreRepository(ctx)),
    shopifySessions: withErrorMapping('shopifySessions', createShopifySessionRepository(ctx)),
    subscriptions: withErrorMapping('subscriptions', createSubscriptionRepository(ctx)),
    invoices: withErrorMapping('invoices', createInvoiceRepository(ctx)),
    publishedProducts: withErrorMapping('publishedProducts', createPublishedProductRepository(ctx)),
    lifecycleEvents: withErrorMapping('lifecycleEvents', createLifecycleEventRepository(ctx)),
    audit: withErrorMapping('audit', createAuditRepository(ctx)),
    orders: withErrorMapping('orders', createOrderRepository(ctx)),
    supplierOrders: withErrorMapping('supplierOrders', createSupplierOrderRepository(ctx)),
    teamSupplierOrders: withErrorMapping('teamSupplierOrders', createTeamSupplierOrderRepository(ctx)),
    outbox: withErrorMapping('outbox', createOutboxRepository(ctx)),
    disconnectReports: withErrorMapping('disconnectReports', createDisconnectReportRepository(ctx)),
    complianceRequests: withErrorMapping('complianceRequests', createComplianceRequestRepository(ctx)),
    wpConnections: withErrorMapping('wpConnections', createWpConnectionRepository(ctx)),
    connectionCodes: withErrorMapping('connectionCodes', createConnectionCodeRepository(ctx)),
    loginTokens: withErrorMapping('loginTokens', createLoginTokenRepository(ctx)),
    wooStores: withErrorMapping('wooStores', createWooStoreRepository(ctx)),
    team: withErrorMapping('team', createTeamRepository(ctx)),
    opsQueries: withErrorMapping('opsQueries', createOpsQueryRepository(ctx)),
    accountCredentials: withErrorMapping('accountCredentials', createAccountCredentialRepository(ctx)),
    ownerSessions: withErrorMapping('ownerSessions', createOwnerSessionRepository(ctx)),
    billingRequests: withErrorMapping('billingRequests', createBillingRequestRepository(ctx)),
    storeChecklists: withErrorMapping('storeChecklists', createStoreChecklistRepository(ctx)),
    rateLimits: withErrorMapping('rateLimits', createRateLimitRepository(ctx)),
    accountErasure: withErrorMapping('accountErasure', createAccountErasureRepository(ctx)),
    billedPeriods: withErrorMapping('billedPeriods', createBilledPeriodRepository(ctx)),
  };
}

function build(ctx: RepositoryContext): Repositories {
  return {
    ...buildSet(ctx),
    async transaction<T>(fn: (repos: Repositories) => Promise<T>): Promise<T> {
      try {
        // Inside a transaction this nests as a savepoint.
        return await ctx.knex.transaction((trx: Knex.Transaction) => fn(build({ ...ctx, knex: trx })));
      } catch (error) {
        throw toStorageError(error, 'Transaction');
      }
    },
  };
}

/**
 * The SQL implementations of the repository ports. Inside `transaction(fn)`
 * use only the repositories passed to `fn`: on SQLite the pool has a single
 * connection, held by the transaction.
 */
export function createRepositories(db: Database, cipher: Cipher): Repositories {
  return build({ knex: db.knex, dialect: db.dialect, codec: codecFor(db.dialect), cipher });
}
