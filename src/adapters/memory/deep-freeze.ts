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

/**
 * A frozen copy of a record for the memory store to keep and hand out. Copying means the store
 * shares nothing with the caller's objects; freezing means a careless caller cannot corrupt it.
 */
export function frozenCopy<T>(value: T): T {
  if (value instanceof Date) return Object.freeze(new StoredDate(value.getTime())) as T;
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [key, inner] of Object.entries(value))
    (copy as Record<string, unknown>)[key] = frozenCopy(inner);
  return Object.freeze(copy) as T;
}
