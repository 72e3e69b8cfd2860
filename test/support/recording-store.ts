import type { Store, StoreTransaction } from "../../src/index.js";

/**
 * `store`, writing down in `calls` every repository call made through it ("members.getParty",
 * …). On a SQL store each call is one round trip: the part of an operation's time that a caller
 * can measure from outside, and so what R10 asks to be the same for every reason of a refusal.
 */
export function recordingStore(store: Store, calls: string[]): Store {
  return { transaction: (fn) => store.transaction((tx) => fn(recording(tx, calls))) };
}

function recording(tx: StoreTransaction, calls: string[]): StoreTransaction {
  const repositories = Object.entries(tx).map(([repository, methods]) => [
    repository,
    new Proxy(methods as object, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(`${repository}.${String(name)}`);
          return value.apply(target, args);
        };
      },
    }),
  ]);
  return Object.fromEntries(repositories) as StoreTransaction;
}
