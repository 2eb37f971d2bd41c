import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '@dropship/config';
import { LOG_REDACTION } from '@dropship/server';

/** JSON lines on stdout (or `destination`), credentials redacted wherever a caller logs them. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    ...LOG_REDACTION,
  };
  return destination ? pino(options, destination) : pino(options);
}
