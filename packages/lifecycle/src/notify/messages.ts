import { formatDisplayDate, languageOfLocale } from '@dropship/core';
import type { MessageLanguage } from '@dropship/core';

/** The words of every notification, per language. Dates are formatted by the caller's locale. */
export const Languages = { en: 'en', fr: 'fr' } as const satisfies Record<string, MessageLanguage>;
export type Language = MessageLanguage;

export const languageOf = languageOfLocale;
export const formatDate = formatDisplayDate;

interface Words {
  productsLeftSubject(domain: string, count: number): string;
  disconnected(domain: string): string;
  productsStay(count: number): string;
  csvLink: string;
  exportLink: string;
  pendingNone: string;
  pendingSome(count: number): string;
  pendingInProgress: string;
  andMore(count: number): string;
  billingShopify(until: string | null): string;
  billingPlatform: string;
  billingNone: string;
  billingContinuesSubject(domain: string): string;
  teamSubject(domain: string, source: string): string;
  cancellationSubject: string;
  cancellationEnds(until: string | null): string;
  refunds: string;
  signature: string;
}

export const words: Record<Language, Words> = {
  en: {
    productsLeftSubject: (domain, count) =>
      `${domain} is disconnected: ${count} product${count === 1 ? '' : 's'} stay published`,
    disconnected: (domain) =>
      `Your store ${domain} is disconnected from Dropship Connect. Order automation has stopped.`,
    productsStay: (count) =>
      `${count} product${count === 1 ? '' : 's'} we published stay on your store: we never delete them. Remove them by hand from the list below.`,
    csvLink: 'Products to remove (CSV)',
    exportLink: 'Product data to keep (descriptions, images)',
    pendingNone: 'No order was waiting for the supplier.',
    pendingSome: (count) =>
      `${count} order${count === 1 ? ' was' : 's were'} not sent to the supplier: process ${count === 1 ? 'it' : 'them'} yourself.`,
    pendingInProgress: 'being placed at the time of disconnect',
    andMore: (count) => `… and ${count} more (see the report).`,
    billingShopify: (until) =>
      until ? `Billing ended by Shopify, access until ${until}.` : 'Billing ended by Shopify.',
    billingPlatform: 'Your monthly subscription is still active — cancel it in Settings → Store management.',
    billingNone: 'No subscription is billing this store.',
    billingContinuesSubject: (domain) => `${domain}: your monthly subscription is still active`,
    teamSubject: (domain, source) => `Store disconnected: ${domain} (${source})`,
    cancellationSubject: 'Your subscription is cancelled',
    cancellationEnds: (until) =>
      until ? `Access and billing end on ${until}.` : 'Access and billing have ended.',
    refunds:
      'Refunds are not automatic: ask the billing team from your account area if you think one is due.',
    signature: '— The Dropship Connect team',
  },
  fr: {
    productsLeftSubject: (domain, count) =>
      `${domain} est déconnectée : ${count} produit${count > 1 ? 's restent publiés' : ' reste publié'}`,
    disconnected: (domain) =>
      `Votre boutique ${domain} est déconnectée de Dropship Connect. L'automatisation des commandes est arrêtée.`,
    productsStay: (count) =>
      `${count} produit${count > 1 ? 's' : ''} publié${count > 1 ? 's' : ''} par nos soins reste${count > 1 ? 'nt' : ''} sur votre boutique : nous ne les supprimons jamais. Supprimez-les à la main à partir de la liste ci-dessous.`,
    csvLink: 'Produits à supprimer (CSV)',
    exportLink: 'Données produits à conserver (descriptions, images)',
    pendingNone: "Aucune commande n'attendait le fournisseur.",
    pendingSome: (count) =>
      `${count} commande${count > 1 ? "s n'ont" : " n'a"} pas été transmise${count > 1 ? 's' : ''} au fournisseur : traitez-la${count > 1 ? 's' : ''} vous-même.`,
    pendingInProgress: 'en cours de transmission au moment de la déconnexion',
    andMore: (count) => `… et ${count} autre${count > 1 ? 's' : ''} (voir le rapport).`,
    billingShopify: (until) =>
      until
        ? `Facturation arrêtée par Shopify, accès jusqu'au ${until}.`
        : 'Facturation arrêtée par Shopify.',
    billingPlatform:
      'Votre abonnement mensuel est toujours actif — résiliez-le dans Paramètres → Gestion des boutiques.',
    billingNone: "Aucun abonnement n'est facturé pour cette boutique.",
    billingContinuesSubject: (domain) => `${domain} : votre abonnement mensuel est toujours actif`,
    teamSubject: (domain, source) => `Boutique déconnectée : ${domain} (${source})`,
    cancellationSubject: 'Votre abonnement est résilié',
    cancellationEnds: (until) =>
      until
        ? `L'accès et la facturation prennent fin le ${until}.`
        : "L'accès et la facturation ont pris fin.",
    refunds:
      "Les remboursements ne sont pas automatiques : demandez-le à l'équipe facturation depuis votre espace client.",
    signature: "— L'équipe Dropship Connect",
  },
};
