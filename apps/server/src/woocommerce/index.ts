export { woocommerceRoutes } from './woocommerce-routes';
export { WOO_WEBHOOK_PATH } from './webhook-route';
