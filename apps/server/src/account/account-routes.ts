import { Router } from 'express';
import type { ServerDeps } from '../server-deps';
import { merchantApiErrors } from './api-errors';
import { accountDeletionRoutes } from './api/account-deletion-routes';
import { connectionCodeRoutes } from './api/connection-code-routes';
import { meRoutes } from './api/me-routes';
import { productRoutes } from './api/product-routes';
import { storeRoutes } from './api/store-routes';
import { subscriptionRoutes } from './api/subscription-routes';
import { notFound } from './auth/account-error';
import { authenticateMerchant } from './auth/authenticate-merchant';
import { signInRoutes } from './auth/sign-in-routes';

/** The account area: owner sign-in under /account, and the merchant JSON API of docs/api.md under /api. */
export function accountRoutes(deps: ServerDeps): Router {
  const api = Router();
  api.use(authenticateMerchant(deps));
  api.use(meRoutes(deps));
  api.use(storeRoutes(deps));
  api.use(productRoutes(deps));
  api.use(subscriptionRoutes(deps));
  api.use(accountDeletionRoutes(deps));
  api.use(connectionCodeRoutes(deps));
  api.use((req, _res, next) => next(notFound('API route', `${req.method} ${req.path}`)));
  api.use(merchantApiErrors);

  const router = Router();
  router.use(signInRoutes(deps));
  router.use('/api', api);
  router.use('/account', merchantApiErrors);
  return router;
}
