export { accountRoutes } from './account-routes';
export { AccountPaths } from './account-paths';
export { billingDepsOf, accountDeletionDepsOf } from './billing-context';
