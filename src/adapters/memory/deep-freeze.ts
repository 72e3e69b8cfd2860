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

// Immutable values can be shared freely, and sharing is most of what keeps a stored contact
// small: every empty list of every record is this one array, and a record written at one
// instant (createdAt = updatedAt, a batch of inserts) holds one Date for it.
const emptyList: readonly never[] = Object.freeze([]);
const noBasis = Object.freeze(Object.create(null));
let lastDate: StoredDate = Object.freeze(new StoredDate(0));

function storedDate(value: Date): StoredDate {
  if (value instanceof StoredDate) return value;
  const time = value.getTime();
  if (!Object.is(time, lastDate.getTime())) lastDate = Object.freeze(new StoredDate(time));
  return lastDate;
}

/**
 * A frozen copy of a record for the memory store to keep and hand out. Copying means the store
 * shares nothing mutable with the caller's objects; freezing means a careless caller cannot
 * corrupt it.
 *
 * `stored` is the version of the record the store holds now, if any. Whatever the new record
 * took over from it unchanged (`{ ...stored, synced }` keeps `fields`, dates and lists) is
 * stored data — frozen all the way down already — and is kept, not copied: an update of one
 * field copies that field, not the record's every list and date.
 */
export function frozenCopy<T>(value: T, stored?: T): T {
  if (typeof value !== "object" || value === null || value === stored) return value;
  if (value instanceof Date) return storedDate(value) as T;
  const basis = (typeof stored === "object" && stored !== null ? stored : noBasis) as Record<string, unknown>;
  if (Array.isArray(value)) {
    if (value.length === 0) return emptyList as T;
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++)
      copy[i] = frozenCopy(value[i], Object.hasOwn(basis, i) ? basis[i] : undefined);
    return Object.freeze(copy) as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = frozenCopy(
      (value as Record<string, unknown>)[key],
      Object.hasOwn(basis, key) ? basis[key] : undefined,
    );
  }
  return Object.freeze(copy) as T;
}
