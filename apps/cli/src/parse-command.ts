/** What `start` runs in this process. */
export const StartRoles = { all: 'all', server: 'server', worker: 'worker' } as const;
export type StartRole = (typeof StartRoles)[keyof typeof StartRoles];

export type Command = { name: 'migrate' } | { name: 'start'; role: StartRole } | { name: 'help' };

export type ParseCommandResult = { ok: true; command: Command } | { ok: false; reason: string };

export const USAGE = `Usage: dropship <command>

Commands:
  start [all]     migrate, then run the HTTP server and the worker in one process (default)
  start server    run the HTTP server only (to scale out; run migrate first)
  start worker    run the BullMQ worker only (to scale out; run migrate first)
  migrate         apply pending database migrations and exit
  help            show this text

Configuration comes from environment variables; see the README.`;

function isRole(value: string): value is StartRole {
  return Object.values<string>(StartRoles).includes(value);
}

/** Reads the command line (without `node main.js`); no arguments means `start all`. */
export function parseCommand(argv: readonly string[]): ParseCommandResult {
  const [first = 'start', second, ...rest] = argv;
  if (rest.length > 0) return { ok: false, reason: `Unexpected arguments: ${rest.join(' ')}` };
  if (['help', '--help', '-h'].includes(first) && second === undefined)
    return { ok: true, command: { name: 'help' } };
  if (first === 'migrate' && second === undefined) return { ok: true, command: { name: 'migrate' } };
  if (first === 'start') {
    const role = second ?? StartRoles.all;
    if (isRole(role)) return { ok: true, command: { name: 'start', role } };
    return { ok: false, reason: `Unknown role "${role}": use start all, start server or start worker.` };
  }
  // `dropship server` reads as `dropship start server`, like the npm scripts.
  if (isRole(first) && second === undefined) return { ok: true, command: { name: 'start', role: first } };
  return { ok: false, reason: `Unknown command "${argv.join(' ')}".` };
}
