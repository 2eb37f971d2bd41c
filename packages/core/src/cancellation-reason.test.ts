import {
  CANCELLATION_TEXT_MAX_LENGTH,
  CancellationReasons,
  isCancellationReason,
  parseCancellationRequest,
} from './cancellation-reason';

describe('cancellation reasons', () => {
  it('the list is fixed', () => {
    expect(Object.values(CancellationReasons)).toEqual([
      'too_expensive',
      'missing_features',
      'switched_service',
      'unused',
      'customer_service',
      'too_complex',
      'low_quality',
      'other',
    ]);
  });

  it.each(Object.values(CancellationReasons).filter((r) => r !== 'other'))(
    '%s is accepted without text',
    (reason) => {
      expect(parseCancellationRequest({ reason })).toEqual({ ok: true, value: { reason, text: null } });
    },
  );

  it('free text is trimmed and kept; blank text counts as none', () => {
    expect(parseCancellationRequest({ reason: 'unused', text: '  seasonal shop ' })).toEqual({
      ok: true,
      value: { reason: 'unused', text: 'seasonal shop' },
    });
    expect(parseCancellationRequest({ reason: 'unused', text: '   ' })).toEqual({
      ok: true,
      value: { reason: 'unused', text: null },
    });
  });

  it('"other" requires an explanation', () => {
    expect(parseCancellationRequest({ reason: 'other', text: ' ' })).toMatchObject({
      ok: false,
      problem: 'text_required',
    });
    expect(parseCancellationRequest({ reason: 'other', text: 'closing the shop' })).toEqual({
      ok: true,
      value: { reason: 'other', text: 'closing the shop' },
    });
  });

  it.each([undefined, '', 'bored', 3, 'TOO_EXPENSIVE'])('%j is not a reason', (reason) => {
    expect(isCancellationReason(reason)).toBe(false);
    expect(parseCancellationRequest({ reason })).toMatchObject({ ok: false, problem: 'unknown_reason' });
  });

  it('text longer than the limit is refused', () => {
    const text = 'x'.repeat(CANCELLATION_TEXT_MAX_LENGTH + 1);
    expect(parseCancellationRequest({ reason: 'unused', text })).toMatchObject({
      ok: false,
      problem: 'text_too_long',
    });
  });
});
