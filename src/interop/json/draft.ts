import { emptyOwnerFields, type OwnerFields } from "../../domain/contact.js";

/** The owner's fields of the record a JSON reader is filling, with lists it can push to. */
export type OwnerFieldsDraft = {
  -readonly [K in keyof OwnerFields]: OwnerFields[K] extends readonly (infer T)[] ? T[] : OwnerFields[K];
};

/** A draft with nothing in it, and lists of its own. */
export function emptyOwnerFieldsDraft(): OwnerFieldsDraft {
  return {
    ...emptyOwnerFields,
    phones: [],
    emails: [],
    addresses: [],
    websites: [],
    messengers: [],
    dates: [],
    tags: [],
    customFields: [],
  };
}
