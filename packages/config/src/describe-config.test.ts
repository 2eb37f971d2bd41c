import { configTableMarkdown, describeConfig } from './index';

describe('describeConfig', () => {
  it('documents every variable with a default and a purpose', () => {
    const rows = describeConfig();
    const names = rows.map((r) => r.variable);
    expect(names).toEqual(
      expect.arrayContaining(['SHOPIFY_API_KEY', 'SHOPIFY_API_SECRET', 'SHOPIFY_APP_URL', 'SCOPES']),
    );
    expect(names).toEqual(
      expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'DATA_DIR', 'ENCRYPTION_KEY']),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const row of rows) {
      expect(row.default).not.toBe('');
      expect(row.purpose).not.toBe('');
    }
    expect(rows.find((r) => r.variable === 'DATA_DIR')?.default).toBe('./data');
    expect(rows.find((r) => r.variable === 'QUEUE_PREFIX')?.default).toBe('dropship');
  });

  it('renders a Markdown table with one row per variable', () => {
    const lines = configTableMarkdown().split('\n');
    expect(lines[0]).toBe('| Variable | Default | Required in production | Purpose |');
    expect(lines).toHaveLength(describeConfig().length + 2);
  });
});
