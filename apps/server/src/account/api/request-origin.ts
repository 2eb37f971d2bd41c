import type { Request } from 'express';
import type { BillingActor, RequestOrigin } from '@dropship/billing';
import type { Merchant } from '../auth/authenticate-merchant';

/** Who asked, and from where: kept with every owner billing action. */
export function actorAndOrigin(
  req: Request,
  merchant: Merchant,
): { actor: BillingActor; origin: RequestOrigin } {
  return {
    actor: { type: 'merchant', id: merchant.account.id },
    origin: {
      channel: merchant.mode === 'account' ? 'account_area' : 'embedded_app',
      ip: req.ip ?? null,
      userAgent: req.get('user-agent')?.slice(0, 512) ?? null,
    },
  };
}
