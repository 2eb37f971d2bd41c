import { html } from './html';
import { layout } from './layout';

export interface SignInPageParams {
  next: string;
  email?: string;
  error?: string;
}

export function renderSignInPage({ next, email, error }: SignInPageParams): string {
  const body = html`<section style="max-width: 380px">
    <h1>Team sign-in</h1>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    <form method="post" action="/ops/sign-in">
      <input type="hidden" name="next" value="${next}" />
      <label for="email">E-mail</label
      ><input id="email" name="email" type="email" autocomplete="username" required value="${email ?? ''}" />
      <label for="password">Password</label
      ><input id="password" name="password" type="password" autocomplete="current-password" required />
      <p><button type="submit">Sign in</button></p>
    </form>
    <p class="muted">
      No account? An administrator creates one with
      <code>node apps/cli/dist/main.js team:add &lt;email&gt; operator</code>.
    </p>
  </section>`;
  return layout({ title: 'Sign in', body });
}
