import { canEdit } from "../domain/access.js";
import type { Contact } from "../domain/contact.js";
import { applyChange, missingCustomerRequirement, syncedFieldNames } from "../domain/fields.js";
import { PartnerbookError } from "../errors.js";
import { contactIdSchema, contactPatchSchema, expectedVersionSchema, memberIdSchema } from "../schemas.js";
import { contactChangeFrom, requireGroupsOf } from "./contact-input.js";
import { saveEdit } from "./contact-writes.js";
import { type Context, inTransaction } from "./context.js";
import { invalid, parseInput } from "./validate.js";
import { loadReader, requireContact, requirePermission, requireVersion } from "./viewer.js";

/** The synced keys a patch names at its top level (`profile` is checked once the kind is known). */
function syncedKeysIn(patch: unknown): string[] {
  if (typeof patch !== "object" || patch === null) return [];
  return syncedFieldNames.filter((key) => Object.hasOwn(patch, key));
}

/**
 * The patch without `keys`: synced keys are set aside before the strict parse, which would refuse
 * them as unknown, so that the edit can refuse them by name once the kind is known (R25:
 * SYNCED_FIELD on a linked contact; on a customer, VALIDATION pointing at `profile`).
 */
function withoutKeys(patch: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0 || typeof patch !== "object" || patch === null) return patch;
  return Object.fromEntries(Object.entries(patch).filter(([key]) => !keys.includes(key)));
}

/** R24, R25: `Contacts.edit`. */
export async function editContact(
  ctx: Context,
  actor: unknown,
  id: unknown,
  patch: unknown,
  options: unknown,
): Promise<Contact> {
  const actorId = parseInput(memberIdSchema, actor, "actor");
  const contactId = parseInput(contactIdSchema, id, "contact id");
  const { expectedVersion } = parseInput(expectedVersionSchema, options, "options");
  const synced = syncedKeysIn(patch);
  const data = parseInput(contactPatchSchema, withoutKeys(patch, synced), "contact change");
  const change = contactChangeFrom(data, ctx.defaultRegion);
  return inTransaction(ctx, async (uow) => {
    const { viewer } = await loadReader(uow, actorId);
    // Locked: a concurrent sync (R23) waits for this edit, or this edit for it, so neither
    // writes back a stale copy of the other's part.
    const before = await requireContact(uow, viewer, contactId, { trashed: "refuse", lock: true });
    requirePermission(canEdit(before, viewer), "edit");
    // R25: the whole edit is refused, naming the field, before anything is applied.
    const touched = before.kind === "linked" ? [...synced, ...Object.keys(change.profile ?? {})] : synced;
    if (touched.length > 0) {
      const field = touched[0] as string;
      throw new PartnerbookError(
        before.kind === "linked" ? "SYNCED_FIELD" : "VALIDATION",
        before.kind === "linked"
          ? `${field} is synced from the external user's profile and cannot be edited`
          : `${field} of a customer contact is edited under "profile"`,
        before.kind === "linked" ? { field } : { issues: [{ path: [field], message: "use profile" }] },
      );
    }
    requireVersion(before, expectedVersion);
    await requireGroupsOf(uow, before.organisationId, change.groups ?? [], ["groups"]);
    const { contact: applied, changed } = applyChange(before, change);
    if (changed.length === 0) return before;
    const missing = applied.kind === "customer" ? missingCustomerRequirement(applied.fields) : null;
    if (missing !== null) {
      throw invalid([missing], "R22: a customer contact keeps a name and a phone or an email");
    }
    return saveEdit(uow, actorId, before, applied, changed);
  });
}
