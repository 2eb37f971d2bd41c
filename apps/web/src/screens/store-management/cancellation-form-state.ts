import type { CancellationMode, CancellationReason, CancelSubscriptionParams } from '../../api/types';
import { CANCELLATION_TEXT_MAX_LENGTH, CancellationReasons } from '../../api/types';

export interface CancellationFormValues {
  mode: CancellationMode;
  reason: CancellationReason | '';
  reasonText: string;
}

export type CancellationFormErrors = Partial<Record<'reason' | 'reasonText', 'required' | 'tooLong'>>;

export type ValidateCancellationResult =
  { ok: true; params: CancelSubscriptionParams } | { ok: false; errors: CancellationFormErrors };

export function isCancellationReason(value: string): value is CancellationReason {
  return (CancellationReasons as readonly string[]).includes(value);
}

/** The same rules as the server: a reason from the fixed list; free text required for `other`, and short. */
export function validateCancellation(values: CancellationFormValues): ValidateCancellationResult {
  const errors: CancellationFormErrors = {};
  const text = values.reasonText.trim();
  if (values.reason === '') errors.reason = 'required';
  if (values.reason === 'other' && text === '') errors.reasonText = 'required';
  if (text.length > CANCELLATION_TEXT_MAX_LENGTH) errors.reasonText = 'tooLong';
  if (values.reason === '' || Object.keys(errors).length > 0) return { ok: false, errors };
  const params: CancelSubscriptionParams = { mode: values.mode, reason: values.reason };
  if (text !== '') params.reasonText = text;
  return { ok: true, params };
}
