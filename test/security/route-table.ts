import type { Express } from 'express';

/** One route of the app as the router holds it: method and full path with its `:params`. */
export interface RouteEntry {
  method: string;
  path: string;
  params: string[];
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string | string[];
  slash?: boolean;
}

function joinPaths(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every route the express app answers, read from its router stack (nested
 * routers and their mount paths included), so a route added later is found
 * by the tests that walk them without anyone listing it.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const walk = (stack: readonly LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path);
        for (const method of Object.keys(layer.route.methods).filter(
          (m) => m !== '_all' && layer.route?.methods[m],
        )) {
          for (const path of paths) {
            const full = joinPaths(prefix, path);
            routes.push({
              method: method.toUpperCase(),
              path: full,
              params: [...full.matchAll(/:(\w+)/g)].map((m) => m[1] as string),
            });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
        walk(layer.handle.stack, joinPaths(prefix, mount));
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '');
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The path with each `:param` replaced by `values[param]`. */
export function fillPath(route: RouteEntry, values: Record<string, string>): string {
  return route.path
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'))
    .replace(/\{\*(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}
