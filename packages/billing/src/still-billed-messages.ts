import type { Store, SubscriptionRecord } from '@dropship/core';
import { formatMoney } from '@dropship/core';
import type { MessageLanguage } from './dates';
import { formatBillingDate } from './dates';

export interface StillBilledMessageParams {
  kind: 'disconnected' | 'pre_charge';
  store: Store;
  subscription: SubscriptionRecord;
  nextChargeAt: Date;
  cancelUrl: string;
  language: MessageLanguage;
}

/** Subject and text of the "still billed" messages, at disconnect and a few days before a charge. */
export function stillBilledMessage(params: StillBilledMessageParams): { subject: string; text: string } {
  const { store, subscription, cancelUrl, language } = params;
  const date = formatBillingDate(params.nextChargeAt, language);
  const price = formatMoney(
    { amountMinor: subscription.priceMinor, currency: subscription.currency },
    language === 'fr' ? 'fr-FR' : 'en-GB',
  );
  if (language === 'fr') {
    return {
      subject:
        params.kind === 'pre_charge'
          ? `Prochain prélèvement le ${date} pour ${store.domain}`
          : `${store.domain} est déconnecté, mais votre abonnement continue`,
      text:
        `Le plugin de ${store.domain} n'est plus actif, mais votre abonnement mensuel (${subscription.planName}, ${price}) ` +
        `est facturé séparément et n'est pas résilié par la suppression du plugin.\n\n` +
        `Toujours facturé — prochain prélèvement le ${date}.\nPour résilier : ${cancelUrl}\n`,
    };
  }
  return {
    subject:
      params.kind === 'pre_charge'
        ? `Next charge on ${date} for ${store.domain}`
        : `${store.domain} is disconnected, but your subscription continues`,
    text:
      `The plugin of ${store.domain} is no longer active, but your monthly subscription (${subscription.planName}, ${price}) ` +
      `is billed separately and is not cancelled by removing the plugin.\n\n` +
      `Still billed — next charge on ${date}.\nCancel here: ${cancelUrl}\n`,
  };
}
