import { PartnerbookError } from "../../errors.js";

type Versioned = { readonly id: string; readonly version: number };

/** A write the stored records refuse: a taken key, or a stale version. */
export function conflict(message: string): PartnerbookError {
  return new PartnerbookError("CONFLICT", message);
}

/** Refuses a write to a record that is missing or no longer at the version the caller read. */
export function checkVersion(stored: Versioned | undefined, id: string, expected: number): asserts stored {
  if (stored === undefined) throw new PartnerbookError("NOT_FOUND", `no record ${id}`);
  if (stored.version !== expected) {
    throw conflict(`${id} is at version ${stored.version}, not ${expected}`);
  }
}
