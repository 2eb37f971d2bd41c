import { z } from 'zod';

/** Which rule set applies; NODE_ENV=test uses the development rules. */
export type Mode = 'development' | 'production';

type IssueInput = { input?: unknown };

/** Error text for a variable that production requires and that is missing. */
export function requiredInProduction(hint: string) {
  return (iss: IssueInput) =>
    iss.input === undefined ? `is not set; it is required when NODE_ENV=production. ${hint}` : undefined;
}

/** Text with a default; `refine` adds the variable's own rules. */
export function text<T extends z.ZodType<unknown, string>>(
  defaultValue: string,
  refine: (value: z.ZodString) => T,
  maxLength = 200,
) {
  return refine(z.string().max(maxLength, `must be at most ${maxLength} characters`)).prefault(
    defaultValue as z.input<T>,
  );
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
  return z.enum(values, { error: () => `must be one of: ${values.join(', ')}` }).prefault(defaultValue);
}

export function integer(options: { min: number; max: number; defaultValue: number }) {
  const { min, max, defaultValue } = options;
  const problem = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, problem)
    .transform(Number)
    .refine((n) => n >= min && n <= max, problem)
    .prefault(String(defaultValue));
}

export function boolean(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0'], { error: () => 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .prefault(defaultValue ? 'true' : 'false');
}

/** A URL with one of the given protocols (e.g. `['redis:', 'rediss:']`). */
export function urlString(protocols: readonly string[], example: string) {
  return z
    .string()
    .refine(
      (v) => protocols.includes(parseUrl(v)?.protocol ?? ''),
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')} (e.g. ${example})`,
    );
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export interface SecretOptions {
  mode: Mode;
  developmentValue: string;
  minLength: number;
  hint: string;
}

/**
 * A secret: a published development value outside production; in production
 * it must be set, long enough, and never the development value.
 */
export function secret(options: SecretOptions) {
  const { mode, developmentValue, minLength, hint } = options;
  if (mode !== 'production') return z.string().prefault(developmentValue);
  return z
    .string({ error: requiredInProduction(hint) })
    .refine((v) => v !== developmentValue, `is the development default, refused in production. ${hint}`)
    .refine((v) => v.length >= minLength, `must be at least ${minLength} characters long. ${hint}`);
}
