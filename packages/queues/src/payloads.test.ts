import fc from 'fast-check';
import { ErrorKinds } from '@dropship/core';
import { InvalidJobPayloadError } from './errors';
import {
  defaultJobId,
  jobIdPart,
  lifecycleJobId,
  notificationJobId,
  orderSyncSchedulerId,
  renewalJobId,
  supplierOrderJobId,
} from './job-ids';
import { JobNames, JobQueues, allJobNames, jobNamesOf } from './names';
import { parseJobPayload } from './payloads';

const disconnect = {
  eventId: 'evt_1',
  storeId: 'store_1',
  source: 'shopify_uninstall',
  occurredAt: '2025-01-02T03:04:05.000Z',
};

describe('job payloads', () => {
  test('a valid lifecycle payload is returned typed and trimmed', () => {
    const payload = parseJobPayload(JobNames.storeDisconnected, { ...disconnect, storeId: '  store_1 ' });
    expect(payload).toEqual({ ...disconnect, storeId: 'store_1' });
  });

  test('an invalid payload is rejected as INVALID_INPUT naming every wrong field', () => {
    let caught: unknown;
    try {
      parseJobPayload(JobNames.storeDisconnected, {
        eventId: '',
        source: 'carrier_pigeon',
        occurredAt: 'yesterday',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidJobPayloadError);
    const error = caught as InvalidJobPayloadError;
    expect(error.kind).toBe(ErrorKinds.invalidInput);
    expect(error.issues.map((issue) => issue.split(':')[0])).toEqual(
      expect.arrayContaining(['eventId', 'storeId', 'source', 'occurredAt']),
    );
    expect(error.message).toContain('store-disconnected');
  });

  test('a notification job names one or more kinds, each once; a job queued with one `kind` still reads', () => {
    const base = { storeId: 'store_1', accountId: null, reference: 'evt_1' };
    const kinds = ['products_left', 'team_disconnect_alert'];
    expect(parseJobPayload(JobNames.sendNotification, { ...base, kinds })).toEqual({ ...base, kinds });
    expect(parseJobPayload(JobNames.sendNotification, { ...base, kind: 'products_left' })).toEqual({
      ...base,
      kinds: ['products_left'],
    });
    for (const wrong of [[], ['products_left', 'products_left'], ['carrier_pigeon']]) {
      expect(() => parseJobPayload(JobNames.sendNotification, { ...base, kinds: wrong })).toThrow(/kinds/);
    }
  });

  test('an unknown job name is rejected', () => {
    expect(() => parseJobPayload('no-such-job', {})).toThrow(/unknown job name "no-such-job"/);
  });

  test('every job name has a schema and belongs to one queue', () => {
    for (const name of allJobNames) {
      expect(() => parseJobPayload(name, undefined)).toThrow(InvalidJobPayloadError);
      expect(jobNamesOf(JobQueues[name])).toContain(name);
    }
  });
});

describe('job ids', () => {
  const valid = (id: string) => !id.includes(':') && !/^\d+$/.test(id);

  test('ids are predictable, readable and free of ":"', () => {
    expect(lifecycleJobId('evt_1')).toBe('lifecycle.evt_1');
    expect(supplierOrderJobId('store_1', 'gid://shopify/Order/42')).toBe(
      'order.store_1.gid%3A%2F%2Fshopify%2FOrder%2F42',
    );
    expect(orderSyncSchedulerId('store_1')).toBe('order-sync.store_1');
    expect(renewalJobId('sub_1', '2025-02-01T00:00:00Z')).toBe(`renewal.sub_1.${Date.UTC(2025, 1, 1)}`);
    expect(notificationJobId('products_left', 'evt_1')).toBe('notify.products_left.evt_1');
    expect(notificationJobId(['products_left', 'team_disconnect_alert'], 'evt_1')).toBe(
      'notify.products_left-team_disconnect_alert.evt_1',
    );
  });

  test('ids built from any parts never contain ":" nor are digits only, and different parts give different ids', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (a, b, c, d) => {
          const first = supplierOrderJobId(a, b);
          const second = supplierOrderJobId(c, d);
          expect(valid(first)).toBe(true);
          expect(first === second).toBe(a === c && b === d);
        },
      ),
    );
  });

  test('an empty id part is refused', () => {
    expect(() => jobIdPart('')).toThrow(/empty/);
  });

  test('the default id follows the payload; on-demand order syncs have none', () => {
    expect(defaultJobId(JobNames.storeRedacted, parseJobPayload(JobNames.storeRedacted, disconnect))).toBe(
      'lifecycle.evt_1',
    );
    expect(defaultJobId(JobNames.syncStoreOrders, { storeId: 'store_1' })).toBeUndefined();
  });
});
