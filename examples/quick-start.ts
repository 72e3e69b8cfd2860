// Quick start (R1, R7, R9, R12): find someone in another company by works ID, add, talk at once.
import { createPartnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";

const book = createPartnerbook({ store: memoryStore() });

// Two companies on the free plan, where external linking is on by default (R1).
const { admin: sato } = await book.organisations.create({
  name: "Acme 株式会社",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
await book.organisations.create({
  name: "Globex",
  admin: { worksId: "lee@globex", displayName: "Lee Min", nickname: "Min" },
});

// Sato finds Lee by works ID (case-insensitive, R7) and sees his profile card (R9):
// { memberId, displayName, nickname, company, photoUrl } — never his phone or email.
const [card] = await book.search.byWorksId(sato.id, "LEE@globex");
if (card === undefined) throw new Error("Lee should be found");
console.log(`found ${card.displayName} (${card.nickname}) of ${card.company}`); // found Lee Min (Min) of Globex

// She adds him to her customers/partners book (R12) and can talk to him at once.
const { status, contact } = await book.contacts.addFromSearch(sato.id, card.memberId);
const access = await book.contacts.talkAccess(sato.id, contact.id);
console.log(`${status} as a ${contact.kind} contact; can talk: ${access.canTalk}`); // added as a linked contact; can talk: true
