// What an import takes (records, options) and gives back (a result per record, counts).
import * as z from "zod/mini";
import type { CustomerContact } from "../domain/contact.js";
import type { ContactId } from "../domain/ids.js";
import type { ErrorCode, ValidationIssue } from "../errors.js";
import type { NewCustomerInput } from "../inputs.js";

/**
 * One record of an import, as a format reader hands it over: a contact exactly as
 * `contacts.addCustomer` takes it, or — for a record the reader could not read — where and why.
 * `line` says where the record starts in the file, for the report.
 */
export type ImportRecord =
  | { readonly line?: number | null; readonly contact: NewCustomerInput }
  | {
      readonly line?: number | null;
      readonly error: { readonly path: readonly (string | number)[]; readonly message: string };
    };

/** The refusals an import reports per record and carries on after. */
export type ImportRefusalCode = Extract<ErrorCode, "LIMIT_REACHED" | "IN_TRASH" | "TRY_AGAIN">;

export const refusalCodes: readonly ErrorCode[] = ["LIMIT_REACHED", "IN_TRASH", "TRY_AGAIN"];

export interface RecordPosition {
  /** The record's place in the input, from 0. */
  readonly index: number;
  /** The line the reader gave, or `null`. */
  readonly line: number | null;
}

/** What became of one record of an import. */
export type ImportResult = RecordPosition &
  (
    | {
        /** A new customer contact (R14) — in a dry run, the one that would be added. */
        readonly outcome: "added";
        readonly contact: CustomerContact;
      }
    | {
        /**
         * The owner's book already holds a contact with one of the record's phones or emails;
         * `changed` names the fields a merge filled or extended (none when skipped).
         */
        readonly outcome: "existing";
        readonly contactId: ContactId;
        readonly action: "merged" | "skipped";
        readonly changed: readonly string[];
      }
    | {
        /** The record is not a valid contact (or its reader could not read it): nothing done. */
        readonly outcome: "invalid";
        readonly error: {
          readonly code: "VALIDATION";
          /** The first issue's field, within the contact (or as the reader gave it). */
          readonly path: readonly (string | number)[];
          readonly message: string;
          readonly issues: readonly ValidationIssue[];
        };
      }
    | {
        /**
         * Refused as `addCustomer` would refuse it: `LIMIT_REACHED` (R16), `IN_TRASH` (the person
         * is in the owner's trash, R15: restore them instead; `contactId` names them), or
         * `TRY_AGAIN` (concurrent writes kept colliding; importing again is safe).
         */
        readonly outcome: "refused";
        readonly code: ImportRefusalCode;
        readonly message: string;
        readonly contactId: ContactId | null;
      }
  );

/** How many records an import has taken, and what became of them. */
export interface ImportSummary {
  readonly done: number;
  readonly added: number;
  readonly existing: number;
  readonly invalid: number;
  readonly refused: number;
}

/** Options of `contacts.import`. */
export interface ImportOptions {
  /**
   * A record whose phone or email is already in the owner's book: `"skip"` it (the default), or
   * `"merge"` it into that contact — empty fields filled, missing list items added, nothing
   * overwritten or removed (`mergeChange`).
   */
  readonly onExisting?: "skip" | "merge" | undefined;
  /** Decide every record as a real import would, and write nothing: no contact, no event. */
  readonly dryRun?: boolean | undefined;
  /** Hears each record's result, in order; the import waits for a promise it returns. */
  readonly onRecord?: ((result: ImportResult) => void | PromiseLike<void>) | undefined;
  /** Hears the running counts after each record; the import waits for a promise it returns. */
  readonly onProgress?: ((progress: ImportSummary) => void | PromiseLike<void>) | undefined;
  /** Stops the import before its next record; records already done stay done. */
  readonly signal?: AbortSignal | undefined;
}

const callback = z.custom<(value: never) => unknown>((value) => typeof value === "function");

export const importOptionsSchema = z.optional(
  z.strictObject({
    onExisting: z.optional(z.enum(["skip", "merge"])),
    dryRun: z.optional(z.boolean()),
    onRecord: z.optional(callback),
    onProgress: z.optional(callback),
    signal: z.optional(
      z.custom<AbortSignal>((value) => typeof AbortSignal === "function" && value instanceof AbortSignal),
    ),
  }),
);

export const recordsSchema = z.custom<Iterable<unknown> | AsyncIterable<unknown>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    (typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function" ||
      typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === "function"),
  "an iterable or async iterable of import records",
);

const lineSchema = z.optional(z.nullable(z.int().check(z.minimum(0))));

export const importRecordSchema = z.union([
  z.strictObject({ line: lineSchema, contact: z.unknown() }),
  z.strictObject({
    line: lineSchema,
    error: z.strictObject({
      path: z.array(z.union([z.string().check(z.maxLength(1000)), z.int()])).check(z.maxLength(100)),
      message: z.string().check(z.minLength(1), z.maxLength(2000)),
    }),
  }),
]);
