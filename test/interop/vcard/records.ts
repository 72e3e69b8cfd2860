import type { ContactRecord } from "../../../src/interop.js";
import { emptyContactRecord } from "../../../src/interop.js";

type Fields = ContactRecord["fields"];

/** A record with only the given fields and profile values set: what a card with little in it gives. */
export function aRecord(
  fields: Partial<Fields>,
  rest: Partial<Omit<ContactRecord, "fields">> = {},
): ContactRecord {
  return {
    ...emptyContactRecord,
    ...rest,
    fields: { ...emptyContactRecord.fields, ...fields },
    profile: { ...emptyContactRecord.profile, ...rest.profile },
  };
}
