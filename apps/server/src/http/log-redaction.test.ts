import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACTION, redactLogLine } from './log-redaction';

function linesOf(write: (log: pino.Logger) => void): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  write(pino({ level: 'info', ...LOG_REDACTION }, stream));
  return lines;
}

describe('log redaction', () => {
  it('censors secrets by key at any depth, in any case, whatever their type, and keeps the rest', () => {
    const [line] = linesOf((log) =>
      log.info(
        {
          password: 'hunter2',
          req: { headers: { Authorization: 'Bearer abc', 'X-Shopify-Hmac-Sha256': 'c2lnbmVk', host: 'x' } },
          body: { consumer_secret: 'cs_1', nested: { deeper: { siteSecret: 'deep "quoted" \\ value' } } },
          token: 12345,
          'set-cookie': ['a=1', 'b=2'],
          shop: 'kept.myshopify.com',
        },
        'message with password=visible-in-text-only',
      ),
    );
    expect(line).toMatchObject({
      password: '[redacted]',
      req: { headers: { Authorization: '[redacted]', 'X-Shopify-Hmac-Sha256': '[redacted]', host: 'x' } },
      body: { consumer_secret: '[redacted]', nested: { deeper: { siteSecret: '[redacted]' } } },
      token: '[redacted]',
      'set-cookie': '[redacted]',
      shop: 'kept.myshopify.com',
    });
  });

  it('censors secrets in child bindings and serialized errors too', () => {
    const lines = linesOf((log) => {
      const child = log.child({ accessToken: 'shpat_123' });
      child.warn({ err: Object.assign(new Error('failed'), { details: { apiSecret: 's3cr3t' } }) }, 'oops');
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('shpat_123');
    expect(text).not.toContain('s3cr3t');
    expect(text).toContain('failed');
  });

  it('leaves keys that only contain a secret word alone, and lines without secrets unchanged', () => {
    const line = '{"level":30,"tokenCount":3,"passwordless":true,"msg":"ok"}\n';
    expect(redactLogLine(line)).toBe(line);
  });
});
