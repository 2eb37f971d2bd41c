import { timingSafeEqual } from 'node:crypto';

/** Compares two strings without leaking where they differ; different lengths are simply unequal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still spend a comparison so the length check is not the only work done.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
