import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { DomainError, ErrorKinds } from '@dropship/core';
import type { ErrorKind } from '@dropship/core';
import { errorHandler, notFoundHandler, requestContext, toHttpFailure } from '../index';

const expected: Array<[ErrorKind, number]> = [
  [ErrorKinds.invalidInput, 400],
  [ErrorKinds.unauthorized, 401],
  [ErrorKinds.forbidden, 403],
  [ErrorKinds.notFound, 404],
  [ErrorKinds.conflict, 409],
  [ErrorKinds.illegalTransition, 409],
  [ErrorKinds.unavailable, 503],
];

/** A real express app with the production middleware around routes that fail. */
function appThatThrows(error: unknown) {
  const app = express();
  app.use(requestContext(pino({ level: 'silent' })));
  app.get('/sync', () => {
    throw error;
  });
  app.get('/async', async () => {
    await Promise.resolve();
    throw error;
  });
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

describe('error mapping', () => {
  it.each(expected)('a %s domain error answers %i with its message', async (kind, status) => {
    const app = appThatThrows(new DomainError(kind, `failure of kind ${kind}`));
    for (const path of ['/sync', '/async']) {
      const res = await request(app).get(path).set('X-Request-Id', 'req-1');
      expect(res.status).toBe(status);
      expect(res.body).toEqual({
        error: { code: kind, message: `failure of kind ${kind}`, requestId: 'req-1' },
      });
    }
  });

  it('invalid input errors carry their details; other kinds do not', () => {
    const input = toHttpFailure(new DomainError(ErrorKinds.invalidInput, 'bad reason', { field: 'reason' }));
    const conflict = toHttpFailure(new DomainError(ErrorKinds.conflict, 'taken', { row: 42 }));
    expect(input.details).toEqual({ field: 'reason' });
    expect(conflict.details).toBeUndefined();
  });

  it('an unknown error answers 500 without leaking its message or stack', async () => {
    const app = appThatThrows(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    const res = await request(app).get('/async');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    expect(res.text).not.toMatch(/ECONNREFUSED|hunter2|at .*\.ts/);
  });

  it('a thrown non-error value answers 500 too', async () => {
    const res = await request(appThatThrows('just a string')).get('/sync');
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('just a string');
  });

  it('a server-side http error (5xx) is not exposed', () => {
    const error = Object.assign(new Error('stream encoding should not be set'), {
      status: 500,
      type: 'stream.encoding.set',
    });
    expect(toHttpFailure(error).status).toBe(500);
    expect(toHttpFailure(error).message).not.toContain('stream');
  });
});
