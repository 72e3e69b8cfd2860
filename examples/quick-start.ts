import { createPartnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";

const book = createPartnerbook({ store: memoryStore() });

// Two companies on the free plan, where external linking is on by default (R1).
const { admin: sato } = await book.organisations.create({
  name: "Acme 株式会社",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
const { admin: lee } = await book.organisations.create({
  name: "Globex",
  admin: { worksId: "lee@globex", displayName: "Lee Min", nickname: "Min" },
});

// Sato finds Lee by works ID (case-insensitive, R7) and sees his profile card (R9).
const [card] = await book.search.byWorksId(sato.id, "LEE@globex");
if (card === undefined) throw new Error("Lee should be found");
console.log(card); // { memberId, displayName: "Lee Min", nickname: "Min", company: "Globex", photoUrl: null }

// She adds him to her customers/partners book (R12) and can talk to him at once.
const { status, contact } = await book.contacts.addFromSearch(sato.id, card.memberId);
console.log(status, contact.kind); // added linked
console.log(await book.contacts.talkAccess(sato.id, contact.id)); // { canTalk: true, canViewHistory: true, reason: "ok" }
console.log(lee.id === card.memberId); // true
