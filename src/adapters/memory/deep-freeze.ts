/**
 * A Date whose setters throw: `Object.freeze` does not stop `setTime`, which would otherwise
 * let a caller change a stored instant through a record it was handed.
 */
class StoredDate extends Date {
  override setTime(): number {
    throw new TypeError("stored records are read-only");
  }
}
for (const name of Object.getOwnPropertyNames(Date.prototype)) {
  if (name.startsWith("set")) {
    Object.defineProperty(StoredDate.prototype, name, { value: StoredDate.prototype.setTime });
  }
}

// Marks objects this module made: frozen all the way down already, so a record rebuilt by
// spreading a stored one (`{ ...stored, synced }`) copies only what is new. A hidden symbol
// property rather than a WeakSet: millions of weak entries make every garbage collection slow.
const made: unique symbol = Symbol("partnerbook.stored");

/**
 * A frozen copy of a record for the memory store to keep and hand out. Copying means the store
 * shares nothing with the caller's objects; freezing means a careless caller cannot corrupt it.
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Object.hasOwn(value, made)) return value;
  if (value instanceof Date) return remember(new StoredDate(value.getTime())) as T;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [key, inner] of Object.entries(value))
    (copy as Record<string, unknown>)[key] = frozenCopy(inner);
  return remember(copy) as T;
}

function remember<T extends object>(value: T): T {
  Object.defineProperty(value, made, { value: true });
  return Object.freeze(value);
}
