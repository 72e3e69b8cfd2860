// The edit form of one contact (R23–R25): the owner's own fields, and nickname, company and
// photo, which are read-only on a linked contact because they follow the other person's profile.
import { type Contact, type ContactPatchInput, syncedFieldNames } from "partnerbook";
import { byId, controlOf } from "./dom.js";

const ownFields = ["familyName", "givenName", "familyNameReading", "memo"] as const;

/** What a contact shows under nickname, company and photo: synced, or the owner's own. */
function profileOf(contact: Contact) {
  return contact.kind === "linked" ? contact.synced : contact.profile;
}

/** Fills the form from `contact`; a linked contact's synced fields are shown disabled. */
export function fillEditForm(form: HTMLFormElement, contact: Contact): void {
  for (const name of ownFields) controlOf(form, name).value = contact.fields[name] ?? "";
  controlOf(form, "phone").value = contact.fields.phones[0]?.raw ?? "";
  const profile = profileOf(contact);
  for (const name of syncedFieldNames) {
    const control = controlOf(form, name);
    control.value = profile[name] ?? "";
    control.disabled = contact.kind === "linked";
  }
  byId("profile-legend").textContent =
    contact.kind === "linked"
      ? "Synced from their own profile (R23): read-only"
      : "Profile (a customer's: yours to edit)";
}

/** The change the form holds against `contact`, or `null` if nothing changed. */
export function patchFromEditForm(form: HTMLFormElement, contact: Contact): ContactPatchInput | null {
  const patch: Record<string, unknown> = {};
  const typed = (name: string) => controlOf(form, name).value.trim();
  for (const name of ownFields) {
    if (typed(name) !== (contact.fields[name] ?? "")) patch[name] = typed(name) || null;
  }
  if (typed("phone") !== (contact.fields.phones[0]?.raw ?? "")) {
    patch.phones = typed("phone") === "" ? [] : [{ number: typed("phone") }];
  }
  const profile: Record<string, string | null> = {};
  const current = profileOf(contact);
  for (const name of syncedFieldNames) {
    if (typed(name) !== (current[name] ?? "")) profile[name] = typed(name) || null;
  }
  // The disabled inputs are a courtesy. R25 is the library's: a synced field that reaches it
  // anyway (a form tampered with, a script) is refused, and the whole edit with it.
  if (contact.kind === "linked") Object.assign(patch, profile);
  else if (Object.keys(profile).length > 0) patch.profile = profile;
  return Object.keys(patch).length === 0 ? null : (patch as ContactPatchInput);
}
