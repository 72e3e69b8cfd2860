// Finding and adding external users (R7–R16, R22, R26): by works ID, by phone only with the
// person's permission, by QR code; adding twice returns the same contact; customers typed in by hand.
import { createPartnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRefusal, expectRule, say } from "./_narrate.js";

const book = createPartnerbook({
  store: memoryStore(),
  defaultRegion: "JP",
  // R13, R20: QR tokens are derived from it; in production it comes from your secret manager.
  secret: "example only: in production, from your secret manager",
});
const acme = await book.organisations.create({
  name: "Acme 株式会社",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
const globex = await book.organisations.create({
  name: "Globex",
  admin: { worksId: "lee@globex", displayName: "Lee Min", mobilePhone: "090-1234-5678" },
});
const sato = acme.admin;
const lee = globex.admin;

say(`Lee's mobile is stored as ${lee.mobilePhone?.e164} (typed "${lee.mobilePhone?.raw}").`);
let cards = await book.search.byPhone(sato.id, "09012345678");
expectRule("R8", cards.length === 0, "phone search finds nobody until Lee allows it (off by default)");
await book.members.setPhoneSearch(lee.id, true);
cards = await book.search.byPhone(sato.id, "+81 90-1234-5678");
expectRule("R8", cards.length === 1, "after Lee allows it, any way of typing the number finds him");
expectRule("R9", !("phone" in (cards[0] ?? {})), `the card shows ${Object.keys(cards[0] ?? {}).join(", ")}`);

await expectRefusal("R11", "a phone search for “not a number” is a validation error", "VALIDATION", () =>
  book.search.byPhone(sato.id, "not a number"),
);
const nobody = await book.search.byWorksId(sato.id, "nobody@nowhere");
expectRule("R10", nobody.length === 0, "an unknown ID gives the same empty answer as every other miss");

const first = await book.contacts.addFromSearch(sato.id, lee.id);
const again = await book.contacts.addFromSearch(sato.id, lee.id);
expectRule(
  "R15",
  again.status === "existing" && again.contact.id === first.contact.id,
  "adding twice keeps one",
);

const { token } = await book.qrCodes.mine(sato.id);
say("Sato shows the QR code on her profile; Lee scans it.");
const scanned = await book.contacts.addFromQr(lee.id, token);
expectRule("R13", scanned.contact.kind === "linked", "Lee now has Sato as a linked contact");
await book.qrCodes.reissue(sato.id);
await expectRefusal("R13", "Sato reissues her QR code: the old one finds nobody", "NOT_FOUND", () =>
  book.contacts.addFromQr(lee.id, token),
);

const customer = await book.contacts.addCustomer(sato.id, {
  familyName: "山田",
  givenName: "太郎",
  company: "山田商店",
  phones: [{ label: "office", number: "03-1234-5678" }],
});
const access = await book.contacts.talkAccess(sato.id, customer.id);
expectRule("R14", access.reason === "customer_contact", "a hand-typed customer is in the book, with no talk");
await expectRefusal("R22", "a customer needs a phone or an email", "VALIDATION", () =>
  book.contacts.addCustomer(sato.id, { familyName: "名無し" }),
);

const page = await book.contacts.list(sato.id);
expectRule("R26", page.items.length === 2, "Sato's book holds Lee (linked) and 山田 太郎 (customer)");
