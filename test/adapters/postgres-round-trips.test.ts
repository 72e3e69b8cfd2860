import { beforeEach, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { isPlainRead } from "../../src/adapters/postgres/store.js";
import { createPartnerbook, manualClock } from "../../src/index.js";
import { postgresStore } from "../../src/postgres.js";
import { aCustomer, at, seedPeople } from "../../src/testing/records.js";
import { countingClient } from "../support/counting-client.js";
import { migratedServerSchema } from "../support/databases.js";

// Round trips are what a server deployment pays per use-case. A store on a client that can
// lend it a connection (fromPg) begins the transaction only before its first write or locking
// read: a use-case that only reads sends its reads alone. These count what reaches the server.

describe("isPlainRead: what may run before BEGIN", () => {
  it("plain SELECTs and WITH … SELECTs, nothing that writes or locks", () => {
    expect(isPlainRead("select id from partnerbook_contacts where id = $1")).toBe(true);
    expect(isPlainRead("  with page as (select 1) select * from page")).toBe(true);
    expect(isPlainRead("select updated_at from partnerbook_contacts")).toBe(true);
    for (const text of [
      "select id from partnerbook_contacts where id = $1 for update",
      "select live from partnerbook_contact_counts where organisation_id = $1 FOR UPDATE",
      "select 1 from partnerbook_groups for share",
      "select 1 from partnerbook_groups for key share",
      "with due as (select id from t) delete from t where id in (select id from due)",
      "with x as (insert into t values (1) returning 1) select * from x",
      "select pg_advisory_xact_lock(1)",
      "select nextval('s')",
      "update t set a = 1",
      "insert into t values (1)",
      "BEGIN",
      "lock table t",
    ]) {
      expect(isPlainRead(text), text).toBe(false);
    }
  });
});

const url = process.env.PARTNERBOOK_POSTGRES_URL;

if (url === undefined || url === "") {
  describe("round trips on a real server", () => {
    it("run only when PARTNERBOOK_POSTGRES_URL is set, and it is not", () => {
      expect(url ?? "").toBe("");
    });
  });
} else {
  const { pool, client: base } = migratedServerSchema(url, "partnerbook_trips");
  const counting = countingClient(base);

  beforeEach(async () => {
    await emptyPartnerbookTables(base);
  });

  async function aBook() {
    const people = await postgresStore(base).transaction(async (tx) => {
      const people = await seedPeople(tx);
      await tx.contacts.insert(aCustomer("con_1", people.sato, "やまだ"));
      return people;
    });
    const book = createPartnerbook({ store: postgresStore(counting.client), clock: manualClock(at) });
    counting.statements.length = 0;
    return { book, ...people };
  }

  describe("round trips on a real server", () => {
    it("R21, R26: a use-case that only reads sends its reads alone — no BEGIN, no COMMIT", async () => {
      const { book, sato } = await aBook();
      const contact = await book.contacts.get(sato.id, "con_1" as never);
      expect(contact.id).toBe("con_1");
      expect(counting.statements).toHaveLength(2);
      const page = await book.contacts.list(sato.id, {});
      expect(page.items.map((item) => item.contact.id)).toEqual(["con_1"]);
      const found = await book.contacts.list(sato.id, { query: "やま" });
      expect(found.items.map((item) => item.contact.id)).toEqual(["con_1"]);
      expect(counting.statements).toHaveLength(6);
      expect(counting.statements.filter((text) => /^(BEGIN|COMMIT)$/.test(text))).toEqual([]);
    });

    it("R24, R25: an edit begins before its locking read and commits its write and its event together", async () => {
      const { book, sato } = await aBook();
      const edited = await book.contacts.edit(
        sato.id,
        "con_1" as never,
        { memo: "展示会" },
        { expectedVersion: 1 },
      );
      expect(edited.version).toBe(2);
      const begin = counting.statements.indexOf("BEGIN");
      expect(begin).toBeGreaterThan(-1);
      expect(
        counting.statements.slice(begin + 1).every((text) => !isPlainRead(text) || text === "COMMIT"),
      ).toBe(true);
      expect(counting.statements.at(-1)).toBe("COMMIT");
      const { rows } = await base.query(
        "select (select fields ->> 'memo' from partnerbook_contacts where id = 'con_1') as memo, (select count(*)::int from partnerbook_events where type = 'contact_edited') as events",
      );
      expect(rows).toEqual([{ memo: "展示会", events: 1 }]);
    });

    it("a use-case refused after it began leaves nothing behind, and its connection goes back clean", async () => {
      const { book, suzuki } = await aBook();
      // Suzuki may not edit Sato's private contact: refused after the locking read began the transaction.
      await expect(
        book.contacts.edit(suzuki.id, "con_1" as never, { memo: "x" }, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ name: "PartnerbookError" });
      // Every connection of the pool is usable, outside any transaction.
      for (let i = 0; i < 4; i++) {
        const { rows } = await pool.query("select now() = statement_timestamp() as outside");
        expect(rows).toEqual([{ outside: true }]);
      }
      const { rows } = await base.query(
        "select version, fields ->> 'memo' as memo from partnerbook_contacts",
      );
      expect(rows).toEqual([{ version: 1, memo: null }]);
    });
  });
}
