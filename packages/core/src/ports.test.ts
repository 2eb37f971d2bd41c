import { createFixedClock, createManualClock, systemClock } from './ports';

describe('clocks', () => {
  it('a fixed clock always tells the same time, as fresh Date values', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    const clock = createFixedClock(at);
    const first = clock.now();
    first.setUTCFullYear(1999);
    expect(clock.now()).toEqual(at);
  });

  it('a manual clock moves only when told', () => {
    const clock = createManualClock(new Date('2025-01-01T00:00:00.000Z'));
    expect(clock.advance(1500)).toEqual(new Date('2025-01-01T00:00:01.500Z'));
    expect(clock.now()).toEqual(new Date('2025-01-01T00:00:01.500Z'));
    clock.set(new Date('2026-01-01T00:00:00.000Z'));
    expect(clock.now()).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });

  it('the system clock tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
