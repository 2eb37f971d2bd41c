import { newTimeOrderedId } from './context';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newTimeOrderedId', () => {
  it('is a version 7 UUID whose first 48 bits are the Unix milliseconds', () => {
    const at = Date.parse('2026-11-21T12:00:00.123Z');
    const id = newTimeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts as text in the order of its milliseconds, and never repeats', () => {
    const start = Date.parse('2026-11-21T12:00:00Z');
    const ids = Array.from({ length: 2_000 }, (_, i) => newTimeOrderedId(start + Math.floor(i / 4)));
    const byTime = ids.map((id) => id.slice(0, 13));
    expect([...byTime].sort()).toEqual(byTime);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
