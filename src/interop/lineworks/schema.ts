import * as z from "zod/mini";

// The shapes of a LINE WORKS contact's parts that partnerbook reads. Loose: properties
// partnerbook does not use (`createdTime`, `primary`…) are allowed.

const text = z.string();
const typed = { type: text, customType: z.optional(z.nullable(text)) };

export const contactNameSchema = z.looseObject({
  lastName: z.optional(z.nullable(text)),
  firstName: z.optional(z.nullable(text)),
  phoneticLastName: z.optional(z.nullable(text)),
  phoneticFirstName: z.optional(z.nullable(text)),
  nickName: z.optional(z.nullable(text)),
});
export const organizationSchema = z.looseObject({
  name: z.optional(z.nullable(text)),
  department: z.optional(z.nullable(text)),
  title: z.optional(z.nullable(text)),
  primary: z.optional(z.boolean()),
});
export const telephoneSchema = z.looseObject({ ...typed, telephone: text });
export const emailSchema = z.looseObject({ ...typed, email: text });
// `address` as partnerbook writes it; the legacy API's parts are read when there is none.
const part = z.optional(z.nullable(text));
export const locationSchema = z.looseObject({
  ...typed,
  address: part,
  zipCode: part,
  state: part,
  city: part,
  street: part,
  country: part,
});
export const websiteSchema = z.looseObject({ ...typed, url: text });
export const messengerSchema = z.looseObject({ protocol: z.looseObject(typed), id: text });
export const eventSchema = z.looseObject({ ...typed, date: text });
export const permissionSchema = z.looseObject({
  accessibleRange: z.enum(["ALL", "MEMBER"]),
  masterUserId: z.optional(text),
  isCoEditing: z.optional(z.boolean()),
  accessibleMembers: z.optional(z.array(z.looseObject({ id: text, type: text })).check(z.maxLength(500))),
});
export const linkedExternalUserSchema = z.looseObject({
  id: text,
  type: text,
  buddyUserIds: z.optional(z.array(text)),
});
export const customValueSchema = z.union([text, z.array(text)]);
