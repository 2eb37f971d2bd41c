export { BRIDGE_PREFIX, bridgeBodyErrors, bridgeRoutes } from './bridge-routes';
export { KEY_CALLBACK_PATH } from './connect-routes';
export { eventLaneRoutes } from './event-routes';
