import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from '@shopify/polaris';
import { useState } from 'react';
import type { AccountAction, AccountActionOutcome, AccountDeletionInfo } from '../../api/types';
import { ErrorPage, LoadingPage } from '../../components/page-states';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';
import { ConfirmAccountAction } from './confirm-account-action';

/**
 * `/app/account`: an account without invoices can be deleted; with invoices
 * the law says keep the billing records, so it can only be suspended or anonymised.
 */
export function AccountPage() {
  const api = useApi();
  const { t } = useI18n();
  const { state, reload } = useLoad(() => api.accountDeletion(), [api]);
  const [pending, setPending] = useState<AccountAction | null>(null);
  const [outcome, setOutcome] = useState<AccountActionOutcome | null>(null);
  const title = t('account.title');

  if (outcome) return <AccountDone title={title} outcome={outcome} />;
  if (state.status === 'loading') return <LoadingPage title={title} cards={1} />;
  if (state.status === 'error') return <ErrorPage title={title} error={state.error} onRetry={reload} />;

  return (
    <Page title={title}>
      <Layout>
        <Layout.Section>
          <Card>
            <AccountChoices info={state.data} onChoose={setPending} />
          </Card>
        </Layout.Section>
      </Layout>
      <ConfirmAccountAction action={pending} onClose={() => setPending(null)} onDone={setOutcome} />
    </Page>
  );
}

function AccountChoices(props: { info: AccountDeletionInfo; onChoose: (action: AccountAction) => void }) {
  const { t, tn } = useI18n();
  const { info } = props;
  if (info.canDelete) {
    return (
      <BlockStack gap="300" inlineAlign="start">
        <Text as="p">{t('account.canDelete')}</Text>
        <Button tone="critical" variant="primary" onClick={() => props.onChoose('delete')}>
          {t('account.delete.action')}
        </Button>
      </BlockStack>
    );
  }
  return (
    <BlockStack gap="400">
      <Text as="p">{tn('account.cannotDelete', info.invoiceCount)}</Text>
      {info.alternatives.length === 0 ? (
        <Text as="p">{t('account.noAction')}</Text>
      ) : (
        <>
          <Text as="p" fontWeight="semibold">
            {t('account.alternatives')}
          </Text>
          {info.alternatives.map((alternative) => (
            <BlockStack gap="200" key={alternative} inlineAlign="start">
              <Text as="h2" variant="headingSm">
                {t(`account.${alternative}.title`)}
              </Text>
              <Text as="p">{t(`account.${alternative}.body`)}</Text>
              <InlineStack>
                <Button tone="critical" onClick={() => props.onChoose(alternative)}>
                  {t(`account.${alternative}.action`)}
                </Button>
              </InlineStack>
            </BlockStack>
          ))}
        </>
      )}
    </BlockStack>
  );
}

function AccountDone(props: { title: string; outcome: AccountActionOutcome }) {
  const { t } = useI18n();
  return (
    <Page title={props.title}>
      <Banner tone="success" title={t(`account.done.${props.outcome}`)}>
        <p>{t('account.done.body')}</p>
      </Banner>
    </Page>
  );
}
