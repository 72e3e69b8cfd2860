// Deleting, the trash and restoring (R30–R35): on an injected clock, so the 30-day boundary is
// exact — restorable up to the last millisecond, gone at 30×24h, even before any clean-up job.
import { type Contact, createPartnerbook, manualClock } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRefusal, expectRule, jst, say } from "./_narrate.js";

const day = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date("2026-04-01T09:00:00+09:00"));
const book = createPartnerbook({ store: memoryStore(), clock });
const { admin: sato } = await book.organisations.create({
  name: "さくら商事株式会社",
  admin: { worksId: "sato@sakura", displayName: "佐藤 花子" },
});
const suzuki = await book.members.create(sato.id, { worksId: "suzuki@sakura", displayName: "鈴木 一郎" });
const { admin: ito } = await book.organisations.create({
  name: "株式会社グローベックス",
  admin: { worksId: "ito@globex", displayName: "伊藤 誠", familyName: "伊藤", givenName: "誠" },
});

const customer = (familyName: string, givenName: string, phone: string) =>
  book.contacts.addCustomer(sato.id, { familyName, givenName, phones: [{ number: phone }] });
let yamada: Contact = await customer("山田", "一郎", "03-1234-5678");
const nakamura = await customer("中村", "さくら", "06-2345-6789");
const { contact: itoContact } = await book.contacts.addFromSearch(sato.id, ito.id);
yamada = await book.contacts.edit(sato.id, yamada.id, { memo: "新社屋の施工業者" }, { expectedVersion: 1 });
yamada = await book.contacts.share(
  sato.id,
  yamada.id,
  { visibility: "organisation", coEditing: true },
  { expectedVersion: yamada.version },
);
say("Sato shares 山田 一郎 with the whole company, co-editing on.");

await expectRefusal("R30", "only the owner may delete: not 鈴木, a co-editor", "NOT_PERMITTED", () =>
  book.trash.delete(suzuki.id, yamada.id),
);
say(`Day 0, ${jst(clock.now())}: Sato deletes 山田 一郎 and 伊藤 誠.`);
const trashed = await book.trash.delete(sato.id, yamada.id);
await book.trash.delete(sato.id, itoContact.id);
expectRule("R32", trashed.daysLeft === 30, `山田 is restorable until ${jst(trashed.purgeAt)}`);
const talk = await book.contacts.talkAccess(sato.id, itoContact.id);
expectRule("R31", !talk.canTalk && !talk.canViewHistory, "no talk with 伊藤, no history, while in trash");
const suzukiBook = await book.contacts.list(suzuki.id);
expectRule("R31", suzukiBook.items.length === 0, "鈴木 no longer sees the shared 山田 一郎");

clock.advance(10 * day);
const tenDaysOn = await book.trash.list(sato.id);
const left = tenDaysOn.items.map((e) => `${e.contact.fields.familyName} ${e.daysLeft}日`).join("、");
expectRule(
  "R32",
  tenDaysOn.items.every((e) => e.daysLeft === 20),
  `day 10, days left: ${left}`,
);

clock.advance(19 * day);
const restored = await book.trash.restore(sato.id, yamada.id);
expectRule(
  "R32",
  restored.fields.memo === "新社屋の施工業者" && restored.sharing.visibility === "organisation",
  "day 29: 山田 一郎 restored with his memo and sharing",
);
expectRule("R32", (await book.contacts.list(suzuki.id)).items.length === 1, "鈴木 sees him again");

clock.advance(day - 1);
let itoTrash = (await book.trash.list(sato.id)).items;
expectRule("R32", itoTrash[0]?.daysLeft === 1, "one millisecond before day 30, 伊藤 is still restorable");
clock.advance(1);
itoTrash = (await book.trash.list(sato.id)).items;
expectRule("R33", itoTrash.length === 0, "at exactly 30×24h 伊藤 leaves the trash list");
await expectRefusal("R33", "伊藤 can no longer be restored", "NOT_FOUND", () =>
  book.trash.restore(sato.id, itoContact.id),
);

say(`Day 30, ${jst(clock.now())}: Sato deletes 山田 一郎 again; on day 60 he is gone too.`);
const again = await book.trash.delete(sato.id, yamada.id);
clock.advance(30 * day);
await expectRefusal("R33", "day 60: 山田 can no longer be restored", "NOT_FOUND", () =>
  book.trash.restore(sato.id, again.contact.id),
);
await expectRefusal("R33", "nor opened", "NOT_FOUND", () => book.contacts.get(sato.id, yamada.id));

say(`Day 60, ${jst(clock.now())}: Sato deletes 中村 さくら, then empties her from the trash at once.`);
await book.trash.delete(sato.id, nakamura.id);
// R31: in the trash a contact exists for its owner only, so to 鈴木 it is simply not there.
await expectRefusal("R34", "鈴木 cannot empty Sato's trash: to him 中村 is not there", "NOT_FOUND", () =>
  book.trash.purge(suzuki.id, nakamura.id),
);
await book.trash.purge(sato.id, nakamura.id);
await expectRefusal("R34", "once emptied, 中村 cannot be restored", "NOT_FOUND", () =>
  book.trash.restore(sato.id, nakamura.id),
);

const reclaimed = await book.trash.purgeExpired();
expectRule(
  "R33",
  reclaimed === 2,
  `the clean-up job reclaims the ${reclaimed} expired contacts (伊藤, 山田)`,
);
expectRule("R33", (await book.trash.purgeExpired()) === 0, "and running it again finds nothing");

const sakuraLog = await book.events.list(sato.id, { organisationId: sato.organisationId, limit: 1000 });
const purges = sakuraLog.filter((e) => e.type === "contact_purged");
const reasons = purges.map((e) => (e.type === "contact_purged" ? e.reason : "")).join(", ");
expectRule("R35", purges.length === 3, `3 purges recorded (${reasons})`);
