import { ErrorKinds } from '@dropship/core';
import { StorageError } from '../index';
import { uniqueDomain } from './harness';
import type { GetContext } from './harness';

export function describeAccountsAndStores(get: GetContext): void {
  describe('accounts', () => {
    it('create, find, update and delete an account', async () => {
      const { repos } = get();
      const email = `${uniqueDomain('owner')}@example.com`;
      const account = await repos.accounts.create({ email, name: 'Owner' });
      expect(account.status).toBe('active');
      expect(await repos.accounts.findById(account.id)).toEqual(account);
      expect((await repos.accounts.findByEmail(email))?.id).toBe(account.id);
      const anonymised = await repos.accounts.update(account.id, {
        email: null,
        name: null,
        status: 'anonymised',
      });
      expect(anonymised).toMatchObject({ email: null, name: null, status: 'anonymised' });
      expect(await repos.accounts.update('missing', { name: 'x' })).toBeNull();
      expect(await repos.accounts.delete(account.id)).toBe(true);
      expect(await repos.accounts.findById(account.id)).toBeNull();
    });
  });

  describe('stores', () => {
    it('find a store by platform and domain, and list an account’s stores', async () => {
      const { repos } = get();
      const account = await repos.accounts.create({ email: null });
      const domain = uniqueDomain();
      const store = await repos.stores.create({ platform: 'woocommerce', domain, accountId: account.id });
      expect(store).toMatchObject({ state: 'connected', automationEnabled: true, disconnectedAt: null });
      expect(await repos.stores.findByDomain('woocommerce', domain)).toEqual(store);
      expect(await repos.stores.findByDomain('shopify', domain)).toBeNull();
      expect((await repos.stores.listByAccount(account.id)).map((s) => s.id)).toEqual([store.id]);
    });

    it('finds many stores of a platform by domain in one call', async () => {
      const { repos } = get();
      const [a, b] = [uniqueDomain(), uniqueDomain()];
      const first = await repos.stores.create({ platform: 'shopify', domain: a });
      const second = await repos.stores.create({ platform: 'shopify', domain: b });
      await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const found = await repos.stores.findByDomains('shopify', [b, a, a, uniqueDomain()]);
      expect(found.map((store) => store.id).sort()).toEqual([first.id, second.id].sort());
      expect(await repos.stores.findByDomains('woocommerce', [a])).toEqual([]);
      expect(await repos.stores.findByDomains('shopify', [])).toEqual([]);
    });

    it('a second store with the same platform and domain is a CONFLICT', async () => {
      const { repos } = get();
      const domain = uniqueDomain();
      await repos.stores.create({ platform: 'shopify', domain });
      const error = await repos.stores
        .create({ platform: 'shopify', domain })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).kind).toBe(ErrorKinds.conflict);
      expect((error as StorageError).message).toMatch(
        /stores\.create failed: a row with the same unique key/,
      );
    });

    it('updateIf applies the patch only while the store is in the expected state', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const at = new Date('2025-03-04T05:06:07.891Z');
      const patch = {
        state: 'disconnected' as const,
        disconnectedAt: at,
        disconnectSource: 'shopify_uninstall' as const,
      };
      expect(await repos.stores.updateIf(store.id, 'connected', patch)).toBe(true);
      expect(await repos.stores.updateIf(store.id, 'connected', { state: 'redacted' })).toBe(false);
      const stored = await repos.stores.findById(store.id);
      expect(stored).toMatchObject(patch);
      expect(stored?.disconnectedAt?.getTime()).toBe(at.getTime());
    });

    it('updateManyIf applies one patch to the stores still in the expected state, in one statement', async () => {
      const { repos } = get();
      const [a, b, moved] = await Promise.all(
        [1, 2, 3].map(() => repos.stores.create({ platform: 'shopify', domain: uniqueDomain() })),
      );
      if (!a || !b || !moved) throw new Error('three stores expected');
      await repos.stores.updateIf(moved.id, 'connected', { state: 'disconnecting' });
      const at = new Date('2025-03-04T05:06:07.891Z');
      const patch = { state: 'disconnecting' as const, automationEnabled: false, disconnectedAt: at };
      const applied = await repos.stores.updateManyIf(
        [a.id, moved.id, b.id, a.id, 'missing'],
        'connected',
        patch,
      );
      expect(applied.sort()).toEqual([a.id, b.id].sort());
      for (const id of [a.id, b.id]) expect(await repos.stores.findById(id)).toMatchObject(patch);
      expect(await repos.stores.findById(moved.id)).toMatchObject({
        state: 'disconnecting',
        automationEnabled: true,
      });
      expect(await repos.stores.updateManyIf([], 'connected', patch)).toEqual([]);
    });

    it('setAutomation turns the store’s order automation off and on', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      expect(await repos.stores.setAutomation(store.id, false)).toBe(true);
      expect((await repos.stores.findById(store.id))?.automationEnabled).toBe(false);
      await repos.stores.setAutomation(store.id, true);
      expect((await repos.stores.findById(store.id))?.automationEnabled).toBe(true);
      expect(await repos.stores.setAutomation('missing', false)).toBe(false);
    });

    it('timestamps round-trip to the exact millisecond', async () => {
      const { repos } = get();
      const installedAt = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain(), installedAt });
      const stored = await repos.stores.findById(store.id);
      expect(stored?.installedAt).toBeInstanceOf(Date);
      expect(stored?.installedAt?.getTime()).toBe(installedAt.getTime());
      expect(stored?.createdAt.getTime()).toBe(store.createdAt.getTime());
      await repos.stores.update(store.id, { installedAt: new Date(1) });
      expect((await repos.stores.findById(store.id))?.installedAt?.getTime()).toBe(1);
    });

    it('credentials round-trip in plaintext through the repository but are stored encrypted', async () => {
      const { repos, db } = get();
      const store = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const heartbeatAt = new Date('2025-01-02T03:04:05.006Z');
      const credentials = {
        siteSecret: 'site-secret-plain',
        wcConsumerKey: 'ck_plain_key',
        wcConsumerSecret: 'cs_plain_secret',
        contactEmail: 'owner@example.com',
        locale: 'fr_FR',
        heartbeatAt,
        shopId: null,
      };
      expect(await repos.stores.setCredentials(store.id, credentials)).toBe(true);
      expect(await repos.stores.getCredentials(store.id)).toEqual(credentials);
      const raw = (await db.knex('stores').where({ id: store.id }).first()) as Record<string, unknown>;
      for (const column of ['site_secret_enc', 'wc_consumer_key_enc', 'wc_consumer_secret_enc']) {
        expect(String(raw[column])).toMatch(/^v1:/);
        expect(String(raw[column])).not.toContain('plain');
      }
      await repos.stores.setCredentials(store.id, { wcConsumerKey: null });
      expect(await repos.stores.getCredentials(store.id)).toMatchObject({
        wcConsumerKey: null,
        siteSecret: 'site-secret-plain',
      });
      expect(await repos.stores.getCredentials('missing')).toBeNull();
      expect(await repos.stores.getContact(store.id)).toEqual({
        store: await repos.stores.findById(store.id),
        contactEmail: 'owner@example.com',
        locale: 'fr_FR',
      });
      expect(await repos.stores.getContact('missing')).toBeNull();
      const plain = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const contacts = await repos.stores.getContacts([plain.id, store.id, 'missing', store.id]);
      expect(
        contacts.sort((a, b) => (a.store.id === store.id ? -1 : b.store.id === store.id ? 1 : 0)),
      ).toEqual([
        await repos.stores.getContact(store.id),
        { store: plain, contactEmail: null, locale: null },
      ]);
      expect(await repos.stores.getContacts([])).toEqual([]);
      const sites = await repos.stores.findWithSiteSecrets([store.id, plain.id, 'missing']);
      expect(sites.sort((a, b) => (a.store.id === store.id ? -1 : b.store.id === store.id ? 1 : 0))).toEqual([
        { store: await repos.stores.findById(store.id), siteSecret: 'site-secret-plain' },
        { store: plain, siteSecret: null },
      ]);
      expect((await repos.stores.findByIds([plain.id, 'missing'])).map((found) => found.id)).toEqual([
        plain.id,
      ]);
      expect(await repos.stores.findWithSiteSecrets([])).toEqual([]);
    });

    it('finds stores among more ids than SQLite takes as statement parameters (32,766)', async () => {
      const { repos } = get();
      const store = await repos.stores.create({ platform: 'shopify', domain: uniqueDomain() });
      const ids = Array.from({ length: 40_000 }, (_, index) => `missing-${index}`);
      ids.splice(20_000, 0, store.id);
      expect((await repos.stores.findByIds(ids)).map((found) => found.id)).toEqual([store.id]);
    });

    it('lists connected stores whose last heartbeat is older than a cut-off', async () => {
      const { repos } = get();
      const stale = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      const fresh = await repos.stores.create({ platform: 'woocommerce', domain: uniqueDomain() });
      await repos.stores.setCredentials(stale.id, { heartbeatAt: new Date('2000-01-01T00:00:00Z') });
      await repos.stores.setCredentials(fresh.id, { heartbeatAt: new Date() });
      const found = await repos.stores.listHeartbeatOlderThan(
        'woocommerce',
        new Date('2001-01-01T00:00:00Z'),
        100,
      );
      expect(found.map((store) => store.id)).toContain(stale.id);
      expect(found.map((store) => store.id)).not.toContain(fresh.id);
    });
  });
}
