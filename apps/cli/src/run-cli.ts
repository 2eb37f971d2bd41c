import { ConfigError, loadConfig } from '@dropship/config';
import type { Environment } from '@dropship/config';
import { isDomainError } from '@dropship/core';
import type { CliIo } from './cli-io';
import { demo } from './commands/demo';
import { migrate } from './commands/migrate';
import { start } from './commands/start';
import { teamAdd } from './commands/team-add';
import type { RunningApp } from './commands/start';
import { createLogger } from './logger';
import { parseCommand, USAGE } from './parse-command';

/** Exit codes: 1 a dependency or start-up failure, 2 a bad command line or configuration. */
export const ExitCodes = { ok: 0, failure: 1, usage: 2 } as const;

export type CliResult = { exitCode: number } | { running: RunningApp; log: ReturnType<typeof createLogger> };

/**
 * Runs one command. Validates the whole configuration before anything is
 * written, so a bad configuration leaves no trace (no data dir, no key file).
 */
export async function runCli(argv: readonly string[], env: Environment, io: CliIo): Promise<CliResult> {
  const parsed = parseCommand(argv);
  if (!parsed.ok) {
    io.err(`${parsed.reason}\n\n${USAGE}`);
    return { exitCode: ExitCodes.usage };
  }
  if (parsed.command.name === 'help') {
    io.out(USAGE);
    return { exitCode: ExitCodes.ok };
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return { exitCode: ExitCodes.usage };
  }
  const log = createLogger(config.logLevel);
  try {
    if (parsed.command.name === 'migrate') return { exitCode: await migrate(config, log, io) };
    if (parsed.command.name === 'demo') return { exitCode: await demo(config, log, io) };
    if (parsed.command.name === 'team:add')
      return { exitCode: await teamAdd(parsed.command, env.TEAM_MEMBER_PASSWORD, config, log, io) };
    return { running: await start(parsed.command.role, config, log, io), log };
  } catch (error) {
    // Expected start-up failures (Redis missing, port taken, database down) carry a message that says what to do.
    if (isDomainError(error)) io.err(`Cannot ${parsed.command.name}: ${error.message}`);
    else log.error({ err: error }, `${parsed.command.name} failed`);
    return { exitCode: ExitCodes.failure };
  }
}
