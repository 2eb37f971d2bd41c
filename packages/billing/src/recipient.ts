import type { Repositories, Store, Subscription } from '@dropship/core';
import type { MessageLanguage } from './dates';
import { languageOfLocale } from './dates';

export interface Recipient {
  email: string;
  language: MessageLanguage;
}

/** Where owner messages about a subscription go: the account's e-mail, else the store's contact e-mail. */
export async function ownerRecipient(
  repos: Pick<Repositories, 'accounts' | 'stores'>,
  subscription: Pick<Subscription, 'accountId' | 'storeId'>,
  store?: Store | null,
): Promise<Recipient | null> {
  const accountId = subscription.accountId ?? store?.accountId ?? null;
  const account = accountId ? await repos.accounts.findById(accountId) : null;
  const contact = await repos.stores.getContact(subscription.storeId);
  const email = account?.status === 'anonymised' ? null : (account?.email ?? contact?.contactEmail ?? null);
  return email ? { email, language: languageOfLocale(contact?.locale) } : null;
}
