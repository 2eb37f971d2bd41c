/** Incoming headers as node:http gives them (lower-case keys), or any record of them. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one header case-insensitively; repeated headers yield their first value; blank values read as undefined. */
export function readHeader(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // node:http's keys are lower-case already: one lookup, not a scan of every header per name.
  const direct = headers[wanted];
  if (direct !== undefined) return firstValue(direct);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return firstValue(value);
  }
  return undefined;
}

function firstValue(value: string | readonly string[]): string | undefined {
  const first = typeof value === 'string' ? value : value[0];
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** Raw request bodies arrive as Buffer (express.raw) or string. */
export type RawBody = string | Buffer | Uint8Array;

export function rawBodyToBuffer(body: RawBody): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body);
}
