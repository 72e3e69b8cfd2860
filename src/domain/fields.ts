import type { Contact, CustomerProfile, OwnerFields } from "./contact.js";
import type { GroupId } from "./ids.js";

/** R23: the fields of a linked contact that follow the external user's profile. */
export const syncedFieldNames = ["nickname", "company", "photoUrl"] as const;

/** One of {@link syncedFieldNames}. */
export type SyncedFieldName = (typeof syncedFieldNames)[number];

/** A change to a contact's own data, already parsed and normalised. */
export interface ContactChange {
  readonly fields?: Partial<OwnerFields>;
  readonly groups?: readonly GroupId[];
  /** Customer contacts only: the nickname, company and photo the owner typed in. */
  readonly profile?: Partial<CustomerProfile>;
}

/** Structural equality of plain values (strings, numbers, null, arrays, objects in any key order). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/**
 * R24: applies a change to the owner's own data and names what really changed. The synced part
 * of a linked contact is not in {@link ContactChange} at all, so no change can reach it.
 * Returns the contact itself when nothing changed.
 */
export function applyChange(
  contact: Contact,
  change: ContactChange,
): { contact: Contact; changed: string[] } {
  const changed: string[] = [];
  const fields = { ...contact.fields };
  for (const [key, value] of Object.entries(change.fields ?? {}) as [keyof OwnerFields, unknown][]) {
    if (!same(fields[key], value)) {
      (fields as Record<string, unknown>)[key] = value;
      changed.push(key);
    }
  }
  const groups = change.groups ?? contact.groups;
  if (!same(groups, contact.groups)) changed.push("groups");
  let next: Contact = { ...contact, fields, groups };
  if (contact.kind === "customer" && change.profile !== undefined) {
    const profile = { ...contact.profile };
    for (const [key, value] of Object.entries(change.profile) as [keyof CustomerProfile, unknown][]) {
      if (!same(profile[key], value)) {
        (profile as Record<string, unknown>)[key] = value;
        changed.push(`profile.${key}`);
      }
    }
    next = { ...next, kind: "customer", profile };
  }
  return changed.length === 0 ? { contact, changed } : { contact: next, changed };
}

/** R22: a customer contact needs a family or given name, and a phone or an email. */
export function customerRequirementsMet(fields: OwnerFields): boolean {
  return missingCustomerRequirement(fields) === null;
}

/** R22: the field to point at when a customer contact misses a requirement, else `null`. */
export function missingCustomerRequirement(fields: OwnerFields): "familyName" | "phones" | null {
  if (fields.familyName === null && fields.givenName === null) return "familyName";
  if (fields.phones.length + fields.emails.length === 0) return "phones";
  return null;
}
