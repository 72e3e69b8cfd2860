import { isDeepStrictEqual } from "node:util";
import { expect as vitestExpect } from "vitest";

/**
 * `expect` for the model's checks, which run hundreds of thousands of times in `npm test`: each
 * comparison is made first without vitest, whose every `expect` call copies its state (a fifth
 * of the memory model's time), and only one that fails goes through vitest's `expect`, for its
 * message and diff. What passes here passes there: `Object.is` is `toBe`, and values that are
 * deeply and strictly equal are equal for `toEqual` (which also lets pass what differs only
 * in `undefined` properties: those go through vitest).
 */
export function expect(actual: unknown, message?: string) {
  return {
    toBe(expected: unknown): void {
      if (!Object.is(actual, expected)) vitestExpect(actual, message).toBe(expected);
    },
    toEqual(expected: unknown): void {
      if (!isDeepStrictEqual(actual, expected)) vitestExpect(actual, message).toEqual(expected);
    },
    toMatchObject(expected: Record<string, unknown> | readonly unknown[]): void {
      vitestExpect(actual, message).toMatchObject(expected);
    },
    not: {
      toBe(expected: unknown): void {
        if (Object.is(actual, expected)) vitestExpect(actual, message).not.toBe(expected);
      },
    },
  };
}
