import type { TeamPrincipal } from '../team/team-auth';
import { html, SafeHtml } from './html';

const STYLES = `
:root { color-scheme: light; --line: #d9dce1; --muted: #5c6370; --accent: #1f5fbf; --warn: #a4500a; --bad: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #f6f7f9; }
header { display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.5rem; background: #1b2330; color: #fff; }
header a { color: #dbe6ff; text-decoration: none; }
header .who { margin-left: auto; color: #c5ccd8; }
header form { display: inline; }
main { padding: 1.25rem 1.5rem 3rem; max-width: 1280px; }
h1 { font-size: 1.35rem; margin: 0 0 1rem; }
h2 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem 1rem; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .02em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-style: italic; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; background: #eef1f5; font-size: .8rem; }
.badge.warn { background: #fff1e0; color: var(--warn); }
.badge.bad { background: #fde8e6; color: var(--bad); }
.cards { display: flex; gap: 1rem; flex-wrap: wrap; }
.card { flex: 1 1 180px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; }
.card .value { font-size: 1.6rem; font-weight: 650; }
.card .label { color: var(--muted); }
button { font: inherit; padding: .25rem .7rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85em; }
label { display: block; margin: .5rem 0 .2rem; }
input[type=email], input[type=password] { width: 100%; padding: .4rem; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.error { color: var(--bad); }
.muted { color: var(--muted); }
`;

export interface LayoutParams {
  title: string;
  principal?: TeamPrincipal;
  body: SafeHtml;
}

/** The page frame of every /ops page: nav, who is signed in, sign-out. */
export function layout({ title, principal, body }: LayoutParams): string {
  const signOut =
    principal?.kind === 'session'
      ? html`<form method="post" action="/ops/sign-out">
          <input type="hidden" name="_csrf" value="${principal.csrfToken}" /><button type="submit">
            Sign out
          </button>
        </form>`
      : null;
  const nav = principal
    ? html`<nav><a href="/ops">Lifecycle</a> · <a href="/ops/queues">Queues</a></nav>
        <span class="who">${principal.name} (${principal.role})</span>${signOut}`
    : null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Dropship Connect ops</title>
        <style>
          ${new SafeHtml(STYLES)}
        </style>
      </head>
      <body>
        <header><strong>Dropship Connect · ops</strong>${nav}</header>
        <main>${body}</main>
      </body>
    </html>`.value;
}
