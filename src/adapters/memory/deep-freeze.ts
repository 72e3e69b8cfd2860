// Immutable values can be shared freely, and sharing is most of what keeps a stored contact
// small: every empty list of every record is this one array, and a record written at one
// instant (createdAt = updatedAt, a batch of inserts) holds one Date for it.
const emptyList: readonly never[] = Object.freeze([]);
const noBasis = Object.freeze(Object.create(null));

// The Dates the store made, and only those, are shared: `Object.freeze` does not stop a Date's
// setters, so a caller's Date — frozen or not — is copied, never kept. The store's own are never
// set: the use-cases build new records, and the book hands out copies (src/app/own-copy.ts).
const storedDates = new WeakSet<Date>();
let lastDate: Date | null = null;

function storedDate(value: Date): Date {
  if (storedDates.has(value)) return value;
  const time = value.getTime();
  if (lastDate === null || !Object.is(time, lastDate.getTime())) {
    lastDate = Object.freeze(new Date(time));
    storedDates.add(lastDate);
  }
  return lastDate;
}

/**
 * A frozen copy of a record for the memory store to keep and hand out. Copying means the store
 * shares nothing mutable with the caller's objects; freezing means a use-case that changed a
 * record it read, rather than building a new one, fails at once instead of changing the store
 * behind its transaction's back.
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
