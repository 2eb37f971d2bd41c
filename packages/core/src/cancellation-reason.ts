/** Why an owner cancels: a fixed list, so reports can count them. */
export const CancellationReasons = {
  tooExpensive: 'too_expensive',
  missingFeatures: 'missing_features',
  switchedService: 'switched_service',
  unused: 'unused',
  customerService: 'customer_service',
  tooComplex: 'too_complex',
  lowQuality: 'low_quality',
  other: 'other',
} as const;
export type CancellationReason = (typeof CancellationReasons)[keyof typeof CancellationReasons];

/** Longest free text kept with a cancellation; a short reason, not a letter. */
export const CANCELLATION_TEXT_MAX_LENGTH = 1000;

export interface CancellationRequest {
  reason: CancellationReason;
  /** Free text, trimmed; null when none was given. Required for `other`. */
  text: string | null;
}

export type ParseCancellationResult =
  | { ok: true; value: CancellationRequest }
  | { ok: false; problem: 'unknown_reason' | 'text_required' | 'text_too_long'; message: string };

const reasonValues: readonly string[] = Object.values(CancellationReasons);

export function isCancellationReason(value: unknown): value is CancellationReason {
  return typeof value === 'string' && reasonValues.includes(value);
}

/**
 * Checks a cancellation reason as submitted by a form or the API. A failure is
 * returned as a value with a message meant for the person filling the form.
 */
export function parseCancellationRequest(input: {
  reason: unknown;
  text?: unknown;
}): ParseCancellationResult {
  if (!isCancellationReason(input.reason)) {
    return {
      ok: false,
      problem: 'unknown_reason',
      message: `Choose a cancellation reason among: ${reasonValues.join(', ')} (got ${JSON.stringify(input.reason) ?? 'nothing'}).`,
    };
  }
  const text = typeof input.text === 'string' && input.text.trim() !== '' ? input.text.trim() : null;
  if (input.reason === CancellationReasons.other && text === null) {
    return {
      ok: false,
      problem: 'text_required',
      message: 'The reason "other" needs a short explanation: describe why you are cancelling.',
    };
  }
  if (text !== null && text.length > CANCELLATION_TEXT_MAX_LENGTH) {
    return {
      ok: false,
      problem: 'text_too_long',
      message: `Keep the explanation under ${CANCELLATION_TEXT_MAX_LENGTH} characters (got ${text.length}).`,
    };
  }
  return { ok: true, value: { reason: input.reason, text } };
}
