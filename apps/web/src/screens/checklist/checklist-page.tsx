import { BlockStack, Card, Checkbox, Layout, Page, ProgressBar, Text } from '@shopify/polaris';
import type { ReactNode } from 'react';
import type { Checklist, ChecklistItem, StoreSummary } from '../../api/types';
import { ChecklistItems } from '../../api/types';
import { DownloadButton } from '../../components/download-button';
import { ErrorPage, LoadingPage } from '../../components/page-states';
import { useToast } from '../../components/toast';
import { useI18n } from '../../i18n/i18n';
import { pathFor } from '../../router/routes';
import { useApi } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';
import { DisconnectEffects } from './disconnect-effects';
import { PendingOrders } from './pending-orders';
import { TeamNotice } from './team-notice';

interface ChecklistData {
  store: StoreSummary;
  checklist: Checklist;
}

/** `/app/stores/:id/checklist`: the four things to do before disconnecting, and what disconnecting does. */
export function ChecklistPage(props: { storeId: string }) {
  const api = useApi();
  const { t } = useI18n();
  const toast = useToast();
  const { storeId } = props;
  const { state, reload, update } = useLoad(async (): Promise<ChecklistData> => {
    const [store, checklist] = await Promise.all([api.getStore(storeId), api.checklist(storeId)]);
    return { store, checklist };
  }, [api, storeId]);

  if (state.status === 'loading') return <LoadingPage title={t('overview.checklistLink')} cards={4} />;
  if (state.status === 'error') {
    return <ErrorPage title={t('overview.checklistLink')} error={state.error} onRetry={reload} />;
  }
  const { store, checklist } = state.data;

  const setItem = (item: ChecklistItem, done: boolean) => {
    const apply = (value: boolean) =>
      update((data) => ({
        ...data,
        checklist: { ...data.checklist, items: { ...data.checklist.items, [item]: value } },
      }));
    apply(done);
    api.setChecklistItem(storeId, item, done).catch((error: unknown) => {
      apply(!done);
      toast(t('common.saveError', { message: error instanceof Error ? error.message : String(error) }), {
        error: true,
      });
    });
  };

  const done = ChecklistItems.filter((item) => checklist.items[item]).length;
  const total = ChecklistItems.length;
  const item = (name: ChecklistItem, body: ReactNode) => (
    <ChecklistCard
      label={t(`checklist.${name}.label`)}
      done={checklist.items[name]}
      onChange={(v) => setItem(name, v)}
    >
      {body}
    </ChecklistCard>
  );
  return (
    <Page
      title={t('checklist.title', { domain: store.domain })}
      subtitle={t('checklist.subtitle')}
      backAction={{ content: t('nav.overview'), url: pathFor({ name: 'overview' }) }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="p">{t('checklist.progress', { done, total })}</Text>
                <ProgressBar progress={(done / total) * 100} size="small" tone="primary" />
              </BlockStack>
            </Card>
            {item('pendingOrders', <PendingOrders storeId={storeId} />)}
            {item(
              'exportProducts',
              <BlockStack gap="200" inlineAlign="start">
                <Text as="p">{t('checklist.exportProducts.body')}</Text>
                <DownloadButton
                  path={api.csvPath(storeId, 'product-export.csv')}
                  filename={`${store.domain}-products.csv`}
                  label={t('checklist.exportProducts.download')}
                />
              </BlockStack>,
            )}
            {item('billingEndDate', <BillingEnd checklist={checklist} />)}
            {item('informTeam', <TeamNotice storeId={storeId} initialEmails={checklist.teamEmails} />)}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <DisconnectEffects store={store} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function ChecklistCard(props: {
  label: string;
  done: boolean;
  onChange: (done: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Checkbox
          label={
            <Text as="span" variant="headingSm">
              {props.label}
            </Text>
          }
          checked={props.done}
          onChange={props.onChange}
        />
        <div style={{ paddingInlineStart: 'var(--p-space-600)' }}>{props.children}</div>
      </BlockStack>
    </Card>
  );
}

function BillingEnd(props: { checklist: Checklist }) {
  const { t, formatDate } = useI18n();
  const endsAt = props.checklist.billingCycleEndsAt;
  return (
    <Text as="p" fontWeight={endsAt ? 'semibold' : 'regular'}>
      {endsAt
        ? t('checklist.billingEndDate.date', { date: formatDate(endsAt) })
        : t('checklist.billingEndDate.none')}
    </Text>
  );
}
