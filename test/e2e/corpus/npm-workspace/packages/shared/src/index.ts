import ms from "ms";

/** How long ago a moment was, in words ("2h"). */
export function since(then: number, now: number = Date.now()): string {
  return ms(Math.max(0, now - then));
}
