// The same rules on PostgreSQL (R1, R7, R8, R10, R12–R15, R25, R28, R31, R32, R35): the in-memory
// demo's flows — both-sides linking, search by ID and by phone, adding by search and QR code, a
// customer, an edit on the version read, the trash — run here on PGlite (PostgreSQL in WebAssembly,
// in this process) through partnerbook/postgres. With node-postgres it is the same but for one
// line: `fromPg(new pg.Pool({ connectionString }))`.
import { PGlite } from "@electric-sql/pglite";
import { createPartnerbook } from "partnerbook";
import { fromPglite, migrate, postgresStore } from "partnerbook/postgres";
import { expectRefusal, expectRule, say } from "./_narrate.js";

const db = new PGlite();
try {
  const client = fromPglite(db);
  const { applied } = await migrate(client);
  say(`PGlite started; migrations applied: ${applied.join(", ")}.`);
  const book = createPartnerbook({
    store: postgresStore(client),
    // R13, R20: QR tokens are derived from it; in production it comes from your secret manager.
    secret: "example only: in production, from your secret manager",
  });

  const acme = await book.organisations.create({
    name: "Acme 株式会社",
    plan: "standard",
    admin: { worksId: "admin@acme", displayName: "Acme 管理者" },
  });
  const globex = await book.organisations.create({
    name: "Globex",
    admin: { worksId: "lee@globex", displayName: "Lee Min", mobilePhone: "090-1234-5678" },
  });
  const sato = await book.members.create(acme.admin.id, { worksId: "sato@acme", displayName: "佐藤 花子" });
  const lee = globex.admin;

  expectRule("R1", !acme.organisation.linking.enabled, "Acme's paid plan starts with external linking off");
  await expectRefusal("R10", "Sato cannot search while Acme is off", "LINKING_DISABLED", () =>
    book.search.byWorksId(sato.id, "lee@globex"),
  );
  await book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
  say("Acme's admin switches external linking on; the change is a row in partnerbook_organisations.");

  const [card] = await book.search.byWorksId(sato.id, "  LEE@Globex ");
  expectRule("R7", card?.memberId === lee.id, `by works ID: ${card?.displayName} of ${card?.company}`);
  let cards = await book.search.byPhone(sato.id, "09012345678");
  expectRule("R8", cards.length === 0, "phone search finds nobody until Lee allows it");
  await book.members.setPhoneSearch(lee.id, true);
  cards = await book.search.byPhone(sato.id, "+81 90-1234-5678");
  expectRule("R8", cards[0]?.memberId === lee.id, "after he allows it, the E.164 index finds him");

  const { contact: leeContact } = await book.contacts.addFromSearch(sato.id, lee.id);
  const talk = await book.contacts.talkAccess(sato.id, leeContact.id);
  expectRule("R12", talk.canTalk, "Sato adds Lee and can talk to him at once");
  const again = await book.contacts.addFromSearch(sato.id, lee.id);
  expectRule(
    "R15",
    again.status === "existing" && again.contact.id === leeContact.id,
    "adding twice keeps one",
  );

  const { token } = await book.qrCodes.mine(sato.id);
  const scanned = await book.contacts.addFromQr(lee.id, token);
  expectRule("R13", scanned.contact.kind === "linked", "Lee scans Sato's QR code: she is in his book");

  const yamada = await book.contacts.addCustomer(sato.id, {
    familyName: "山田",
    givenName: "太郎",
    familyNameReading: "ヤマダ",
    company: "山田商店",
    phones: [{ label: "office", number: "03-1234-5678" }],
  });
  const access = await book.contacts.talkAccess(sato.id, yamada.id);
  expectRule("R14", access.reason === "customer_contact", "a hand-typed customer, with nobody to talk to");
  const found = await book.contacts.list(sato.id, { query: "やまだ" });
  expectRule("R28", found.items[0]?.contact.id === yamada.id, "hiragana やまだ finds ヤマダ (search_text)");

  const edited = await book.contacts.edit(sato.id, yamada.id, { memo: "見積もり済" }, { expectedVersion: 1 });
  expectRule("R25", edited.version === 2, `memo saved on version 1 → ${edited.version}`);
  await expectRefusal("R25", "an edit on version 1 again is a conflict", "CONFLICT", () =>
    book.contacts.edit(sato.id, yamada.id, { memo: "古い画面から" }, { expectedVersion: 1 }),
  );

  const trashed = await book.trash.delete(sato.id, yamada.id);
  expectRule("R32", trashed.daysLeft === 30, `in the trash, restorable for ${trashed.daysLeft} days`);
  const live = await book.contacts.list(sato.id);
  expectRule("R31", live.items.length === 1, "Sato's book now shows Lee only");
  const restored = await book.trash.restore(sato.id, yamada.id);
  expectRule("R32", restored.fields.memo === "見積もり済", "restored with the memo as it was");

  const { rows } = await client.query("select count(*)::integer as n from partnerbook_events");
  const events = [
    ...(await book.events.list(acme.admin.id, { organisationId: acme.organisation.id, limit: 1000 })),
    ...(await book.events.list(globex.admin.id, { organisationId: globex.organisation.id, limit: 1000 })),
  ];
  expectRule(
    "R35",
    rows[0]?.n === events.length,
    `${events.length} events in Acme's and Globex's logs, each a partnerbook_events row`,
  );
} finally {
  await db.close();
}
