// Filling a store fast: records are written straight through
// `store.transaction(tx => tx.….insert(…))` in batches, not through the public API (which would
// parse, check limits and record an event per contact). Everything here goes through the
// `Store` port only, so the same worlds can be built on any adapter: pass its `makeStore`.

import {
  createPartnerbook,
  fixedWindowRateLimiter,
  manualClock,
  type Organisation,
  type Partnerbook,
  type Store,
  type StoreTransaction,
} from "partnerbook";
import { fixtureTime } from "./seeded.js";

/** Makes an empty store of the adapter under test. */
export type MakeStore = () => Store | Promise<Store>;

/** Contacts (or members) per store transaction while filling. */
const batchSize = 5_000;

/** Writes records in batches, one store transaction per batch. */
export async function insertAll<T>(
  store: Store,
  count: number,
  make: (index: number) => T,
  insert: (tx: StoreTransaction, record: T) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const records: T[] = [];
    for (let i = start; i < end; i++) records.push(make(i));
    await store.transaction(async (tx) => {
      for (const record of records) await insert(tx, record);
    });
  }
}

export async function insertOrganisations(
  store: Store,
  organisations: readonly Organisation[],
): Promise<void> {
  await store.transaction(async (tx) => {
    for (const organisation of organisations) await tx.organisations.insert(organisation);
  });
}

/** The partnerbook the benches call: a fixed clock, and a search quota no bench reaches. */
export function benchPartnerbook(store: Store): Partnerbook {
  return createPartnerbook({
    store,
    clock: manualClock(new Date(fixtureTime.getTime() + 24 * 60 * 60 * 1000)),
    // The real fixed-window limiter (same cost per search), with a quota no bench reaches.
    searchLimiter: fixedWindowRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }),
  });
}
