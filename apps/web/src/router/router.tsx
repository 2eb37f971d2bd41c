import type { MouseEvent, ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { AppProviderProps } from '@shopify/polaris';
import type { ComponentProps } from 'react';
import type { Route } from './routes';

type LinkLikeComponentProps = ComponentProps<NonNullable<AppProviderProps['linkComponent']>>;
import { isAppPath, matchRoute } from './routes';

interface RouterValue {
  route: Route;
  pathname: string;
  navigate: (path: string) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

/** History-API router: one listener for back/forward, `navigate` pushes a new entry. */
export function RouterProvider(props: { children: ReactNode }) {
  const [pathname, setPathname] = useState(() => window.location.pathname);

  useEffect(() => {
    const onPopState = () => setPathname(window.location.pathname);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((path: string) => {
    const target = new URL(path, window.location.href);
    if (target.pathname === window.location.pathname) return;
    window.history.pushState(null, '', target.pathname + target.search);
    setPathname(target.pathname);
    window.scrollTo?.(0, 0);
  }, []);

  const value = useMemo(() => ({ route: matchRoute(pathname), pathname, navigate }), [pathname, navigate]);
  return <RouterContext.Provider value={value}>{props.children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter must be used inside <RouterProvider>.');
  return value;
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * Polaris renders every `url` (Button, Link, Navigation item) through this
 * component: our own paths change screen without a page load, anything else
 * stays a normal link.
 */
export function AppLink(props: LinkLikeComponentProps) {
  const { url, external, children, download, ...rest } = props;
  const { navigate } = useRouter();
  const internal = isAppPath(url) && !external && !download;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (typeof rest.onClick === 'function') rest.onClick(event);
    if (!internal || event.defaultPrevented || !isPlainLeftClick(event)) return;
    event.preventDefault();
    navigate(url);
  };
  const externalProps = external ? { target: '_blank', rel: 'noopener noreferrer' } : {};
  return (
    <a {...rest} {...externalProps} href={url} download={download} onClick={onClick}>
      {children}
    </a>
  );
}
