import { Badge } from '@shopify/polaris';
import type { ComponentProps } from 'react';
import type { StoreState, SubscriptionStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';

type Tone = ComponentProps<typeof Badge>['tone'];

const stateTone: Record<StoreState, Tone> = {
  connected: 'success',
  disconnecting: 'attention',
  disconnected: undefined,
  redacted: undefined,
};

const statusTone: Record<SubscriptionStatus, Tone> = {
  trial: 'info',
  active: 'success',
  pending_cancellation: 'attention',
  cancelled: undefined,
  expired: undefined,
  frozen: 'warning',
};

export function StoreStateBadge(props: { state: StoreState }) {
  const { t } = useI18n();
  return <Badge tone={stateTone[props.state]}>{t(`state.${props.state}`)}</Badge>;
}

export function AutomationBadge(props: { enabled: boolean }) {
  const { t } = useI18n();
  return (
    <Badge tone={props.enabled ? 'success' : undefined}>
      {t(props.enabled ? 'automation.on' : 'automation.off')}
    </Badge>
  );
}

export function SubscriptionStatusBadge(props: { status: SubscriptionStatus }) {
  const { t } = useI18n();
  return <Badge tone={statusTone[props.status]}>{t(`status.${props.status}`)}</Badge>;
}
