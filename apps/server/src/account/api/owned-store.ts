import type { Response } from 'express';
import type { Store } from '@dropship/core';
import type { ServerDeps } from '../../server-deps';
import { notFound } from '../auth/account-error';
import { merchantOf } from '../auth/authenticate-merchant';

/** The store when it belongs to the caller's account; another account's store is NOT_FOUND (404). */
export async function ownedStore(deps: ServerDeps, res: Response, storeId: string): Promise<Store> {
  const store = await deps.repos.stores.findById(storeId);
  if (!store || store.accountId !== merchantOf(res).account.id) throw notFound('store', storeId);
  return store;
}
