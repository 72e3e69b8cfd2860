import { PartnerbookError } from "../../errors.js";

/** The SQLSTATE of a driver error (node-postgres and PGlite both put it in `code`), if any. */
export function sqlState(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

const conflicts: Readonly<Record<string, string>> = {
  "23505": "a record with this key already exists",
  "23503": "the write does not fit the records it refers to, or that refer to it",
  "40001": "a concurrent transaction changed the same records; try again",
  "40P01": "a concurrent transaction changed the same records; try again",
  "25P02": "an earlier statement of this transaction failed, so it can only roll back",
};

/**
 * The error partnerbook reports for a database error: duplicate keys and lost races are a
 * `CONFLICT`, a broken check constraint is `VALIDATION`; anything else is passed on as it is.
 */
export function storeError(error: unknown): unknown {
  const state = sqlState(error);
  if (state === null) return error;
  const detail = (error as { constraint?: unknown }).constraint;
  const suffix = typeof detail === "string" ? ` (${detail})` : "";
  const conflict = conflicts[state];
  if (conflict !== undefined) return new PartnerbookError("CONFLICT", `${conflict}${suffix}`);
  if (state === "23514") return new PartnerbookError("VALIDATION", `a stored value is out of range${suffix}`);
  return error;
}
