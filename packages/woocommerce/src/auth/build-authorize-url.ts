import { z } from 'zod';
import { invalidOptions } from '../errors';
import { describeIssues } from '../shared/zod-issues';

const authorizeParamsSchema = z.object({
  siteUrl: z.url({ protocol: /^https?$/ }),
  appName: z.string().trim().min(1).max(170),
  state: z.string().min(1),
  returnUrl: z.url({ protocol: /^https?$/ }),
  // WC_Auth::make_validation() refuses a callback that is not https.
  callbackUrl: z.url({ protocol: /^https$/, error: 'must be an https URL (WooCommerce refuses others)' }),
});
export type BuildAuthorizeUrlParams = z.input<typeof authorizeParamsSchema>;

/**
 * What WooCommerce shows the owner for the platform's REST key ("<name> - API
 * (<date>)") and webhooks ("<name> (<topic>)"); the WordPress plugin removes
 * both by this name on uninstall (wp-plugin-bridge Options::APP_NAME).
 */
export const WOO_APP_NAME = 'Dropship Connect';

/** WooCommerce's key scope for the connection: read products and orders, create webhooks. */
export const WOO_KEY_SCOPE = 'read_write';

/**
 * The site's `/wc-auth/v1/authorize` URL. `state` travels as `user_id`, which
 * WooCommerce echoes unverified in the key callback: pass a signed state
 * (`createConnectState`), never a bare id.
 */
export function buildAuthorizeUrl(params: BuildAuthorizeUrlParams): string {
  const parsed = authorizeParamsSchema.safeParse(params);
  if (!parsed.success) throw invalidOptions('authorize URL parameters', describeIssues(parsed.error));
  const { siteUrl, appName, state, returnUrl, callbackUrl } = parsed.data;
  const url = new URL(`${siteUrl.replace(/\/+$/, '')}/wc-auth/v1/authorize`);
  url.search = new URLSearchParams({
    app_name: appName,
    scope: WOO_KEY_SCOPE,
    user_id: state,
    return_url: returnUrl,
    callback_url: callbackUrl,
  }).toString();
  return url.toString();
}
