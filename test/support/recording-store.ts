import {
  createPartnerbook,
  manualClock,
  type PartnerbookOptions,
  type Store,
  type StoreTransaction,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { start, testSecret, type World } from "./builders.js";

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

/**
 * A world like `aWorld`'s whose store writes down every repository call the book makes: the
 * reads behind each answer. `options` go to `createPartnerbook` over the world's own.
 */
export function aRecordingWorld(
  options: Partial<PartnerbookOptions> = {},
): World & { readonly calls: string[] } {
  const store = memoryStore();
  const calls: string[] = [];
  const clock = manualClock(start);
  const book = createPartnerbook({
    store: recordingStore(store, calls),
    clock,
    ids: sequentialIds(),
    secret: testSecret,
    ...options,
  });
  return { book, store, clock, calls };
}
