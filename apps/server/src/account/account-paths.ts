/** Where the web UI lives, and the screens the account area sends owners to. */
export const AccountPaths = {
  overview: '/app',
  storeManagement: '/app/settings/stores',
  signInPage: '/account/sign-in',
  login: '/account/login',
  signOut: '/account/sign-out',
  magicLink: '/account/magic-link',
} as const;
