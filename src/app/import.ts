import * as z from "zod/mini";
import { type Contact, type CustomerContact, isGone } from "../domain/contact.js";
import { type ContactPoints, contactPointKeys, contactPointsOf } from "../domain/contact-points.js";
import { applyChange } from "../domain/fields.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import { maxListItems, mergeChange, overfullList } from "../domain/merge.js";
import { type ErrorCode, isPartnerbookError, PartnerbookError, type ValidationIssue } from "../errors.js";
import type { NewCustomerInput } from "../inputs.js";
import { memberIdSchema, newCustomerSchema } from "../schemas.js";
import { type CustomerChange, customerChangeFrom, requireGroupsOf } from "./contact-input.js";
import {
  holdCounts,
  insertCustomer,
  newCustomerContact,
  requireRoomFor,
  saveEdit,
} from "./contact-writes.js";
import { type Context, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { ownCopy } from "./own-copy.js";
import { invalid, parseInput } from "./validate.js";

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

const refusalCodes: readonly ErrorCode[] = ["LIMIT_REACHED", "IN_TRASH", "TRY_AGAIN"];

interface RecordPosition {
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

const importOptionsSchema = z.optional(
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

const recordsSchema = z.custom<Iterable<unknown> | AsyncIterable<unknown>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    (typeof (value as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === "function" ||
      typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === "function"),
  "an iterable or async iterable of import records",
);

const lineSchema = z.optional(z.nullable(z.int().check(z.minimum(0))));

const importRecordSchema = z.union([
  z.strictObject({ line: lineSchema, contact: z.unknown() }),
  z.strictObject({
    line: lineSchema,
    error: z.strictObject({
      path: z.array(z.union([z.string().check(z.maxLength(1000)), z.int()])).check(z.maxLength(100)),
      message: z.string().check(z.minLength(1), z.maxLength(2000)),
    }),
  }),
]);

/** What an import decided for one record, inside the record's transaction. */
type Step =
  | { readonly kind: "add"; readonly contact: CustomerContact }
  | {
      readonly kind: "merge";
      readonly before: Contact;
      readonly applied: Contact;
      readonly changed: readonly string[];
    }
  | { readonly kind: "skip"; readonly contact: Contact };

/**
 * Where an import's records land: the store itself, or — in a dry run — the store as it would
 * look with what the run decided so far, so that each record is decided as a real run would
 * decide it (a record that repeats an earlier one is `existing`; R16 counts the would-be adds).
 */
interface Landing {
  /** The owner's contacts, trashed too, with any of `points`. */
  find(uow: UnitOfWork, ownerId: MemberId, points: ContactPoints): Promise<Contact[]>;
  /** The contact to merge into, as it is now (held until the transaction ends). */
  latest(uow: UnitOfWork, contact: Contact): Promise<Contact>;
  requireRoom(uow: UnitOfWork, owner: Party): Promise<void>;
  /** Carries the step out inside the record's transaction. */
  write(uow: UnitOfWork, step: Step): Promise<void>;
  /** Hears a step once its transaction committed. */
  settle(step: Step): void;
}

const storeLanding: Landing = {
  find: (uow, ownerId, points) => uow.contacts.findByOwnerAndContactPoints(ownerId, points),
  async latest(uow, contact) {
    // Locked, as an edit locks it: a sync (R23) waits instead of being written over.
    const locked = await uow.contacts.get(contact.id, { lock: true });
    // Gone to another owner since it was found (the actor left the organisation meanwhile; a
    // trash would have waited for the count this record holds): refused, decided afresh if the
    // record is imported again.
    if (locked === null || locked.ownerId !== contact.ownerId || locked.trash !== null) {
      throw new PartnerbookError("TRY_AGAIN", "the contact changed while it was being merged", {
        contactId: contact.id,
      });
    }
    return locked;
  },
  requireRoom: (uow, owner) => requireRoomFor(uow, owner),
  async write(uow, step) {
    if (step.kind === "add") await insertCustomer(uow, step.contact, "import");
    // An edit that changes nothing is not recorded; neither is such a merge.
    if (step.kind === "merge" && step.changed.length > 0) {
      await saveEdit(uow, step.before.ownerId, step.before, step.applied, step.changed);
    }
  },
  settle: () => {},
};

/**
 * A dry run's landing. It remembers the contacts the run would have added or changed — one
 * owner's, and only those — so its memory grows with what the run would write, not with the
 * records it reads.
 */
function dryRunLanding(): Landing {
  const held = new Map<ContactId, Contact>();
  const byPoint = new Map<string, Set<ContactId>>();
  let added = 0;
  const remember = (contact: Contact) => {
    held.set(contact.id, contact);
    for (const key of contactPointKeys(contactPointsOf(contact.fields))) {
      const ids = byPoint.get(key) ?? new Set<ContactId>();
      ids.add(contact.id);
      byPoint.set(key, ids);
    }
  };
  return {
    async find(uow, ownerId, points) {
      const found = new Map<ContactId, Contact>();
      for (const contact of await uow.contacts.findByOwnerAndContactPoints(ownerId, points)) {
        found.set(contact.id, held.get(contact.id) ?? contact);
      }
      for (const key of contactPointKeys(points)) {
        for (const id of byPoint.get(key) ?? []) found.set(id, held.get(id) as Contact);
      }
      return [...found.values()];
    },
    latest: async (_uow, contact) => contact,
    requireRoom: (uow, owner) => requireRoomFor(uow, owner, added),
    write: async () => {},
    settle(step) {
      if (step.kind === "add") {
        added++;
        remember(step.contact);
      }
      if (step.kind === "merge" && step.changed.length > 0) remember(step.applied);
    },
  };
}

/**
 * The contact a record merges into when it names several live ones: the one sharing most of its
 * phones and emails, then the oldest, then the lowest id. Since a merge gives no other contact
 * the points one already holds, the contact a record merged into only gains on the others, and
 * the record names it again when imported again.
 */
function mergeTarget(candidates: readonly Contact[], points: ContactPoints): Contact | undefined {
  const wanted = new Set(contactPointKeys(points));
  const score = (contact: Contact) =>
    contactPointKeys(contactPointsOf(contact.fields)).filter((key) => wanted.has(key)).length;
  return candidates
    .map((contact) => ({ contact, score: score(contact) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.contact.createdAt.getTime() - b.contact.createdAt.getTime() ||
        (a.contact.id < b.contact.id ? -1 : a.contact.id > b.contact.id ? 1 : 0),
    )[0]?.contact;
}

/** The phones and emails the contacts in `others` hold. */
function pointsHeldBy(others: readonly Contact[]): ContactPoints {
  const held = others.map((contact) => contactPointsOf(contact.fields));
  return { phones: held.flatMap((points) => points.phones), emails: held.flatMap((points) => points.emails) };
}

/** Decides one record inside its transaction: add it, merge it, skip it, or refuse it. */
async function decide(
  ctx: Context,
  uow: UnitOfWork,
  landing: Landing,
  actorId: MemberId,
  incoming: CustomerChange,
  onExisting: "skip" | "merge",
): Promise<Step> {
  const owner = await loadParty(uow, actorId);
  // The organisation's count first, as every add takes it: records of imports side by side take
  // turns, and a record finds what another import's record added just before it (idempotent).
  await holdCounts(uow, [owner.organisation.id]);
  await requireGroupsOf(uow, owner.organisation.id, incoming.groups ?? [], ["groups"]);
  const points = contactPointsOf({
    phones: incoming.fields?.phones ?? [],
    emails: incoming.fields?.emails ?? [],
  });
  // R33: a contact past its retention is gone, even if no clean-up removed it yet.
  const found = (await landing.find(uow, actorId, points)).filter((contact) => !isGone(contact, uow.now));
  const live = mergeTarget(
    found.filter((contact) => contact.trash === null),
    points,
  );
  if (live === undefined) {
    const trashed = found[0];
    if (trashed !== undefined) {
      // R15: nothing comes back from the trash silently.
      throw new PartnerbookError("IN_TRASH", "this person is in your trash; restore them instead", {
        contactId: trashed.id,
      });
    }
    await landing.requireRoom(uow, owner);
    return { kind: "add", contact: newCustomerContact(ctx, uow, owner, incoming) };
  }
  if (onExisting === "skip") return { kind: "skip", contact: live };
  const before = await landing.latest(uow, live);
  const others = pointsHeldBy(found.filter((contact) => contact.id !== live.id));
  const { contact: applied, changed } = applyChange(before, mergeChange(before, incoming, others));
  const overfull = overfullList(applied.fields);
  if (overfull !== null) {
    throw invalid([overfull], `R21: merged, ${overfull} would hold more than ${maxListItems} items`);
  }
  return { kind: "merge", before, applied, changed };
}

/** The outcome a refusal of one record comes to; anything else stops the import. */
function refusalOutcome(error: unknown) {
  if (isPartnerbookError(error, "VALIDATION")) {
    const issues = error.issues.length > 0 ? error.issues : [{ path: [], message: error.message }];
    const [first] = issues as [ValidationIssue];
    return {
      outcome: "invalid" as const,
      error: { code: "VALIDATION" as const, path: first.path, message: first.message, issues },
    };
  }
  if (isPartnerbookError(error) && refusalCodes.includes(error.code)) {
    return {
      outcome: "refused" as const,
      code: error.code as ImportRefusalCode,
      message: error.message,
      contactId: (error.details.contactId as ContactId | undefined) ?? null,
    };
  }
  throw error;
}

function resultOf(step: Step) {
  switch (step.kind) {
    case "add":
      return { outcome: "added" as const, contact: step.contact };
    case "merge":
      return {
        outcome: "existing" as const,
        contactId: step.before.id,
        action: "merged" as const,
        changed: step.changed,
      };
    case "skip":
      return {
        outcome: "existing" as const,
        contactId: step.contact.id,
        action: "skipped" as const,
        changed: [],
      };
  }
}

/** Reads, decides and lands one record, in a transaction of its own. */
async function importOne(
  ctx: Context,
  landing: Landing,
  actorId: MemberId,
  raw: unknown,
  index: number,
  onExisting: "skip" | "merge",
): Promise<ImportResult> {
  let line: number | null = null;
  try {
    const record = parseInput(importRecordSchema, raw, "import record");
    line = record.line ?? null;
    if ("error" in record) {
      throw new PartnerbookError("VALIDATION", record.error.message, { issues: [record.error] });
    }
    const incoming = customerChangeFrom(
      parseInput(newCustomerSchema, record.contact, "contact"),
      ctx.defaultRegion,
    );
    const step = await inTransaction(ctx, async (uow) => {
      const decided = await decide(ctx, uow, landing, actorId, incoming, onExisting);
      await landing.write(uow, decided);
      return decided;
    });
    landing.settle(step);
    return { index, line, ...resultOf(step) };
  } catch (error) {
    return { index, line, ...refusalOutcome(error) };
  }
}

/**
 * `contacts.import`: each record in a transaction of its own, one after the other, read from
 * `records` only as it is reached (bounded memory, whatever the input's length).
 */
export async function importContacts(
  ctx: Context,
  actor: unknown,
  records: unknown,
  options: unknown,
): Promise<ImportSummary> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const source = parseInput(recordsSchema, records, "records");
  const {
    onExisting = "skip",
    dryRun = false,
    onRecord,
    onProgress,
    signal,
  } = parseInput(importOptionsSchema, options, "import options") ?? {};
  signal?.throwIfAborted();
  // An unknown actor is refused before the first record is read.
  await inTransaction(ctx, (uow) => loadParty(uow, actorId));
  const landing = dryRun ? dryRunLanding() : storeLanding;
  const counts = { done: 0, added: 0, existing: 0, invalid: 0, refused: 0 };
  let index = 0;
  for await (const raw of source) {
    signal?.throwIfAborted();
    const result = await importOne(ctx, landing, actorId, raw, index++, onExisting);
    counts.done++;
    counts[result.outcome]++;
    // The listener's own copy, as every answer of the book is (own-copy.ts).
    await (onRecord as ImportOptions["onRecord"])?.(ownCopy(result));
    await (onProgress as ImportOptions["onProgress"])?.({ ...counts });
  }
  return { ...counts };
}
