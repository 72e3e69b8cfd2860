import {
  type ErrorCode,
  isPartnerbookError,
  type ManualClock,
  type Partnerbook,
} from "../../../src/index.js";
import type { OutboxMailer } from "../../../src/memory.js";
import type { Expected } from "../model.js";
import { expect } from "./expect.js";

// The system under test, and how a step's outcome is compared with the model's.

/** The system under test: a partnerbook over some store, its clock, and its outbox if any. */
export interface Real {
  readonly book: Partnerbook;
  readonly clock: ManualClock;
  readonly mailer: OutboxMailer | null;
}

// ── Outcomes ────────────────────────────────────────────────────────────────────────────────

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ErrorCode };

/** Runs a step, turning a PartnerbookError into its code; anything else is a crash and fails. */
export async function attempt<T>(step: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    if (isPartnerbookError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

/**
 * Fails unless the real outcome is the expected one (ok, or the same code). When both
 * succeeded, hands back both answers.
 */
export function agreed<T, E>(
  what: string,
  actual: Outcome<T>,
  expected: Expected<E>,
): { actual: T; expected: E } | null {
  expect(actual.ok ? "ok" : actual.code, what).toBe(expected.ok ? "ok" : expected.code);
  return actual.ok && expected.ok ? { actual: actual.value, expected: expected.value } : null;
}

/** The code a read was refused with, or "ok". */
export async function codeOf(step: () => Promise<unknown>): Promise<"ok" | ErrorCode> {
  const outcome = await attempt(step);
  return outcome.ok ? "ok" : outcome.code;
}
