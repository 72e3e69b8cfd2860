import { afterAll, beforeEach, describe } from "vitest";
import type { Store, StoreTransaction } from "../ports/store.js";
import { addressBookLookups } from "./address-book.js";
import { concurrencyContract } from "./concurrency.js";
import { writeContract } from "./constraints.js";
import { contactKeyLookups } from "./contact-keys.js";
import { directoryLookups } from "./directory.js";
import { importContract } from "./imports.js";
import { roundTrips } from "./round-trips.js";
import { setWideUpdates } from "./set-updates.js";
import type { Suite } from "./suite.js";
import { transactionContract } from "./transactions.js";
import { trashLookups } from "./trash.js";
import { useCases } from "./use-cases.js";

/** Options of {@link runAdapterConformance}. */
export interface ConformanceOptions {
  /** Runs once after the suite's last test: close the connection, drop the schema. */
  readonly teardown?: () => Promise<void>;
}

/**
 * Registers vitest tests proving that a {@link Store} keeps the storage contract partnerbook's
 * use-cases rely on: every record round-trips, every lookup answers as the memory store does,
 * unique keys and stale versions are refused with `CONFLICT` (missing records with
 * `NOT_FOUND`), a transaction that throws leaves nothing behind, concurrent transactions
 * neither see each other's unfinished writes nor both win a race for one record, and what many
 * app processes rely on holds: R16's count is kept and held, each organisation's event log is
 * gap-free in commit order, clean-ups claim disjoint contacts, and the outbox leases its mail;
 * imports side by side add each person once and keep R16's limit.
 *
 * Call it at the top level of a test file. `makeStore` runs before every test and must return
 * a new, empty store (a fresh schema, or emptied tables).
 *
 * @example
 * // test/my-store.test.ts
 * import { runAdapterConformance } from "partnerbook/testing";
 * runAdapterConformance("my store", async () => myStore(await freshDatabase()));
 */
export function runAdapterConformance(
  name: string,
  makeStore: () => Promise<Store> | Store,
  options: ConformanceOptions = {},
): void {
  describe(`${name}: storage conformance`, () => {
    let current: Store | null = null;
    const suite: Suite = {
      store() {
        if (current === null) throw new Error("the conformance suite's store is used outside a test");
        return current;
      },
      run: <T>(fn: (tx: StoreTransaction) => Promise<T>) => suite.store().transaction(fn),
    };
    beforeEach(async () => {
      current = null;
      current = await makeStore();
    });
    const teardown = options.teardown;
    if (teardown !== undefined) afterAll(teardown);

    roundTrips(suite);
    directoryLookups(suite);
    addressBookLookups(suite);
    contactKeyLookups(suite);
    trashLookups(suite);
    setWideUpdates(suite);
    writeContract(suite);
    transactionContract(suite);
    concurrencyContract(suite);
    useCases(suite);
    importContract(suite);
  });
}
