import { type Contact, isGone } from "../domain/contact.js";
import { type ContactPoints, contactPointKeys, contactPointsOf } from "../domain/contact-points.js";
import { applyChange } from "../domain/fields.js";
import type { ContactId, MemberId } from "../domain/ids.js";
import { maxListItems, mergeChange, overfullList } from "../domain/merge.js";
import { isPartnerbookError, PartnerbookError, type ValidationIssue } from "../errors.js";
import { memberIdSchema, newCustomerSchema } from "../schemas.js";
import { type CustomerChange, customerChangeFrom, requireGroupsOf } from "./contact-input.js";
import { holdCounts, newCustomerContact } from "./contact-writes.js";
import { type Context, inTransaction, loadParty, type UnitOfWork } from "./context.js";
import { dryRunLanding, type Landing, type Step, storeLanding } from "./import-landing.js";
import {
  type ImportOptions,
  type ImportRefusalCode,
  type ImportResult,
  type ImportSummary,
  importOptionsSchema,
  importRecordSchema,
  recordsSchema,
  refusalCodes,
} from "./import-records.js";
import { ownCopy } from "./own-copy.js";
import { invalid, parseInput } from "./validate.js";

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
