import * as z from "zod/mini";
import { jsContactVendorProperties as vendor } from "./types.js";

// The shapes of the JSContact objects partnerbook reads (RFC 9553 §2). Loose: other properties,
// vendor ones included, are allowed and ignored. Only what partnerbook takes is checked.

const text = z.string();
const flags = z.optional(z.record(z.string(), z.boolean()));
const label = z.optional(text);

export const nameComponentSchema = z.looseObject({ kind: text, value: text, phonetic: z.optional(text) });
export const nameSchema = z.looseObject({
  components: z.optional(z.array(z.unknown())),
  full: z.optional(text),
});
export const nicknameSchema = z.looseObject({ name: text });
export const organizationSchema = z.looseObject({
  name: z.optional(text),
  units: z.optional(z.array(z.looseObject({ name: text }))),
});
export const titleSchema = z.looseObject({ name: text, kind: z.optional(text) });
export const phoneSchema = z.looseObject({
  number: text,
  label,
  contexts: flags,
  features: flags,
  [vendor.raw]: z.optional(text),
});
export const emailSchema = z.looseObject({ address: text, label, contexts: flags });
export const addressSchema = z.looseObject({
  full: z.optional(text),
  components: z.optional(z.array(z.looseObject({ kind: text, value: text }))),
  defaultSeparator: z.optional(text),
  isOrdered: z.optional(z.boolean()),
  contexts: flags,
  [vendor.label]: label,
});
export const linkSchema = z.looseObject({ uri: text, label, contexts: flags });
export const onlineServiceSchema = z.looseObject({
  service: z.optional(text),
  user: z.optional(text),
  uri: z.optional(text),
  label,
});
const day = z.optional(z.int());
export const anniversarySchema = z.looseObject({
  kind: text,
  // A PartialDate ({ year?, month?, day? }) or a Timestamp ({ "@type": "Timestamp", utc }).
  date: z.looseObject({ year: day, month: day, day, utc: z.optional(text) }),
  [vendor.label]: label,
});
export const noteSchema = z.looseObject({ note: text });
export const mediaSchema = z.looseObject({ kind: text, uri: text });
export const keywordsSchema = z.record(z.string(), z.boolean());
export const stringsSchema = z.array(text);
export const customFieldSchema = z.looseObject({ label: z.optional(z.nullable(text)), value: text });
