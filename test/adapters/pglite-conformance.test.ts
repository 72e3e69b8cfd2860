import type { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyPartnerbookTables } from "../../src/adapters/postgres/empty-tables.js";
import { hashToken } from "../../src/app/tokens.js";
import {
  asGroupId,
  asMemberId,
  asOrganisationId,
  type Contact,
  createPartnerbook,
  type Member,
  searchTextOf,
  sortKeyOf,
} from "../../src/index.js";
import { outboxMailer } from "../../src/memory.js";
import { fromPglite, migrate, migrations, postgresStore, type SqlClient } from "../../src/postgres.js";
import {
  aCustomer,
  aLinkedContact,
  anEvent,
  anOrganisation,
  appendEvent,
  at,
  everyOwnerField,
  seedPeople,
  trashedOn,
} from "../../src/testing/records.js";
import { bookQuery, viewerOf } from "../../src/testing/suite.js";
import { runAdapterConformance } from "../../src/testing.js";
import { testSecret } from "../support/builders.js";
import { freshPglite } from "../support/pglite.js";

// One PGlite per file (it takes seconds and hundreds of MB to start); each test empties it.
let db: PGlite;
let client: SqlClient;

beforeAll(async () => {
  db = await freshPglite();
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
    expect(rows).toEqual(migrations.map(({ version, name }) => ({ version, name })));
  });

  it("migration 2 upgrades a version-1 database: R16 counts from the contacts, one log per organisation, no event lost", async () => {
    const old = await freshPglite();
    try {
      const legacy = fromPglite(old);
      await migrate(legacy, migrations.slice(0, 1));
      await legacy.transaction(async (sql) => {
        const store = postgresStore({ query: sql.query, transaction: (fn) => fn(sql) });
        await store.transaction(async (tx) => {
          const { acme, sato, lee } = await seedPeople(tx);
          await tx.contacts.insert(aLinkedContact("con_1", sato, lee));
          await tx.contacts.insert(aCustomer("con_2", sato, "Customer"));
          await tx.contacts.insert({ ...aCustomer("con_3", sato, "Trashed"), trash: trashedOn(at) });
          return acme;
        });
      });
      // Version 1's single log: one event per way an organisation is found, and one with none.
      const v1 = [
        ["evt_org", { type: "organisation_created", organisationId: "org_acme", plan: "free" }, null],
        ["evt_member", { type: "phone_search_changed", memberId: "mem_lee", allowed: true }, "mem_lee"],
        ["evt_contact", { type: "contact_edited", contactId: "con_2", fields: ["memo"] }, "mem_sato"],
        ["evt_actor", { type: "contact_purged", contactId: "con_gone", reason: "owner" }, "mem_sato"],
        ["evt_orphan", { type: "contact_purged", contactId: "con_gone", reason: "expired" }, null],
      ] as const;
      for (const [id, payload, actor] of v1) {
        await legacy.query(
          `insert into partnerbook_events (sequence, id, type, at, actor_id, payload)
           select last_sequence + 1, $1, $2, now(), $3, $4::jsonb from partnerbook_event_counter`,
          [id, payload.type, actor, JSON.stringify(payload)],
        );
        await legacy.query("update partnerbook_event_counter set last_sequence = last_sequence + 1");
      }
      expect(await migrate(legacy)).toEqual({ applied: migrations.slice(1).map((m) => m.version) });
      const counts = await legacy.query(
        "select organisation_id, live from partnerbook_contact_counts order by 1",
      );
      expect(counts.rows).toEqual([
        { organisation_id: "org_acme", live: 2 },
        { organisation_id: "org_globex", live: 0 },
      ]);
      const events = await legacy.query(
        "select organisation_id, sequence::integer as sequence, id from partnerbook_events order by 1, 2",
      );
      expect(events.rows).toEqual([
        { organisation_id: "org_acme", sequence: 1, id: "evt_org" },
        { organisation_id: "org_acme", sequence: 2, id: "evt_contact" },
        { organisation_id: "org_acme", sequence: 3, id: "evt_actor" },
        { organisation_id: "org_globex", sequence: 1, id: "evt_member" },
      ]);
      // Migration 3: who each event is about, from its payload or its contact's owner.
      const subjects = await legacy.query("select id, subject_id from partnerbook_events order by id");
      expect(subjects.rows).toEqual([
        { id: "evt_actor", subject_id: null },
        { id: "evt_contact", subject_id: "mem_sato" },
        { id: "evt_member", subject_id: "mem_lee" },
        { id: "evt_org", subject_id: null },
      ]);
      const kept = await legacy.query("select count(*)::integer as n from partnerbook_events_v1");
      expect(kept.rows).toEqual([{ n: 5 }]);
      // The next event of each log follows on from the split.
      const store = postgresStore(legacy);
      const next = await store.transaction((tx) =>
        appendEvent(tx, anEvent("evt_next", null, asOrganisationId("org_acme"))),
      );
      expect(next.sequence).toBe(4);
    } finally {
      await old.close();
    }
  }, 60_000);

  it("R13, R20: migration 3 upgrades a version-2 database's plain QR token to its hash: it still adds, until the code is next shown", async () => {
    const old = await freshPglite();
    try {
      const legacy = fromPglite(old);
      await migrate(legacy, migrations.slice(0, 2));
      await postgresStore(legacy).transaction(seedPeople);
      const plain = "V1StGXR8_Z5jdHi6B-myTq3xK9pLm2Nw";
      await legacy.query("insert into partnerbook_qr_codes (member_id, token) values ($1, $2)", [
        "mem_lee",
        plain,
      ]);
      expect(await migrate(legacy, migrations.slice(0, 3))).toEqual({ applied: [3] });

      const { rows } = await legacy.query("select * from partnerbook_qr_codes");
      expect(rows).toEqual([{ member_id: "mem_lee", generation: 0, token_hash: await hashToken(plain) }]);
      const columns = await legacy.query(
        `select column_name from information_schema.columns
         where table_name = 'partnerbook_qr_codes' order by column_name`,
      );
      expect(columns.rows.map((row) => row.column_name)).toEqual(["generation", "member_id", "token_hash"]);

      const book = createPartnerbook({ store: postgresStore(legacy), secret: testSecret });
      const lee = asMemberId("mem_lee");
      const added = await book.contacts.addFromQr(asMemberId("mem_sato"), plain);
      expect(added).toMatchObject({ status: "added", contact: { targetMemberId: lee } });
      // The old token cannot be shown again (only its hash is kept): showing the code issues a
      // derived one, and the plain token stops working.
      const { token } = await book.qrCodes.mine(lee);
      expect(token).not.toBe(plain);
      expect((await legacy.query("select generation from partnerbook_qr_codes")).rows).toEqual([
        { generation: 1 },
      ]);
      await expect(book.contacts.addFromQr(asMemberId("mem_suzuki"), plain)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await book.contacts.addFromQr(asMemberId("mem_suzuki"), token)).toMatchObject({
        status: "added",
      });
    } finally {
      await old.close();
    }
  }, 60_000);

  it("R24, R27: migration 4 gives the contacts of a version-3 database their book entries, and the book pages as before", async () => {
    const old = await freshPglite();
    try {
      const legacy = fromPglite(old);
      await migrate(legacy, migrations.slice(0, 3));
      const shared = { coEditing: false } as const;
      const { sato, suzuki } = await postgresStore(legacy).transaction(async (tx) => {
        const people = await seedPeople(tx);
        const { sato, suzuki } = people;
        const contacts = [
          aCustomer("con_private", sato, "あべ", { groups: [asGroupId("grp_filed")] }),
          aCustomer("con_members", sato, "いとう", {
            sharing: { visibility: "members", members: [suzuki.id], groups: [asGroupId("grp_a")], ...shared },
          }),
          aCustomer("con_wide", sato, "うえだ", { sharing: { visibility: "organisation", ...shared } }),
          aCustomer("con_trashed", sato, "えんどう", {
            groups: [asGroupId("grp_filed")],
            sharing: { visibility: "members", members: [suzuki.id], groups: [], ...shared },
            trash: trashedOn(at),
          }),
        ];
        for (const contact of contacts) await tx.contacts.insert(contact);
        return people;
      });
      expect(await migrate(legacy, migrations.slice(0, 4))).toEqual({ applied: [4] });

      const { rows } = await legacy.query(
        "select entry, sort_key, contact_id from partnerbook_book_entries order by entry, contact_id",
      );
      expect(rows).toEqual([
        { entry: "filed:grp_filed", sort_key: "あべ", contact_id: "con_private" },
        { entry: "group:grp_a", sort_key: "いとう", contact_id: "con_members" },
        { entry: `member:${suzuki.id}`, sort_key: "いとう", contact_id: "con_members" },
      ]);
      const book = (viewer: Member, groups: string[] = []) =>
        postgresStore(legacy).transaction(async (tx) =>
          (await tx.contacts.listBook(bookQuery(viewerOf(viewer, groups)))).items.map(
            (contact) => contact.id,
          ),
        );
      expect(await book(sato)).toEqual(["con_private", "con_members", "con_wide"]);
      expect(await book(suzuki)).toEqual(["con_members", "con_wide"]);
    } finally {
      await old.close();
    }
  }, 60_000);

  it("R15: migration 5 indexes the contacts of a version-4 database by phone and email, and an import finds them", async () => {
    const old = await freshPglite();
    try {
      const legacy = fromPglite(old);
      await migrate(legacy, migrations.slice(0, 4));
      const { sato } = await postgresStore(legacy).transaction(async (tx) => {
        const people = await seedPeople(tx);
        await tx.contacts.insert(aCustomer("con_known", people.sato, "Known", { fields: everyOwnerField }));
        await tx.contacts.insert(aCustomer("con_other", people.suzuki, "Other", { fields: everyOwnerField }));
        return people;
      });
      expect(await migrate(legacy)).toEqual({ applied: [5] });
      const { rows } = await legacy.query(
        "select indexname from pg_indexes where indexname = 'partnerbook_contacts_contact_points'",
      );
      expect(rows).toHaveLength(1);
      const found = await postgresStore(legacy).transaction((tx) =>
        tx.contacts.findByOwnerAndContactPoints(sato.id, {
          phones: [],
          emails: ["taro.yamada@example.co.jp"],
        }),
      );
      expect(found.map((contact) => contact.id)).toEqual(["con_known"]);
    } finally {
      await old.close();
    }
  }, 60_000);

  it("R20: the outbox keeps the sealed message as a JSON string; a row queued before (the mail as an object) is still delivered", async () => {
    const mailer = outboxMailer();
    const book = createPartnerbook({
      store: postgresStore(client),
      mailer,
      inviteBaseUrl: "https://app.example/invite",
      secret: testSecret,
    });
    const mail = {
      to: "kato@example.jp",
      subject: "招待",
      text: "https://app.example/invite/legacy-token",
      locale: "ja",
      idempotencyKey: "inv_legacy:1",
    };
    await client.query(
      `insert into partnerbook_outbox
         (key, organisation_id, idempotency_key, mail, attempts, available_at, last_error, created_at)
       values ('invitation:inv_legacy', 'org_legacy', $1, $2::jsonb, 0, now(), null, now())`,
      [mail.idempotencyKey, JSON.stringify(mail)],
    );
    const sealed = 'v1.sealed.{"quoted"}';
    await postgresStore(client).transaction((tx) =>
      tx.outbox.put({
        key: "k",
        organisationId: asOrganisationId("org_x"),
        idempotencyKey: "k:1",
        message: sealed,
        at: new Date("2100-01-01T00:00:00Z"),
      }),
    );
    const { rows } = await client.query(
      "select jsonb_typeof(mail) as kind from partnerbook_outbox order by key",
    );
    expect(rows).toEqual([{ kind: "object" }, { kind: "string" }]);
    const [claimed] = await postgresStore(client).transaction((tx) =>
      tx.outbox.claim({
        now: new Date("2100-01-01T00:00:00Z"),
        until: new Date("2100-01-02T00:00:00Z"),
        limit: 1,
        keys: ["k"],
      }),
    );
    expect(claimed?.message).toBe(sealed);
    expect(await book.mail.deliverPending()).toEqual({ delivered: 1, failed: 0, pending: 1 });
    expect(mailer.messages).toEqual([mail]);
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

  it("R23, R28: for any nickname and company — backslashes, \\1, $, emptiness, kana — a sync leaves search_text as searchTextOf says", async () => {
    const store = postgresStore(client);
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("\\", "\\1", "\\&", "$1", "&", "ミン", "ＭＩＮ", "株式会社ミン", ""),
    );
    const owner = fc.oneof(fc.constant(null), fc.string({ minLength: 1, maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(owner, fc.option(text), text, async (family, nickname, company) => {
        await emptyPartnerbookTables(client);
        const contact = await store.transaction(async (tx) => {
          const people = await seedPeople(tx);
          const linked = aLinkedContact("con_1", people.sato, people.lee, {
            fields: {
              ...everyOwnerField,
              familyName: family,
              givenName: null,
              familyNameReading: null,
              givenNameReading: null,
              department: null,
              memo: null,
            },
          });
          await tx.contacts.insert(linked);
          await tx.contacts.syncMember(people.lee.id, { nickname, photoUrl: null });
          await tx.contacts.syncCompany(people.lee.organisationId, company);
          return (await tx.contacts.get(linked.id)) as Contact;
        });
        expect(contact.kind === "linked" && contact.synced).toMatchObject({ nickname, company });
        const { rows } = await client.query("select search_text from partnerbook_contacts");
        expect(rows).toEqual([{ search_text: searchTextOf(contact) }]);
      }),
      { numRuns: 60 },
    );
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
