export { BRIDGE_PREFIX, bridgeBodyErrors, bridgeRoutes } from './bridge-routes';
export { KEY_CALLBACK_PATH, WOO_APP_NAME } from './connect-routes';
export { eventLaneRoutes } from './event-routes';
