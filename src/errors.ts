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
  readonly issues?: readonly ValidationIssue[];
  /** RATE_LIMITED: when the next attempt will be accepted. */
  readonly retryAt?: Date;
  /** IN_TRASH / CONFLICT: the contact concerned. */
  readonly contactId?: string;
  /** LINKING_DISABLED: why the caller's own side cannot link (R10: never the other side's). */
  readonly reason?: string;
  /** LIMIT_REACHED: the limit in force. */
  readonly limit?: number;
  /** SYNCED_FIELD: the synced field an edit tried to change (R25). */
  readonly field?: string;
  /** CONFLICT: the version the record is at now. */
  readonly currentVersion?: number;
  /** CONFLICT on R29: the external users both owners have a contact for. */
  readonly targets?: readonly string[];
}

/**
 * The one error type partnerbook throws on purpose.
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

  toJSON(): { name: string; code: ErrorCode; message: string; details: ErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** True when `error` is a {@link PartnerbookError}, optionally with the given code. */
export function isPartnerbookError(error: unknown, code?: ErrorCode): error is PartnerbookError {
  return error instanceof PartnerbookError && (code === undefined || error.code === code);
}
