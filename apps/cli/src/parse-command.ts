/** What `start` runs in this process. */
export const StartRoles = { all: 'all', server: 'server', worker: 'worker' } as const;
export type StartRole = (typeof StartRoles)[keyof typeof StartRoles];

export type Command =
  | { name: 'migrate' }
  | { name: 'demo' }
  | { name: 'start'; role: StartRole }
  | { name: 'team:add'; email: string; role: 'viewer' | 'operator' }
  | { name: 'help' };

export type ParseCommandResult = { ok: true; command: Command } | { ok: false; reason: string };

export const USAGE = `Usage: dropship <command>

Commands:
  start [all]     migrate, then run the HTTP server and the worker in one process (default)
  start server    run the HTTP server only (to scale out; run migrate first)
  start worker    run the BullMQ worker only (to scale out; run migrate first)
  migrate         apply pending database migrations and exit
  demo            play the demo story on the running system (development): the demo Shopify
                  store uninstalls, the demo WooCommerce site removes its plugin; prints the result
  team:add <email> <viewer|operator>
                  add a dropship team member (or reset their password and role); the
                  password comes from TEAM_MEMBER_PASSWORD, else one is generated and printed
  help            show this text

Configuration comes from environment variables; see the README.`;

function isRole(value: string): value is StartRole {
  return Object.values<string>(StartRoles).includes(value);
}

/** Reads the command line (without `node main.js`); no arguments means `start all`. */
export function parseCommand(argv: readonly string[]): ParseCommandResult {
  const [first = 'start', second, ...rest] = argv;
  if (first === 'team:add') return parseTeamAdd(argv.slice(1));
  if (rest.length > 0) return { ok: false, reason: `Unexpected arguments: ${rest.join(' ')}` };
  if (['help', '--help', '-h'].includes(first) && second === undefined)
    return { ok: true, command: { name: 'help' } };
  if (first === 'migrate' && second === undefined) return { ok: true, command: { name: 'migrate' } };
  if (first === 'demo' && second === undefined) return { ok: true, command: { name: 'demo' } };
  if (first === 'start') {
    const role = second ?? StartRoles.all;
    if (isRole(role)) return { ok: true, command: { name: 'start', role } };
    return { ok: false, reason: `Unknown role "${role}": use start all, start server or start worker.` };
  }
  // `dropship server` reads as `dropship start server`, like the npm scripts.
  if (isRole(first) && second === undefined) return { ok: true, command: { name: 'start', role: first } };
  return { ok: false, reason: `Unknown command "${argv.join(' ')}".` };
}

function parseTeamAdd(args: readonly string[]): ParseCommandResult {
  const [email, role, ...extra] = args;
  if (email === undefined || role === undefined || extra.length > 0 || !email.includes('@')) {
    return { ok: false, reason: 'Usage: team:add <email> <viewer|operator>' };
  }
  if (role !== 'viewer' && role !== 'operator') {
    return { ok: false, reason: `Unknown team role "${role}": use viewer or operator.` };
  }
  return { ok: true, command: { name: 'team:add', email, role } };
}
