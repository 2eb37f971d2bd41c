import type { IncomingMessage } from 'node:http';

/**
 * The request id pino-http gave the request: lifecycle events, audit entries
 * and job payloads carry it, so one delivery can be followed from the HTTP log
 * line into every job it caused.
 */
export function correlationIdOf(req: IncomingMessage & { id?: unknown }): string | null {
  return req.id === undefined || req.id === null ? null : String(req.id);
}
