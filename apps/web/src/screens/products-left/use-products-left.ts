import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/api-error';
import type { ProductsLeftPage } from '../../api/types';
import { useApi } from '../../runtime/runtime-context';
import { toApiError } from '../../runtime/use-load';

export const PAGE_SIZE = 50;

export interface ProductsLeftState {
  page: ProductsLeftPage | null;
  loading: boolean;
  error: ApiError | null;
  hasPrevious: boolean;
  next: () => void;
  previous: () => void;
  reload: () => void;
}

/**
 * Cursor pagination over products-left: the API only hands out "next"
 * cursors, so the cursors of the pages already seen make "previous" work.
 * The last page stays on screen while the next one loads.
 */
export function useProductsLeft(storeId: string, search: string): ProductsLeftState {
  const api = useApi();
  // Cursors belong to one search: a new search starts again from the first page.
  const [trail, setTrail] = useState<{ search: string; cursors: (string | null)[] }>({
    search,
    cursors: [null],
  });
  const cursors = trail.search === search ? trail.cursors : [null];
  const [page, setPage] = useState<ProductsLeftPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    api.productsLeft(storeId, { cursor, search, limit: PAGE_SIZE }).then(
      (result) => {
        if (!current) return;
        setPage(result);
        setLoading(false);
      },
      (cause: unknown) => {
        if (!current) return;
        setError(toApiError(cause));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [api, storeId, cursor, search, attempt]);

  const next = useCallback(() => {
    const nextCursor = page?.nextCursor;
    if (nextCursor) setTrail({ search, cursors: [...cursors, nextCursor] });
  }, [page, search, cursors]);
  const previous = useCallback(
    () => setTrail({ search, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    [search, cursors],
  );
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { page, loading, error, hasPrevious: cursors.length > 1, next, previous, reload };
}
