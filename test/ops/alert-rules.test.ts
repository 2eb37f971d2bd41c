import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';

import { createTestStack } from '../../apps/server/src/test-support/harness';
import type { TestStack } from '../../apps/server/src/test-support/harness';

const METRICS_TOKEN = 'm'.repeat(40);
const RULES_FILE = path.resolve(__dirname, '../../docs/prometheus-alerts.yml');

interface Rule {
  alert?: string;
  expr?: unknown;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups?: Array<{ name?: string; rules?: Rule[] }>;
}

let stack: TestStack;
let exposed: Set<string>;

beforeAll(async () => {
  stack = await createTestStack({ env: { METRICS_TOKEN } });
  const res = await request(stack.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(res.status).toBe(200);
  exposed = new Set<string>();
  for (const match of res.text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = match;
    exposed.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) exposed.add(`${name}${suffix}`);
  }
}, 30_000);
afterAll(() => stack?.close());

const rules = (): Rule[] => {
  const file = parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;
  return (file.groups ?? []).flatMap((group) => group.rules ?? []);
};

describe('docs/prometheus-alerts.yml', () => {
  it('is a Prometheus rule file: named groups of rules with an alert name, an expression, a severity and a summary', () => {
    const file = parse(readFileSync(RULES_FILE, 'utf8')) as RuleFile;
    expect(file.groups?.length).toBeGreaterThan(0);
    for (const group of file.groups ?? []) {
      expect(group.name).toMatch(/\S/);
      expect(group.rules?.length).toBeGreaterThan(0);
    }
    for (const rule of rules()) {
      expect(rule.alert).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(typeof rule.expr).toBe('string');
      expect(rule.labels?.severity).toMatch(/^(page|ticket|info)$/);
      expect(rule.annotations?.summary).toMatch(/\S/);
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smhd]$/);
    }
  });

  it('alerts on failed jobs, queue lag, missing workers, webhook rejection spikes and the Redis eviction policy', () => {
    const names = rules().map((rule) => rule.alert);
    expect(names).toEqual(
      expect.arrayContaining([
        'DropshipLifecycleJobsFailed',
        'DropshipQueueLag',
        'DropshipNoWorkersConnected',
        'DropshipWebhookRejectionSpike',
        'DropshipRedisEvictionPolicy',
      ]),
    );
  });

  it('every metric an expression reads is one /metrics exposes', () => {
    for (const rule of rules()) {
      const used = [...String(rule.expr).matchAll(/\b(dropship_[a-z0-9_]+)\b/g)].map((m) => m[1] ?? '');
      expect(used.length).toBeGreaterThan(0);
      for (const name of used)
        expect({ alert: rule.alert, metric: name, exposed: exposed.has(name) }).toEqual({
          alert: rule.alert,
          metric: name,
          exposed: true,
        });
    }
  });
});
