import type * as z from "zod/mini";
import type { CustomerProfile, LabelledValue, OwnerFields } from "../domain/contact.js";
import type { ContactChange } from "../domain/fields.js";
import type { GroupId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Region } from "../domain/phone.js";
import type { contactPatchSchema, newCustomerSchema } from "../schemas.js";
import type { UnitOfWork } from "./context.js";
import { requirePhone } from "./profile-input.js";
import { invalid } from "./validate.js";

type PatchData = z.output<typeof contactPatchSchema>;
type NewCustomerData = z.output<typeof newCustomerSchema>;

/** A new customer contact's input as a change: every profile key is there, absent ones `null`. */
export type CustomerChange = ContactChange & { readonly profile: CustomerProfile };

const labelledValues = (values: readonly { label?: string | null | undefined; value: string }[]) =>
  values.map((v): LabelledValue => ({ label: v.label ?? null, value: v.value }));

/**
 * Turns parsed contact input into a domain change: phones normalised to E.164 with the raw
 * input kept (R21), absent keys left out so they stay as they are.
 */
export function contactChangeFrom(data: PatchData, region: Region): ContactChange {
  const fields: { -readonly [K in keyof OwnerFields]?: OwnerFields[K] } = {};
  const text = [
    "familyName",
    "givenName",
    "familyNameReading",
    "givenNameReading",
    "department",
    "title",
  ] as const;
  for (const key of text) if (data[key] !== undefined) fields[key] = data[key];
  if (data.memo !== undefined) fields.memo = data.memo === "" ? null : data.memo;
  if (data.phones !== undefined) {
    fields.phones = data.phones.map((phone, i) => ({
      label: phone.label ?? null,
      ...requirePhone(phone.number, region, ["phones", i, "number"]),
    }));
  }
  if (data.emails !== undefined) {
    fields.emails = data.emails.map((email) => ({ label: email.label ?? null, address: email.address }));
  }
  if (data.addresses !== undefined) fields.addresses = labelledValues(data.addresses);
  if (data.websites !== undefined) fields.websites = labelledValues(data.websites);
  if (data.messengers !== undefined) fields.messengers = labelledValues(data.messengers);
  if (data.dates !== undefined) fields.dates = data.dates;
  if (data.tags !== undefined) fields.tags = data.tags;
  if (data.customFields !== undefined) fields.customFields = labelledValues(data.customFields);
  const profile: { -readonly [K in keyof CustomerProfile]?: CustomerProfile[K] } = {};
  for (const key of ["nickname", "company", "photoUrl"] as const) {
    const value = data.profile?.[key];
    if (value !== undefined) profile[key] = value;
  }
  return {
    fields,
    ...(data.groups === undefined ? {} : { groups: [...new Set(data.groups)] }),
    ...(data.profile === undefined ? {} : { profile }),
  };
}

/** R14: parsed `addCustomer` input as a {@link CustomerChange}, phones normalised as in an edit. */
export function customerChangeFrom(data: NewCustomerData, region: Region): CustomerChange {
  return {
    ...contactChangeFrom(data, region),
    profile: {
      nickname: data.nickname ?? null,
      company: data.company ?? null,
      photoUrl: data.photoUrl ?? null,
    },
  };
}

/** R27: contacts go only into groups of the owner's own organisation. */
export async function requireGroupsOf(
  uow: UnitOfWork,
  organisationId: OrganisationId,
  groups: readonly GroupId[],
  path: string[],
): Promise<void> {
  for (const [index, id] of groups.entries()) {
    if ((await uow.groups.get(id))?.organisationId !== organisationId) {
      throw invalid([...path, index], `${id} is not a group of this organisation`);
    }
  }
}

/** R2, R27: lists of members name members of the organisation itself only. */
export async function requireMembersOf(
  uow: UnitOfWork,
  organisationId: OrganisationId,
  members: readonly MemberId[],
  path: string[],
): Promise<void> {
  for (const [index, id] of members.entries()) {
    if ((await uow.members.get(id))?.organisationId !== organisationId) {
      throw invalid([...path, index], `${id} is not a member of this organisation`);
    }
  }
}
