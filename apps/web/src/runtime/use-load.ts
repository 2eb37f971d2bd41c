import type { DependencyList } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';

export type LoadState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

export interface LoadResult<T> {
  state: LoadState<T>;
  reload: () => void;
  /** Replaces the loaded data after a successful change, without a round trip. */
  update: (change: (data: T) => T) => void;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'UNKNOWN', error instanceof Error ? error.message : String(error));
}

/** Runs `load` when `deps` change (and on `reload`); answers from a stale run are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): LoadResult<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `deps` says when it really changes.
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((previous) =>
        previous.status === 'ready' ? { status: 'ready', data: change(previous.data) } : previous,
      ),
    [],
  );
  return { state, reload, update };
}

export { toApiError };
