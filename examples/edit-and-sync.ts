// Editing a linked contact (R21–R25, R35): the owner's own fields are hers to edit, always on
// the version she read; nickname and company are synced from the other side and follow it.
import { createPartnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRefusal, expectRule, say } from "./_narrate.js";

const book = createPartnerbook({ store: memoryStore() });
const acme = await book.organisations.create({
  name: "株式会社アクメ",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子", familyName: "佐藤", givenName: "花子" },
});
const globex = await book.organisations.create({
  name: "グローベックス株式会社",
  admin: { worksId: "admin@globex", displayName: "Globex 管理者" },
});
const lee = await book.members.create(globex.admin.id, {
  worksId: "lee@globex",
  displayName: "李 明",
  familyName: "李",
  givenName: "明",
  nickname: "Min",
});
const sato = acme.admin;

const { contact: added } = await book.contacts.addFromSearch(sato.id, lee.id);
say(`Sato adds ${added.fields.familyName} ${added.fields.givenName} of ${globex.organisation.name}.`);
if (added.kind !== "linked") throw new Error("a contact added from search is linked");
expectRule("R23", added.synced.nickname === "Min", `nickname "${added.synced.nickname}" comes from Lee`);

const edited = await book.contacts.edit(
  sato.id,
  added.id,
  {
    familyNameReading: "イ",
    givenNameReading: "ミン",
    phones: [{ label: "携帯", number: "080-2345-6789" }],
    memo: "展示会で名刺交換。来月の見積もりの窓口。",
    tags: ["展示会2026", "見積もり"],
  },
  { expectedVersion: added.version },
);
expectRule(
  "R24",
  edited.version === added.version + 1 && edited.fields.phones[0]?.e164 === "+818023456789",
  `readings, phone, memo and tags saved (version ${added.version} → ${edited.version})`,
);

say("Sato tries to correct the company name by hand, together with a new memo.");
// `company` is synced, so ContactPatchInput forbids it at compile time (R25 in the types); the
// cast stands for a caller without types (plain JavaScript, a form posting JSON).
await expectRefusal("R25", "company is synced from 李's side, not Sato's to edit", "SYNCED_FIELD", () =>
  book.contacts.edit(sato.id, added.id, { memo: "社名を修正", company: "x" } as never, {
    expectedVersion: edited.version,
  }),
);
let current = await book.contacts.get(sato.id, added.id);
expectRule(
  "R25",
  current.version === edited.version && current.fields.memo === edited.fields.memo,
  "refused as a whole: the memo in the same edit was not applied either",
);

say("Her phone still shows the contact as she first opened it, and she saves from there.");
await expectRefusal("R25", "saving on the version she first read is a conflict", "CONFLICT", () =>
  book.contacts.edit(sato.id, added.id, { memo: "古い画面からの編集" }, { expectedVersion: added.version }),
);
current = await book.contacts.get(sato.id, added.id);
expectRule("R25", current.fields.memo === edited.fields.memo, "a stale version never overwrites silently");

say("Lee changes his nickname and given name; Globex is renamed by its admin.");
await book.members.updateProfile(lee.id, { nickname: "ミンさん", givenName: "Min" });
await book.organisations.rename(
  globex.admin.id,
  globex.organisation.id,
  "グローベックス・ホールディングス株式会社",
);

current = await book.contacts.get(sato.id, added.id);
if (current.kind !== "linked") throw new Error("still linked");
expectRule(
  "R23",
  current.synced.nickname === "ミンさん" &&
    current.synced.company === "グローベックス・ホールディングス株式会社",
  `the contact shows both at once: "${current.synced.nickname}" of ${current.synced.company}`,
);
const { fields } = current;
expectRule(
  "R24",
  fields.givenName === "明" &&
    fields.givenNameReading === "ミン" &&
    fields.phones.length === 1 &&
    fields.memo === edited.fields.memo &&
    fields.tags.join() === "展示会2026,見積もり",
  `Sato's own fields stay as she wrote them (given name "${fields.givenName}", not Lee's new "Min")`,
);

// Each organisation has its own log: Sato's edit is in Acme's, the syncs of Globex's profiles in Globex's.
const acmeLog = await book.events.list(acme.admin.id, { organisationId: acme.organisation.id });
const globexLog = await book.events.list(globex.admin.id, { organisationId: globex.organisation.id });
const edits = acmeLog.filter((event) => event.type === "contact_edited");
const synced = globexLog.filter((event) => event.type === "contacts_synced");
expectRule(
  "R35",
  synced.length === 2 && edits.length === 1,
  "one edit (in Acme's log) and two syncs (in Globex's) recorded; the refused edits left no trace",
);
