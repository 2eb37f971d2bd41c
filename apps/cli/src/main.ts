import { installShutdownHandlers } from '@dropship/worker';
import { consoleIo } from './cli-io';
import { runCli } from './run-cli';

// The composition root: the only place that reads process.env, once.
async function main(): Promise<void> {
  const result = await runCli(process.argv.slice(2), process.env, consoleIo);
  if ('exitCode' in result) {
    process.exit(result.exitCode);
  }
  // SIGTERM/SIGINT: close the server, then let in-flight jobs finish; a second signal forces it. Exit 0.
  installShutdownHandlers({ worker: result.running, log: result.log });
}

main().catch((error: unknown) => {
  consoleIo.err(
    `Unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
