import type { IncomingMessage } from 'node:http';
import express from 'express';
import type { RequestHandler } from 'express';

const rawBodies = new WeakMap<IncomingMessage, Buffer>();

/**
 * The exact bytes of a parsed body. Webhook signatures (Shopify, WooCommerce)
 * are HMACs of these bytes, not of the re-serialised object.
 */
export function rawBodyOf(req: IncomingMessage): Buffer | undefined {
  return rawBodies.get(req);
}

/** The request body's exact bytes, whichever parser read them (JSON, form, or a raw reader). */
export function bodyBytesOf(req: IncomingMessage & { body?: unknown }): Buffer {
  return rawBodies.get(req) ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
}

/** Keeps a body's bytes for rawBodyOf (the `verify` hook of body-parser). */
export function keepRawBody(req: IncomingMessage, _res: unknown, buffer: Buffer): void {
  rawBodies.set(req, buffer);
}

/**
 * Paths whose bodies are read as bytes only, whatever their content type:
 * Shopify webhooks are verified before anything is parsed, so a correctly
 * signed body that is not JSON reaches its handler instead of failing here.
 */
export const RAW_BODY_PATH_PREFIXES: readonly string[] = ['/webhooks/'];

function isRawBodyPath(path: string): boolean {
  return RAW_BODY_PATH_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * JSON and form bodies up to `limit`, raw bytes on RAW_BODY_PATH_PREFIXES and
 * for every other content type; larger ones fail with entity.too.large (413).
 */
export function bodyParsers(limit: number): RequestHandler[] {
  const raw = express.raw({ limit, type: () => true, verify: keepRawBody });
  const json = express.json({ limit, verify: keepRawBody });
  // WooCommerce sends its webhook ping form-encoded.
  const form = express.urlencoded({ limit, extended: false, verify: keepRawBody });
  return [
    (req, res, next) => (isRawBodyPath(req.path) ? raw(req, res, next) : json(req, res, next)),
    (req, res, next) => (isRawBodyPath(req.path) ? next() : form(req, res, next)),
    // Any other content type is read as bytes too, so the limit (413) holds on every route.
    (req, res, next) => (req.body === undefined ? raw(req, res, next) : next()),
  ];
}
