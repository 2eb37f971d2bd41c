import { validateCancellation } from './cancellation-form-state';

describe('cancellation form rules', () => {
  test('a reason is required', () => {
    expect(validateCancellation({ mode: 'immediate', reason: '', reasonText: '' })).toEqual({
      ok: false,
      errors: { reason: 'required' },
    });
  });

  test('"other" requires a description; blank space does not count', () => {
    expect(validateCancellation({ mode: 'period_end', reason: 'other', reasonText: '   ' })).toEqual({
      ok: false,
      errors: { reasonText: 'required' },
    });
  });

  test('a description longer than the server keeps is refused', () => {
    const result = validateCancellation({
      mode: 'period_end',
      reason: 'unused',
      reasonText: 'x'.repeat(1001),
    });
    expect(result).toEqual({ ok: false, errors: { reasonText: 'tooLong' } });
  });

  test('valid input becomes the request body, text trimmed and left out when empty', () => {
    expect(validateCancellation({ mode: 'immediate', reason: 'too_complex', reasonText: '' })).toEqual({
      ok: true,
      params: { mode: 'immediate', reason: 'too_complex' },
    });
    expect(validateCancellation({ mode: 'period_end', reason: 'other', reasonText: ' moving ' })).toEqual({
      ok: true,
      params: { mode: 'period_end', reason: 'other', reasonText: 'moving' },
    });
  });
});
