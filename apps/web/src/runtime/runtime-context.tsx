import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { AppMode } from './runtime';

interface RuntimeValue {
  mode: AppMode;
  api: ApiClient;
}

const RuntimeContext = createContext<RuntimeValue | null>(null);

export function RuntimeProvider(props: RuntimeValue & { children: ReactNode }) {
  const { mode, api, children } = props;
  return <RuntimeContext.Provider value={{ mode, api }}>{children}</RuntimeContext.Provider>;
}

export function useRuntime(): RuntimeValue {
  const value = useContext(RuntimeContext);
  if (!value) throw new Error('useRuntime must be used inside <RuntimeProvider>.');
  return value;
}

export function useApi(): ApiClient {
  return useRuntime().api;
}
