import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { createPartnerbook, type Member, manualClock, type OrganisationId } from "../../src/index.js";
import { fromPglite, migrate, postgresStore, type SqlClient } from "../../src/postgres.js";
import { aCustomer, anEvent, at, daysAfter, seedPeople, trashedOn } from "../../src/testing/records.js";
import { countingClient } from "../support/counting-client.js";
import { freshPglite } from "../support/pglite.js";

// Statements are what a SQL store pays for: each is a round trip to the server. These count what
// reaches it (BEGIN and COMMIT included) for the use-cases whose cost must not grow with their work.

let db: PGlite;
let base: SqlClient;
let counting: ReturnType<typeof countingClient>;

beforeAll(async () => {
  db = await freshPglite();
  base = fromPglite(db);
  await migrate(base);
  counting = countingClient(base);
}, 120_000);

afterAll(() => db.close());

beforeEach(async () => {
  await emptyPartnerbookTables(base);
  counting.statements.length = 0;
});

/** `due` contacts past their retention at day 31, owned in turn by Sato (Acme) and Lee (Globex). */
async function aTrashWithDue(due: number) {
  const store = postgresStore(base);
  const owners: Member[] = await store.transaction(async (tx) => {
    const { sato, lee } = await seedPeople(tx);
    for (let n = 0; n < due; n++) {
      const owner = n % 2 === 0 ? sato : lee;
      await tx.contacts.insert(aCustomer(`con_${n}`, owner, `Due ${n}`, { trash: trashedOn(at) }));
    }
    await tx.contacts.insert(aCustomer("con_live", sato, "Live"));
    return [sato, lee];
  });
  const book = createPartnerbook({
    store: postgresStore(counting.client),
    clock: manualClock(daysAfter(31)),
  });
  counting.statements.length = 0;
  return { book, store, owners };
}

const statementsOn = (table: string) =>
  counting.statements.filter((text) => new RegExp(`\\b${table}\\b`).test(text));

describe("R33: purgeExpired costs a constant number of statements per batch", () => {
  it("1,000 due with batchSize 1,000: at most 5 statements, one delete and one append", async () => {
    const { book, store, owners } = await aTrashWithDue(1_000);
    expect(await book.trash.purgeExpired({ batchSize: 1_000 })).toBe(1_000);
    expect(counting.statements.length).toBeLessThanOrEqual(5);
    expect(statementsOn("partnerbook_contacts")).toHaveLength(1);
    expect(statementsOn("partnerbook_events")).toHaveLength(1);
    // Every contact has its event, in each owner's organisation's log, numbered without a gap.
    for (const owner of owners) {
      const log = await store.transaction((tx) =>
        tx.events.list({ organisationId: owner.organisationId, after: 0, limit: 1_000 }),
      );
      expect(log.map((event) => event.sequence)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(log.every((event) => event.type === "contact_purged" && event.reason === "expired")).toBe(true);
      expect(new Set(log.map((event) => event.type === "contact_purged" && event.ownerId))).toEqual(
        new Set([owner.id]),
      );
    }
    expect((await base.query("select id from partnerbook_contacts")).rows).toEqual([{ id: "con_live" }]);
  }, 60_000);

  it("3 batches take at most 3 × 5 statements", async () => {
    const { book } = await aTrashWithDue(3_000);
    expect(await book.trash.purgeExpired({ batchSize: 1_000 })).toBe(3_000);
    expect(counting.statements.length).toBeLessThanOrEqual(3 * 5);
    expect(counting.statements.filter((text) => text === "BEGIN")).toHaveLength(3);
  }, 60_000);

  it("nothing due: one transaction and its one delete, no append", async () => {
    const { book } = await aTrashWithDue(0);
    expect(await book.trash.purgeExpired()).toBe(0);
    expect(counting.statements).toEqual(["BEGIN", expect.stringContaining("delete from"), "COMMIT"]);
  });
});

describe("R35: a transaction's events are appended in one statement", () => {
  it("N events over several organisations' logs: one statement", async () => {
    const store = postgresStore(counting.client);
    const logs = ["org_b", "org_a", "org_c"] as OrganisationId[];
    const events = Array.from({ length: 30 }, (_, n) => anEvent(`evt_${n}`, null, logs[n % 3]));
    const appended = await store.transaction((tx) => tx.events.appendAll(events));
    expect(counting.statements).toEqual(["BEGIN", expect.stringContaining("partnerbook_events"), "COMMIT"]);
    expect(appended.map((event) => [event.id, event.sequence])).toEqual(
      events.map((event, n) => [event.id, Math.floor(n / 3) + 1]),
    );
  });
});
