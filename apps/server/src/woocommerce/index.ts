export { woocommerceRoutes } from './woocommerce-routes';
