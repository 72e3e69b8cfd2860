import { z } from "zod";
import type { ContactId, GroupId, InvitationId, MemberId, OrganisationId } from "./domain/ids.js";
import { maxIdLength, normaliseLineBreaks, type TextRule, textProblem } from "./domain/text.js";

// Public inputs (their types: src/inputs.ts) are parsed here once; the domain trusts what comes
// out (parse at the edge).
// Every string passes the character rules of src/domain/text.ts — one line, no controls, no
// bidi overrides — except the fields that span lines by nature: a contact's memo, addresses
// and custom field values (`multilineText`).

/** Adds the VALIDATION issue of {@link textProblem}, if any, to a string schema's checks. */
const charactersOf =
  (rule: TextRule) =>
  (payload: z.core.ParsePayload<string>): void => {
    const problem = textProblem(payload.value, rule);
    // zod keeps `input` out of the issues it reports unless asked (`reportInput`).
    if (problem !== null) payload.issues.push({ code: "custom", message: problem, input: payload.value });
  };

/** One line of text (a name, an id, a label…): trimmed, 1–`max` characters, the `"line"` rule. */
const text = (max: number) => z.string().trim().min(1).max(max).check(charactersOf("line"));
const optionalText = (max: number) => text(max).nullable().optional();

/** Text that spans lines by nature (an address, a custom field's value): CRLF kept as LF. */
const multilineText = (max: number) =>
  z.string().overwrite(normaliseLineBreaks).trim().min(1).max(max).check(charactersOf("multiline"));

/** An id as the API hands it out. */
export const organisationIdSchema = text(maxIdLength).transform((id) => id as OrganisationId);
/** @see organisationIdSchema */
export const memberIdSchema = text(maxIdLength).transform((id) => id as MemberId);
/** @see organisationIdSchema */
export const invitationIdSchema = text(maxIdLength).transform((id) => id as InvitationId);
/** @see organisationIdSchema */
export const contactIdSchema = text(maxIdLength).transform((id) => id as ContactId);

/** An opaque token from a QR code or invitation. */
export const tokenSchema = text(200);

/** R7: works IDs are letters, digits and `. _ - @`, up to 100 characters. */
export const worksIdSchema = text(100).regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ - @ only");

/** A phone number as typed; R8 normalisation happens in the use-case, with the region. */
export const phoneInputSchema = text(40);

/** An email address; zod's format check, and the text rules it does not make. */
const emailSchema = z.email().max(254).check(charactersOf("line"));

/**
 * A profile photo: an http(s) URL. The text rules see it as typed, before `z.url`, which takes
 * NUL and lone surrogates and quietly drops tabs and line breaks.
 */
const photoUrlSchema = z
  .string()
  .max(2000)
  .check(charactersOf("line"))
  .pipe(z.url({ protocol: /^https?$/ }));

export const planSchema = z.enum(["free", "standard", "advanced"]);

const profileShape = {
  displayName: text(100),
  familyName: optionalText(100),
  givenName: optionalText(100),
  nickname: optionalText(100),
  photoUrl: photoUrlSchema.nullable().optional(),
  mobilePhone: phoneInputSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
};

/** Input of `members.create` (and the first admin of `organisations.create`). */
export const newMemberSchema = z.strictObject({
  ...profileShape,
  worksId: worksIdSchema,
  allowSearchByPhone: z.boolean().optional(),
});

/** Input of `members.updateProfile`: any subset; `null` clears an optional field. */
export const profilePatchSchema = z.strictObject(profileShape).partial();

/** Input of `organisations.create`. */
export const newOrganisationSchema = z.strictObject({
  name: text(200),
  plan: planSchema.default("free"),
  trashRetentionDays: z.int().min(1).max(365).optional(),
  invitationExpiryDays: z.int().min(1).max(365).optional(),
  admin: newMemberSchema,
});

const idList = <T>(id: z.ZodType<T, string>) => z.array(id).max(100_000);

/** Input of `organisations.setLinkingPolicy`: any subset of the policy (R1–R4). */
export const linkingPolicyPatchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  scope: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("all") }),
      z.strictObject({ kind: z.literal("listed"), members: idList(memberIdSchema) }),
    ])
    .optional(),
  partners: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("any") }),
      z.strictObject({ kind: z.literal("allow"), organisations: idList(organisationIdSchema) }),
      z.strictObject({ kind: z.literal("block"), organisations: idList(organisationIdSchema) }),
    ])
    .optional(),
});

/** R21: every list on a contact holds at most 100 items. */
const list = <T extends z.ZodType>(item: T) => z.array(item).max(100);
const labelled = (value: z.ZodType<string, string>) => z.strictObject({ label: optionalText(100), value });
const photoUrl = photoUrlSchema.nullable().optional();

/** An address-book group id. */
export const groupIdSchema = text(maxIdLength).transform((id) => id as GroupId);

/** R24: the owner's own fields of a contact, each optional; `null` clears. */
const ownerFieldShape = {
  familyName: optionalText(100),
  givenName: optionalText(100),
  familyNameReading: optionalText(100),
  givenNameReading: optionalText(100),
  department: optionalText(200),
  title: optionalText(200),
  phones: list(z.strictObject({ label: optionalText(100), number: phoneInputSchema })).optional(),
  emails: list(z.strictObject({ label: optionalText(100), address: emailSchema })).optional(),
  addresses: list(labelled(multilineText(1000))).optional(),
  websites: list(labelled(text(1000))).optional(),
  messengers: list(labelled(text(1000))).optional(),
  dates: list(
    z.strictObject({
      label: text(100),
      date: z.string().regex(/^(\d{4}|-)-\d{2}-\d{2}$/, "YYYY-MM-DD or --MM-DD"),
    }),
  ).optional(),
  // R21: up to 4,000 characters, kept as typed (not trimmed, may be empty), line breaks as LF.
  memo: z
    .string()
    .overwrite(normaliseLineBreaks)
    .max(4000)
    .check(charactersOf("multiline"))
    .nullable()
    .optional(),
  tags: list(text(100)).optional(),
  // A custom field ("billing address", "notes for the next visit") is free text, so it may
  // span lines as a memo does; its label is a name.
  customFields: list(labelled(multilineText(1000))).optional(),
  groups: list(groupIdSchema).optional(),
};

/** A customer contact's nickname, company and photo: typed in by the owner (R14). */
const customerProfileShape = {
  nickname: optionalText(100),
  company: optionalText(200),
  photoUrl,
};

/** Input of `contacts.addCustomer` (R14, R21, R22). */
export const newCustomerSchema = z
  .strictObject({ ...ownerFieldShape, ...customerProfileShape })
  .refine((c) => Boolean(c.familyName || c.givenName), {
    message: "R22: a customer contact needs a family or given name",
    path: ["familyName"],
  })
  .refine((c) => (c.phones?.length ?? 0) + (c.emails?.length ?? 0) > 0, {
    message: "R22: a customer contact needs a phone or an email",
    path: ["phones"],
  });

/**
 * Input of `contacts.edit` (R24, R25): any subset of the owner's fields; on a customer contact
 * also `profile` (nickname, company, photo). Synced fields are not part of it.
 */
export const contactPatchSchema = z.strictObject({
  ...ownerFieldShape,
  profile: z.strictObject(customerProfileShape).optional(),
});

/** Options of every change to an existing contact: the version it was made on (R25). */
export const expectedVersionSchema = z.strictObject({ expectedVersion: z.int().min(1) });

/** Input of `contacts.share` (R27). */
export const sharingSchema = z
  .discriminatedUnion("visibility", [
    z.strictObject({ visibility: z.literal("private"), coEditing: z.boolean().optional() }),
    z.strictObject({ visibility: z.literal("organisation"), coEditing: z.boolean().optional() }),
    z.strictObject({
      visibility: z.literal("members"),
      members: z.array(memberIdSchema).max(500).optional(),
      groups: z.array(groupIdSchema).max(500).optional(),
      coEditing: z.boolean().optional(),
    }),
  ])
  .refine((s) => s.visibility !== "members" || (s.members?.length ?? 0) + (s.groups?.length ?? 0) <= 500, {
    message: "R27: at most 500 members and groups together",
    path: ["members"],
  });

/** Input of `groups.create`. */
export const newGroupSchema = z.strictObject({
  name: text(100),
  members: z.array(memberIdSchema).max(10_000).optional(),
});

/** Input of `contacts.list` (R26–R28). */
export const bookQuerySchema = z
  .strictObject({
    tab: z.enum(["customers", "external"]).optional(),
    // May be empty or blank (no filter, as folding leaves nothing); else one line of text.
    query: z.string().max(200).check(charactersOf("line")).optional(),
    group: groupIdSchema.optional(),
    // Long enough for the longest position the book gives out (see decodeCursor).
    cursor: text(16_000).nullable().optional(),
    limit: z.int().min(1).max(200).optional(),
  })
  .optional();

/** Paging options of list operations. */
export const pageSchema = z
  .strictObject({
    cursor: text(1000).nullable().optional(),
    limit: z.int().min(1).max(200).optional(),
  })
  .optional();
