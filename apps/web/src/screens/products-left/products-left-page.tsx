import {
  Badge,
  Banner,
  BlockStack,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Text,
  TextField,
  useBreakpoints,
} from '@shopify/polaris';
import { useEffect, useState } from 'react';
import type { ProductLeft } from '../../api/types';
import { DownloadButton } from '../../components/download-button';
import { ErrorPage, LoadingPage } from '../../components/page-states';
import { useI18n } from '../../i18n/i18n';
import { pathFor } from '../../router/routes';
import { useApi } from '../../runtime/runtime-context';
import { useLoad } from '../../runtime/use-load';
import { useProductsLeft } from './use-products-left';

const SEARCH_DELAY_MS = 300;

/** `/app/stores/:id/products-left`: products that stay published after disconnecting, to remove by hand. */
export function ProductsLeftPage(props: { storeId: string }) {
  const api = useApi();
  const { t } = useI18n();
  const store = useLoad(() => api.getStore(props.storeId), [api, props.storeId]);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const products = useProductsLeft(props.storeId, search);

  useEffect(() => {
    const wanted = searchText.trim();
    if (wanted === search) return;
    const timer = setTimeout(() => setSearch(wanted), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, search]);

  const title = t('products.title');
  if (store.state.status === 'error')
    return <ErrorPage title={title} error={store.state.error} onRetry={store.reload} />;
  if (products.error && !products.page) {
    return <ErrorPage title={title} error={products.error} onRetry={products.reload} />;
  }
  if (store.state.status === 'loading' || !products.page) return <LoadingPage title={title} />;

  const { domain } = store.state.data;
  const page = products.page;
  const nothingLeft = page.total === 0 && search === '';
  return (
    <Page
      title={title}
      subtitle={t('products.subtitle', { domain })}
      backAction={{ content: t('nav.overview'), url: pathFor({ name: 'overview' }) }}
    >
      <BlockStack gap="400">
        {products.error && (
          <Banner tone="critical" action={{ content: t('common.retry'), onAction: products.reload }}>
            <p>{products.error.message}</p>
          </Banner>
        )}
        <Card>
          <InlineStack gap="300" align="space-between" blockAlign="center" wrap>
            <Text as="p" variant="headingSm">
              {t('products.removedCount', { removed: page.removed, total: page.total })}
            </Text>
            <DownloadButton
              path={api.csvPath(props.storeId, 'products-left.csv')}
              filename={`${domain}-products-left.csv`}
              label={t('products.download')}
            />
          </InlineStack>
        </Card>
        {nothingLeft ? (
          <Card>
            <EmptyState heading={t('products.empty.heading')} image="">
              <p>{t('products.empty.body')}</p>
            </EmptyState>
          </Card>
        ) : (
          <Card padding="0">
            <div style={{ padding: 'var(--p-space-300)' }}>
              <TextField
                label={t('products.search')}
                placeholder={t('products.searchPlaceholder')}
                value={searchText}
                onChange={setSearchText}
                clearButton
                onClearButtonClick={() => setSearchText('')}
                autoComplete="off"
                type="search"
              />
            </div>
            <ProductsTable
              items={page.items}
              search={search}
              loading={products.loading}
              hasNext={page.nextCursor !== null}
              hasPrevious={products.hasPrevious}
              onNext={products.next}
              onPrevious={products.previous}
            />
          </Card>
        )}
      </BlockStack>
    </Page>
  );
}

interface ProductsTableProps {
  items: ProductLeft[];
  search: string;
  loading: boolean;
  hasNext: boolean;
  hasPrevious: boolean;
  onNext: () => void;
  onPrevious: () => void;
}

function ProductStatus(props: { product: ProductLeft }) {
  const { t } = useI18n();
  return props.product.removedAt ? (
    <Badge>{t('products.status.removed')}</Badge>
  ) : (
    <Badge tone="attention">{t('products.status.published')}</Badge>
  );
}

function AdminLink(props: { product: ProductLeft }) {
  const { t } = useI18n();
  const { product } = props;
  if (!product.adminUrl) {
    return (
      <Text as="span" tone="subdued">
        {t('products.noLink')}
      </Text>
    );
  }
  return (
    <Link
      url={product.adminUrl}
      target="_blank"
      accessibilityLabel={t('products.openAdmin', { title: product.title })}
    >
      {t('products.openAdminShort')}
    </Link>
  );
}

function ProductsTable(props: ProductsTableProps) {
  const { t, formatDate } = useI18n();
  // On a phone the five columns do not fit: each product becomes one stacked row.
  const condensed = useBreakpoints().smDown;
  const emptyState = (
    <EmptyState heading={t('products.emptySearch.heading', { search: props.search })} image="">
      <p>{t('products.emptySearch.body')}</p>
    </EmptyState>
  );
  return (
    <IndexTable
      resourceName={{ singular: t('products.resource.singular'), plural: t('products.resource.plural') }}
      itemCount={props.items.length}
      selectable={false}
      condensed={condensed}
      loading={props.loading}
      emptyState={emptyState}
      headings={[
        { title: t('products.heading.title') },
        { title: t('products.heading.sku') },
        { title: t('products.heading.published') },
        { title: t('products.heading.status') },
        { title: t('products.heading.link') },
      ]}
      pagination={{
        hasNext: props.hasNext,
        hasPrevious: props.hasPrevious,
        onNext: props.onNext,
        onPrevious: props.onPrevious,
      }}
    >
      {props.items.map((product, index) => (
        <IndexTable.Row id={product.id} key={product.id} position={index}>
          {condensed ? (
            <div style={{ padding: 'var(--p-space-300) var(--p-space-400)' }}>
              <BlockStack gap="100">
                <Text as="span" fontWeight="semibold" breakWord>
                  {product.title}
                </Text>
                <Text as="span" tone="subdued">
                  {product.sku ?? '—'} · {formatDate(product.publishedAt)}
                </Text>
                <InlineStack gap="300" blockAlign="center" wrap>
                  <ProductStatus product={product} />
                  <AdminLink product={product} />
                </InlineStack>
              </BlockStack>
            </div>
          ) : (
            <>
              <IndexTable.Cell>
                <Text as="span" fontWeight="semibold">
                  {product.title}
                </Text>
              </IndexTable.Cell>
              <IndexTable.Cell>{product.sku ?? '—'}</IndexTable.Cell>
              <IndexTable.Cell>{formatDate(product.publishedAt)}</IndexTable.Cell>
              <IndexTable.Cell>
                <ProductStatus product={product} />
              </IndexTable.Cell>
              <IndexTable.Cell>
                <AdminLink product={product} />
              </IndexTable.Cell>
            </>
          )}
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
