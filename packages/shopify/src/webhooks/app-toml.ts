import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { ErrorKinds } from '@dropship/core';

import { ShopifyAdapterError } from '../errors';

export interface AppTomlSubscription {
  topics?: string[];
  complianceTopics?: string[];
  /** Path relative to application_url's origin, or an absolute URL. */
  uri: string;
}

export interface AppToml {
  clientId: string;
  apiVersion: string;
  subscriptions: AppTomlSubscription[];
  scopes: string[];
  embedded: boolean;
  applicationUrl: string;
  redirectUrls: string[];
}

const schema = z.object({
  client_id: z.string(),
  application_url: z.string(),
  embedded: z.boolean().default(true),
  access_scopes: z.object({ scopes: z.string().default('') }).optional(),
  auth: z.object({ redirect_urls: z.array(z.string()).default([]) }).optional(),
  webhooks: z.object({
    api_version: z.string().regex(/^\d{4}-\d{2}$|^unstable$/),
    subscriptions: z
      .array(
        z.object({
          topics: z.array(z.string()).optional(),
          compliance_topics: z.array(z.string()).optional(),
          uri: z.string().min(1),
        }),
      )
      .default([]),
  }),
});

/** Parses the text of a Shopify CLI app configuration (`shopify.app.toml`). */
export async function parseAppToml(text: string, source = 'shopify.app.toml'): Promise<AppToml> {
  // smol-toml ships its types as ESM only; a dynamic import keeps this package CommonJS.
  const { parse } = await import('smol-toml');
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ShopifyAdapterError(
      ErrorKinds.invalidInput,
      `${source} is not valid TOML: ${(error as Error).message}`,
      { source },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new ShopifyAdapterError(ErrorKinds.invalidInput, `${source} lacks required settings: ${problems}`, {
      source,
    });
  }
  const { data } = parsed;
  return {
    clientId: data.client_id,
    apiVersion: data.webhooks.api_version,
    subscriptions: data.webhooks.subscriptions.map((entry) => ({
      ...(entry.topics ? { topics: entry.topics } : {}),
      ...(entry.compliance_topics ? { complianceTopics: entry.compliance_topics } : {}),
      uri: entry.uri,
    })),
    scopes: (data.access_scopes?.scopes ?? '')
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope.length > 0),
    embedded: data.embedded,
    applicationUrl: data.application_url,
    redirectUrls: data.auth?.redirect_urls ?? [],
  };
}

/** Reads and parses `shopify.app.toml` at `path`. */
export async function readAppToml(path: string): Promise<AppToml> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ShopifyAdapterError(ErrorKinds.notFound, `Cannot read ${path}: ${(error as Error).message}`, {
      path,
    });
  }
  return parseAppToml(text, path);
}

/** Every topic of the file with the URI it is delivered to. */
export function listAppTomlTopics(toml: AppToml): Array<{ topic: string; uri: string; compliance: boolean }> {
  return toml.subscriptions.flatMap((entry) => [
    ...(entry.topics ?? []).map((topic) => ({ topic, uri: entry.uri, compliance: false })),
    ...(entry.complianceTopics ?? []).map((topic) => ({ topic, uri: entry.uri, compliance: true })),
  ]);
}
