// What leaves the book belongs to the caller. A store may keep its records frozen and share them
// (the memory store hands out what it holds), a use-case may answer with a record it built from
// shared parts (`privateSharing`, one `now` for createdAt and updatedAt): the caller gets none of
// that, only a fresh copy of plain objects, arrays and `Date`s — nothing frozen, nothing shared
// with the store, with another answer, or within itself. Copies rather than frozen values
// because a `Date` cannot be frozen (`Object.freeze` leaves `setTime` working), and because a
// copy is what a database store gives anyway: every store then answers alike.

/**
 * A deep copy of `value` made of plain objects, arrays and `Date`s (a `Date` subclass becomes a
 * plain `Date`), none of them frozen. Anything else — strings, numbers, functions — is itself.
 */
export function ownCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = ownCopy(value[i]);
    return copy as T;
  }
  // A spread keeps the record's shape, so copying is a clone rather than a build, key by key;
  // and it defines each key, so an own `__proto__` key stays a key.
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of Object.keys(copy)) {
    const item = copy[key];
    if (typeof item === "object" && item !== null) copy[key] = ownCopy(item);
  }
  return copy as T;
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";

/** `source`, each item the caller's own copy (a stream such as `contacts.export`). */
async function* ownCopies(source: AsyncIterable<unknown>): AsyncGenerator<unknown> {
  for await (const item of source) yield ownCopy(item);
}

/**
 * `area` with every method answering {@link ownCopy} of what it answered — of what a promise
 * resolves to, or of each item of a stream.
 */
export function withOwnCopies<T extends object>(area: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(area)) {
    wrapped[name] = (...args: unknown[]) => {
      const answer: unknown = (method as (...args: unknown[]) => unknown).apply(area, args);
      if (answer instanceof Promise) return answer.then(ownCopy);
      return isAsyncIterable(answer) ? ownCopies(answer) : ownCopy(answer);
    };
  }
  return wrapped as T;
}
