import { AccountPaths } from '../account-paths';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The account area's sign-in page for direct visits: e-mail + password, or a magic link by e-mail. */
export function signInPage(notice: string | null): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — Dropship Connect</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto">
<h1>Sign in to your account</h1>
${notice ? `<p role="status">${escape(notice)}</p>` : ''}
<form method="post" action="/account/sign-in">
  <p><label>E-mail <input type="email" name="email" required autocomplete="username"></label></p>
  <p><label>Password <input type="password" name="password" required autocomplete="current-password"></label></p>
  <p><button type="submit">Sign in</button></p>
</form>
<h2>No password?</h2>
<form method="post" action="${AccountPaths.magicLink}">
  <p><label>E-mail <input type="email" name="email" required></label></p>
  <p><button type="submit">E-mail me a sign-in link</button></p>
</form>
<p>From WordPress: open the plugin page and click “Manage billing” to sign in without a password.</p>
</body></html>`;
}
