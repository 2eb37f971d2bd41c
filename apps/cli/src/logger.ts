import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '@dropship/config';
import { LOG_REDACTION } from '@dropship/server';

/**
 * JSON lines on stdout (or `destination`), credentials redacted wherever a
 * caller logs them.
 *
 * Stdout is written asynchronously: a line goes out at once when no write is
 * in flight, and lines logged meanwhile leave together in the next write.
 * pino's default, a blocking write(2) per line, stopped the event loop for
 * every request (about 20 µs of a webhook's CPU at a few thousand a second, in
 * the ingest benchmark) and for as long as a slow reader of the pipe held it.
 * What is still buffered is written synchronously when the process exits,
 * a crash included (pino registers that flush); a signal that ends the
 * process outright (SIGKILL) can lose it.
 * https://github.com/pinojs/pino/blob/main/docs/asynchronous.md
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    ...LOG_REDACTION,
  };
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
