import pino from 'pino';
import type { Logger } from 'pino';
import type { LogLevel } from '@dropship/config';

/** JSON lines on stdout, credentials redacted wherever a caller logs them. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        '*.authorization',
        '*.cookie',
        '*.password',
        '*.accessToken',
        '*.consumerSecret',
        '*.apiSecret',
      ],
      censor: '[redacted]',
    },
  });
}
