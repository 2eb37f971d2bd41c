export { runCli, ExitCodes } from './run-cli';
export type { CliResult } from './run-cli';
export { parseCommand, StartRoles, USAGE } from './parse-command';
export type { Command, ParseCommandResult, StartRole } from './parse-command';
export type { CliIo } from './cli-io';
export type { RunningApp } from './commands/start';
export { CliError } from './errors';
