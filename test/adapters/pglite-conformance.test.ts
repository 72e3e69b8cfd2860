import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { asOrganisationId, type Contact, searchTextOf, sortKeyOf } from "../../src/index.js";
import { fromPglite, migrate, migrations, postgresStore, type SqlClient } from "../../src/postgres.js";
import {
  aCustomer,
  aLinkedContact,
  anOrganisation,
  everyOwnerField,
  seedPeople,
} from "../../src/testing/records.js";
import { runAdapterConformance } from "../../src/testing.js";

// One PGlite per file (it takes seconds and hundreds of MB to start); each test empties it.
let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  db = await PGlite.create();
  client = fromPglite(db);
  await migrate(client);
}, 120_000);

afterAll(() => db.close());

runAdapterConformance("postgres store on PGlite", async () => {
  await emptyPartnerbookTables(client);
  return postgresStore(client);
});

describe("postgres store on PGlite: what only SQL can get wrong", () => {
  beforeEach(() => emptyPartnerbookTables(client));

  it("migrate is idempotent and records each migration once", async () => {
    expect(await migrate(client)).toEqual({ applied: [] });
    const { rows } = await client.query("select version, name from partnerbook_migrations");
    expect(rows).toEqual([{ version: 1, name: "address book" }]);
  });

  it("migrate applies only the migrations it has not recorded yet", async () => {
    const extra = {
      version: 1000,
      name: "test only",
      statements: ["create table partnerbook_test_only (x integer)"],
    };
    try {
      expect(await migrate(client, [...migrations, extra])).toEqual({ applied: [1000] });
      expect(await migrate(client, [...migrations, extra])).toEqual({ applied: [] });
    } finally {
      await client.query("drop table if exists partnerbook_test_only");
      await client.query("delete from partnerbook_migrations where version = 1000");
    }
  });

  it("R26, R28: sort_key and search_text hold what sortKeyOf and searchTextOf say, after sync too", async () => {
    const store = postgresStore(client);
    const contact = await store.transaction(async (tx) => {
      const { sato, lee } = await seedPeople(tx);
      const linked = aLinkedContact("con_1", sato, lee, { fields: everyOwnerField });
      await tx.contacts.insert(linked);
      await tx.contacts.syncCompany(lee.organisationId, "株式会社グローベックス");
      return (await tx.contacts.get(linked.id)) as Contact;
    });
    const { rows } = await client.query("select sort_key, search_text from partnerbook_contacts");
    expect(rows).toEqual([{ sort_key: sortKeyOf(contact), search_text: searchTextOf(contact) }]);
    expect(searchTextOf(contact)).toContain("ぐろーべっくす");
  });

  it("a value outside a check constraint is refused as VALIDATION", async () => {
    const store = postgresStore(client);
    const { sato } = await store.transaction(seedPeople);
    const tooLong = aCustomer("con_1", sato, "Long", {
      fields: { ...everyOwnerField, memo: "x".repeat(4001) },
    });
    await expect(store.transaction((tx) => tx.contacts.insert(tooLong))).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("a refused statement fails its whole transaction, even when the function catches the error", async () => {
    const store = postgresStore(client);
    await store.transaction((tx) => tx.organisations.insert(anOrganisation("org_1")));
    const caught = store.transaction(async (tx) => {
      await tx.organisations.insert(anOrganisation("org_2"));
      await tx.organisations.insert(anOrganisation("org_1")).catch(() => undefined);
      return "finished";
    });
    await expect(caught).rejects.toMatchObject({ name: "PartnerbookError", code: "CONFLICT" });
    expect(await store.transaction((tx) => tx.organisations.get(asOrganisationId("org_2")))).toBeNull();
  });
});
