/**
 * Every refusal partnerbook makes, as a stable code a program can switch on.
 * Codes are part of the public API: they are only ever added, never renamed.
 */
export const errorCodes = [
  "VALIDATION",
  "NOT_FOUND",
  "NOT_PERMITTED",
  "LINKING_DISABLED",
  "RATE_LIMITED",
  "LIMIT_REACHED",
  "CONFLICT",
  "IN_TRASH",
  "NOT_IN_TRASH",
  "SYNCED_FIELD",
  "INVITATION_EXPIRED",
  "INVITATION_REVOKED",
  "INVITATION_USED_UP",
  "NOT_CONFIGURED",
  "TRY_AGAIN",
  "UNKNOWN_ACTOR",
] as const;

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one input field, as zod reports it. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Extra facts some refusals carry, so a caller need not parse the message. */
export interface ErrorDetails {
  /** VALIDATION: what was wrong, field by field. */
  readonly issues?: readonly ValidationIssue[] | undefined;
  /** RATE_LIMITED: when the next attempt will be accepted. */
  readonly retryAt?: Date | undefined;
  /** IN_TRASH / CONFLICT: the contact concerned. */
  readonly contactId?: string | undefined;
  /** LINKING_DISABLED: why the caller's own side cannot link (R10: never the other side's). */
  readonly reason?: string | undefined;
  /** LIMIT_REACHED: the limit in force. */
  readonly limit?: number | undefined;
  /** SYNCED_FIELD: the synced field an edit tried to change (R25). */
  readonly field?: string | undefined;
  /** CONFLICT: the version the record is at now. */
  readonly currentVersion?: number | undefined;
  /** CONFLICT on R29: the external users both owners have a contact for. */
  readonly targets?: readonly string[] | undefined;
}

// A process may hold several copies of partnerbook: its ESM and CommonJS builds (an app that
// imports it, a dependency that requires it), or two installed versions. Each copy has its own
// class, so a plain `instanceof` would tell an error of one copy apart from the other's. The
// brand is a registered symbol — one key in every copy, every realm — on the class's prototype.
const brand = Symbol.for("partnerbook.error");

const isBranded = (value: unknown): boolean =>
  typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;

/**
 * The one error type partnerbook throws on purpose. `instanceof PartnerbookError` and
 * {@link isPartnerbookError} recognise one thrown by any copy of partnerbook in the process,
 * ESM or CommonJS.
 *
 * @example
 * try { await book.search.byWorksId(me, "") }
 * catch (e) { if (isPartnerbookError(e, "VALIDATION")) console.log(e.issues) }
 */
export class PartnerbookError extends Error {
  override readonly name = "PartnerbookError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** Shortcut for `details.issues` on VALIDATION errors. */
  get issues(): readonly ValidationIssue[] {
    return this.details.issues ?? [];
  }

  /** The error as plain data, for logs and HTTP answers (`JSON.stringify` calls it). */
  toJSON(): { name: string; code: ErrorCode; message: string; details: ErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

Object.defineProperty(PartnerbookError.prototype, brand, { value: true });

// `error instanceof PartnerbookError` holds for an error of any copy. A subclass keeps the
// ordinary test: `instanceof MyError` is not widened to every copy's PartnerbookError.
function hasInstance(this: { readonly prototype: object }, value: unknown): boolean {
  if (this === PartnerbookError) return isBranded(value);
  return Object.prototype.isPrototypeOf.call(this.prototype, value as object);
}
Object.defineProperty(PartnerbookError, Symbol.hasInstance, { value: hasInstance });

/**
 * True when `error` is a {@link PartnerbookError} — thrown by any copy of partnerbook, ESM or
 * CommonJS — optionally with the given code.
 */
export function isPartnerbookError(error: unknown, code?: ErrorCode): error is PartnerbookError {
  return isBranded(error) && (code === undefined || (error as PartnerbookError).code === code);
}
