import { NotFoundPage } from './components/page-states';
import { useRouter } from './router/router';
import { AccountPage } from './screens/account/account-page';
import { ChecklistPage } from './screens/checklist/checklist-page';
import { OverviewPage } from './screens/overview/overview-page';
import { ProductsLeftPage } from './screens/products-left/products-left-page';
import { StoreManagementPage } from './screens/store-management/store-management-page';

/** The screen of the current path. */
export function Screen() {
  const { route } = useRouter();
  switch (route.name) {
    case 'overview':
      return <OverviewPage />;
    case 'checklist':
      return <ChecklistPage key={route.storeId} storeId={route.storeId} />;
    case 'productsLeft':
      return <ProductsLeftPage key={route.storeId} storeId={route.storeId} />;
    case 'storeManagement':
      return <StoreManagementPage />;
    case 'account':
      return <AccountPage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
