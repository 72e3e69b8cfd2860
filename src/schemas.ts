import * as z from "zod/mini";
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
const text = (max: number) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max), charactersOf("line"));
const optionalText = (max: number) => z.optional(z.nullable(text(max)));

/** Text that spans lines by nature (an address, a custom field's value): CRLF kept as LF. */
const multilineText = (max: number) =>
  z
    .string()
    .check(
      z.overwrite(normaliseLineBreaks),
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      charactersOf("multiline"),
    );

/** An id that the domain knows by its brand. */
const id = <Id extends string>() =>
  z.pipe(
    text(maxIdLength),
    z.transform((value: string) => value as Id),
  );

/** An id as the API hands it out. */
export const organisationIdSchema = id<OrganisationId>();
/** @see organisationIdSchema */
export const memberIdSchema = id<MemberId>();
/** @see organisationIdSchema */
export const invitationIdSchema = id<InvitationId>();
/** @see organisationIdSchema */
export const contactIdSchema = id<ContactId>();

/** An opaque token from a QR code or invitation. */
export const tokenSchema = text(200);

/** R7: works IDs are letters, digits and `. _ - @`, up to 100 characters. */
export const worksIdSchema = text(100).check(
  z.regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ - @ only"),
);

/** A phone number as typed; R8 normalisation happens in the use-case, with the region. */
export const phoneInputSchema = text(40);

/** An email address; zod's format check, and the text rules it does not make. */
export const emailSchema = z.email().check(z.maxLength(254), charactersOf("line"));

/**
 * A profile photo: an http(s) URL. The text rules see it as typed, before `z.url`, which takes
 * NUL and lone surrogates and quietly drops tabs and line breaks.
 */
const photoUrlSchema = z.pipe(
  z.string().check(z.maxLength(2000), charactersOf("line")),
  z.url({ protocol: /^https?$/ }),
);

export const planSchema = z.enum(["free", "standard", "advanced"]);

const profileShape = {
  displayName: text(100),
  familyName: optionalText(100),
  givenName: optionalText(100),
  nickname: optionalText(100),
  photoUrl: z.optional(z.nullable(photoUrlSchema)),
  mobilePhone: z.optional(z.nullable(phoneInputSchema)),
  email: z.optional(z.nullable(emailSchema)),
};

/** Input of `members.create` (and the first admin of `organisations.create`). */
export const newMemberSchema = z.strictObject({
  ...profileShape,
  worksId: worksIdSchema,
  allowSearchByPhone: z.optional(z.boolean()),
});

/** Input of `members.updateProfile`: any subset; `null` clears an optional field. */
export const profilePatchSchema = z.partial(z.strictObject(profileShape));

/** Input of `organisations.create`. */
export const newOrganisationSchema = z.strictObject({
  name: text(200),
  plan: z._default(planSchema, "free"),
  trashRetentionDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
  invitationExpiryDays: z.optional(z.int().check(z.minimum(1), z.maximum(365))),
  admin: newMemberSchema,
});

const idList = <T>(item: z.ZodMiniType<T, string>) => z.array(item).check(z.maxLength(100_000));

/** Input of `organisations.setLinkingPolicy`: any subset of the policy (R1–R4). */
export const linkingPolicyPatchSchema = z.strictObject({
  enabled: z.optional(z.boolean()),
  scope: z.optional(
    z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("all") }),
      z.strictObject({ kind: z.literal("listed"), members: idList(memberIdSchema) }),
    ]),
  ),
  partners: z.optional(
    z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("any") }),
      z.strictObject({ kind: z.literal("allow"), organisations: idList(organisationIdSchema) }),
      z.strictObject({ kind: z.literal("block"), organisations: idList(organisationIdSchema) }),
    ]),
  ),
});

/** R21: every list on a contact holds at most 100 items; each list may be left out. */
const optionalList = <T extends z.ZodMiniType>(item: T) => z.optional(z.array(item).check(z.maxLength(100)));
const labelled = (value: z.ZodMiniType<string, string>) =>
  z.strictObject({ label: optionalText(100), value });
const photoUrl = z.optional(z.nullable(photoUrlSchema));

/** An address-book group id. */
export const groupIdSchema = id<GroupId>();

/** R24: the owner's own fields of a contact, each optional; `null` clears. */
const ownerFieldShape = {
  familyName: optionalText(100),
  givenName: optionalText(100),
  familyNameReading: optionalText(100),
  givenNameReading: optionalText(100),
  department: optionalText(200),
  title: optionalText(200),
  phones: optionalList(z.strictObject({ label: optionalText(100), number: phoneInputSchema })),
  emails: optionalList(z.strictObject({ label: optionalText(100), address: emailSchema })),
  addresses: optionalList(labelled(multilineText(1000))),
  websites: optionalList(labelled(text(1000))),
  messengers: optionalList(labelled(text(1000))),
  dates: optionalList(
    z.strictObject({
      label: text(100),
      date: z.string().check(z.regex(/^(\d{4}|-)-\d{2}-\d{2}$/, "YYYY-MM-DD or --MM-DD")),
    }),
  ),
  // R21: up to 4,000 characters, kept as typed (not trimmed, may be empty), line breaks as LF.
  memo: z.optional(
    z.nullable(
      z.string().check(z.overwrite(normaliseLineBreaks), z.maxLength(4000), charactersOf("multiline")),
    ),
  ),
  tags: optionalList(text(100)),
  // A custom field ("billing address", "notes for the next visit") is free text, so it may
  // span lines as a memo does; its label is a name.
  customFields: optionalList(labelled(multilineText(1000))),
  groups: optionalList(groupIdSchema),
};

/** A customer contact's nickname, company and photo: typed in by the owner (R14). */
const customerProfileShape = {
  nickname: optionalText(100),
  company: optionalText(200),
  photoUrl,
};

/** Input of `contacts.addCustomer` (R14, R21, R22). */
export const newCustomerSchema = z.strictObject({ ...ownerFieldShape, ...customerProfileShape }).check(
  z.refine((c) => Boolean(c.familyName || c.givenName), {
    message: "R22: a customer contact needs a family or given name",
    path: ["familyName"],
  }),
  z.refine((c) => (c.phones?.length ?? 0) + (c.emails?.length ?? 0) > 0, {
    message: "R22: a customer contact needs a phone or an email",
    path: ["phones"],
  }),
);

/**
 * Input of `contacts.edit` (R24, R25): any subset of the owner's fields; on a customer contact
 * also `profile` (nickname, company, photo). Synced fields are not part of it.
 */
export const contactPatchSchema = z.strictObject({
  ...ownerFieldShape,
  profile: z.optional(z.strictObject(customerProfileShape)),
});

/** Options of every change to an existing contact: the version it was made on (R25). */
export const expectedVersionSchema = z.strictObject({ expectedVersion: z.int().check(z.minimum(1)) });

/** Input of `contacts.share` (R27). */
export const sharingSchema = z
  .discriminatedUnion("visibility", [
    z.strictObject({ visibility: z.literal("private"), coEditing: z.optional(z.boolean()) }),
    z.strictObject({ visibility: z.literal("organisation"), coEditing: z.optional(z.boolean()) }),
    z.strictObject({
      visibility: z.literal("members"),
      members: z.optional(z.array(memberIdSchema).check(z.maxLength(500))),
      groups: z.optional(z.array(groupIdSchema).check(z.maxLength(500))),
      coEditing: z.optional(z.boolean()),
    }),
  ])
  .check(
    z.refine((s) => s.visibility !== "members" || (s.members?.length ?? 0) + (s.groups?.length ?? 0) <= 500, {
      message: "R27: at most 500 members and groups together",
      path: ["members"],
    }),
  );

/** Input of `groups.create`. */
export const newGroupSchema = z.strictObject({
  name: text(100),
  members: z.optional(z.array(memberIdSchema).check(z.maxLength(10_000))),
});

/** Input of `contacts.list` (R26–R28). */
export const bookQuerySchema = z.optional(
  z.strictObject({
    tab: z.optional(z.enum(["customers", "external"])),
    // May be empty or blank (no filter, as folding leaves nothing); else one line of text.
    query: z.optional(z.string().check(z.maxLength(200), charactersOf("line"))),
    group: z.optional(groupIdSchema),
    // Long enough for the longest position the book gives out (see decodeCursor).
    cursor: optionalText(16_000),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
  }),
);

/** Paging options of list operations. */
export const pageSchema = z.optional(
  z.strictObject({
    cursor: optionalText(1000),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(200))),
  }),
);
