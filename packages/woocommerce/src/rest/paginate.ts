import type { z } from 'zod';
import { ErrorKinds } from '@dropship/core';
import { WooConnectorError } from '../errors';
import { describeIssues } from '../shared/zod-issues';
import type { RawWooResponse } from './request-with-retry';
import type { WooPage } from './resources';

function headerNumber(headers: Record<string, unknown>, name: string): number | null {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return null;
  const number = Number(text);
  return Number.isInteger(number) && number >= 0 ? number : null;
}

/** Validates a list answer and reads `X-WP-Total` / `X-WP-TotalPages`. */
export function readPage<S extends z.ZodType>(
  response: RawWooResponse,
  page: number,
  schema: S,
  where: string,
): WooPage<z.infer<S>> {
  if (!Array.isArray(response.data)) {
    throw new WooConnectorError(
      ErrorKinds.unavailable,
      `${where} answered something other than a JSON list; is the REST API blocked by a security plugin?`,
    );
  }
  const items = response.data.map((item: unknown, index: number) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      throw new WooConnectorError(
        ErrorKinds.unavailable,
        `${where} answered an unexpected item #${index} on page ${page}: ${describeIssues(result.error)}.`,
      );
    }
    return result.data as z.infer<S>;
  });
  return {
    items,
    page,
    total: headerNumber(response.headers, 'x-wp-total'),
    totalPages: headerNumber(response.headers, 'x-wp-totalpages'),
  };
}

/**
 * Walks every page: stops at `X-WP-TotalPages`, or, when a host dropped that
 * header, at the first short or empty page.
 */
export async function* iteratePages<T>(
  fetchPage: (page: number) => Promise<WooPage<T>>,
  perPage: number,
): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const result = await fetchPage(page);
    yield* result.items;
    if (result.items.length === 0) return;
    if (result.totalPages !== null ? page >= result.totalPages : result.items.length < perPage) return;
  }
}
