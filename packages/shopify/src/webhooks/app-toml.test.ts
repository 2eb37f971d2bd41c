import path from 'node:path';

import { listAppTomlTopics, parseAppToml, readAppToml } from './app-toml';
import { ComplianceTopics, ShopifyTopics } from './topics';

const appTomlPath = path.resolve(__dirname, '../../../../shopify.app.toml');

describe('readAppToml', () => {
  it('reads the repository shopify.app.toml', async () => {
    const toml = await readAppToml(appTomlPath);
    expect(toml.apiVersion).toBe('2026-07');
    expect(toml.embedded).toBe(true);
    expect(toml.scopes).toEqual(['read_products', 'write_products', 'read_orders']);
    expect(toml.applicationUrl).toBe('https://dropship-connect.example.com/app');
    expect(toml.subscriptions).toContainEqual({
      complianceTopics: ['customers/data_request', 'customers/redact', 'shop/redact'],
      uri: '/webhooks/compliance',
    });
  });

  it('declares exactly the topics the adapter parses, compliance ones as compliance_topics', async () => {
    const topics = listAppTomlTopics(await readAppToml(appTomlPath));
    expect(topics.map((entry) => entry.topic).sort()).toEqual(Object.values(ShopifyTopics).sort());
    expect(topics.filter((entry) => entry.compliance).map((entry) => entry.topic)).toEqual([
      ...ComplianceTopics,
    ]);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    await expect(readAppToml('/nonexistent/shopify.app.toml')).rejects.toMatchObject({ kind: 'NOT_FOUND' });
  });

  it('reports a file without [webhooks] api_version as INVALID_INPUT naming the setting', async () => {
    await expect(
      parseAppToml('client_id = "x"\napplication_url = "https://a.example"\n[webhooks]\n'),
    ).rejects.toMatchObject({
      kind: 'INVALID_INPUT',
      message: expect.stringContaining('webhooks.api_version'),
    });
  });

  it('reports broken TOML as INVALID_INPUT', async () => {
    await expect(parseAppToml('client_id = ')).rejects.toMatchObject({ kind: 'INVALID_INPUT' });
  });
});
