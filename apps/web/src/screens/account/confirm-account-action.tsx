import { BlockStack, Checkbox, InlineError, Modal, Text } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { AccountAction, AccountActionOutcome } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';

export interface ConfirmAccountActionProps {
  action: AccountAction | null;
  onClose: () => void;
  onDone: (outcome: AccountActionOutcome) => void;
}

/** The deliberate "Yes, I am sure" step before an account is deleted, suspended or anonymised. */
export function ConfirmAccountAction(props: ConfirmAccountActionProps) {
  const api = useApi();
  const { t } = useI18n();
  const { action } = props;
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setSure(false);
    setError(null);
  }, [action]);

  const confirm = async () => {
    if (!action) return;
    if (!sure) return setError(t('account.confirm.tickRequired'));
    setBusy(true);
    try {
      props.onDone(await api.accountAction(action));
    } catch (cause) {
      setError(t('account.error', { message: cause instanceof Error ? cause.message : String(cause) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      onClose={props.onClose}
      title={t('account.confirm.title')}
      primaryAction={{
        content: action ? t(`account.${action}.action`) : '',
        destructive: true,
        loading: busy,
        onAction: confirm,
      }}
      secondaryActions={[{ content: t('common.cancel'), onAction: props.onClose }]}
    >
      <Modal.Section>
        {action && (
          <BlockStack gap="300">
            <Text as="p">{t(`account.confirm.${action}`)}</Text>
            <Checkbox
              id="account-confirm-sure"
              label={t('account.confirm.tick')}
              checked={sure}
              onChange={(checked) => {
                setSure(checked);
                setError(null);
              }}
            />
            {error && <InlineError message={error} fieldID="account-confirm-sure" />}
          </BlockStack>
        )}
      </Modal.Section>
    </Modal>
  );
}
