import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { Toast } from '@shopify/polaris';

interface ToastMessage {
  id: number;
  content: string;
  error: boolean;
}

type ShowToast = (content: string, options?: { error?: boolean }) => void;

const ToastContext = createContext<ShowToast | null>(null);

/** One toast at a time, shown inside the Polaris Frame. */
export function ToastProvider(props: { children: ReactNode }) {
  const [message, setMessage] = useState<ToastMessage | null>(null);
  const show = useCallback<ShowToast>((content, options) => {
    setMessage({ id: Date.now(), content, error: options?.error ?? false });
  }, []);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {props.children}
      {message && (
        <Toast
          key={message.id}
          content={message.content}
          error={message.error}
          onDismiss={() => setMessage(null)}
        />
      )}
    </ToastContext.Provider>
  );
}

export function useToast(): ShowToast {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast must be used inside <ToastProvider>.');
  return value;
}
