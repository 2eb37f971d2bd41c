/** The seeded demo account of a development start: who, which stores, how to sign in. */
export const DemoAccount = {
  email: 'demo@dropship.test',
  name: 'Demo merchant',
  /** Development only: the seed refuses to run in production. */
  password: 'demo-dropship-2026',
  shopifyDomain: 'demo-shop.myshopify.com',
  wooSiteUrl: 'https://demo-woo.example.com',
  wooDomain: 'demo-woo.example.com',
  /** How long the printed one-time sign-in link stays valid. */
  loginLinkTtlMs: 24 * 60 * 60 * 1000,
} as const;

/** Where the account area signs a one-time link in (the bridge's login links use the same page). */
export const ACCOUNT_LOGIN_PATH = '/account/login';
/** The account area's e-mail and password form. */
export const ACCOUNT_SIGN_IN_PATH = '/account/sign-in';
