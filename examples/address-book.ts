// The customers/partners address book (R26–R28): two tabs, Japanese-aware search, project
// groups, sharing with the organisation or with listed members, co-editing, cursor pages.
import { createPartnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRefusal, expectRule, say } from "./_narrate.js";

const book = createPartnerbook({ store: memoryStore() });
const { admin: sato } = await book.organisations.create({
  name: "さくら商事株式会社",
  admin: { worksId: "sato@sakura", displayName: "佐藤 花子" },
});
const colleague = (worksId: string, displayName: string) =>
  book.members.create(sato.id, { worksId, displayName });
const suzuki = await colleague("suzuki@sakura", "鈴木 一郎");
const takahashi = await colleague("takahashi@sakura", "高橋 美咲");
const { admin: ito } = await book.organisations.create({
  name: "株式会社グローベックス",
  admin: { worksId: "ito@globex", displayName: "伊藤 誠", familyName: "伊藤", givenName: "誠" },
});

type Fields = { familyName: string | null; givenName: string | null };
const names = (items: readonly { contact: { fields: Fields } }[]) =>
  items.map(({ contact: { fields } }) => `${fields.familyName} ${fields.givenName}`).join("、");
const yamada = await book.contacts.addCustomer(sato.id, {
  familyName: "山田",
  givenName: "一郎",
  familyNameReading: "ヤマダ",
  company: "株式会社山田工務店",
  phones: [{ number: "03-1234-5678" }],
});
say("山田 花子 came from an old CSV export, her reading in half-width katakana.");
const hanako = await book.contacts.addCustomer(sato.id, {
  familyName: "山田",
  givenName: "花子",
  familyNameReading: "ﾔﾏﾀﾞ",
  emails: [{ address: "hanako@example.jp" }],
});
const nakamura = await book.contacts.addCustomer(sato.id, {
  familyName: "中村",
  givenName: "さくら",
  company: "Acme Trading",
  emails: [{ address: "nakamura@acme.example" }],
});
const { contact: itoContact } = await book.contacts.addFromSearch(sato.id, ito.id);

const customersTab = await book.contacts.list(sato.id);
const externalTab = await book.contacts.list(sato.id, { tab: "external" });
const all = names(customersTab.items);
expectRule("R26", customersTab.items.length === 4, `顧客/取引先 lists all four: ${all}`);
const marked = customersTab.items.filter((item) => item.external);
expectRule(
  "R26",
  externalTab.items.length === 1 && marked.length === 1 && marked[0]?.contact.id === itoContact.id,
  `外部 lists only the linked ${names(externalTab.items)}, who alone carries the external mark`,
);

const search = async (query: string) => (await book.contacts.list(sato.id, { query })).items;
const byKana = await search("やまだ");
const kanaIds = byKana.map((item) => item.contact.id).sort();
expectRule(
  "R28",
  kanaIds.join() === [yamada.id, hanako.id].sort().join(),
  "やまだ finds ヤマダ (katakana) and ﾔﾏﾀﾞ (half-width) alike",
);
const byWidth = await search("ＡＣＭＥ");
expectRule("R28", byWidth[0]?.contact.id === nakamura.id, "full-width ＡＣＭＥ finds “Acme Trading”");
const byForm = await search("㈱山田");
expectRule(
  "R28",
  byForm.length === 1 && byForm[0]?.contact.id === yamada.id,
  "㈱山田 finds 株式会社山田工務店",
);

const tower = await book.groups.create(sato.id, { name: "新社屋プロジェクト", members: [suzuki.id] });
const inGroup = { groups: [tower.id] };
let yamadaNow = await book.contacts.edit(sato.id, yamada.id, inGroup, { expectedVersion: yamada.version });
await book.contacts.edit(sato.id, itoContact.id, inGroup, { expectedVersion: itoContact.version });
const inTower = await book.contacts.list(sato.id, { group: tower.id });
expectRule("R27", inTower.items.length === 2, `group ${tower.name} filters to ${names(inTower.items)}`);

say("Sato shares 山田 一郎 with the whole company, and 中村 with 鈴木 only, as a co-editor.");
const orgWide = { visibility: "organisation" } as const;
yamadaNow = await book.contacts.share(sato.id, yamada.id, orgWide, { expectedVersion: yamadaNow.version });
await book.contacts.share(
  sato.id,
  nakamura.id,
  { visibility: "members", members: [suzuki.id], coEditing: true },
  { expectedVersion: nakamura.version },
);
const seenBySuzuki = await book.contacts.list(suzuki.id);
const seenByTakahashi = await book.contacts.list(takahashi.id);
expectRule("R27", seenBySuzuki.items.length === 2, `鈴木 sees ${names(seenBySuzuki.items)}`);
expectRule("R27", seenByTakahashi.items.length === 1, `高橋 sees only ${names(seenByTakahashi.items)}`);
await expectRefusal("R27", "to 高橋, 中村 is not there at all", "NOT_FOUND", () =>
  book.contacts.get(takahashi.id, nakamura.id),
);

expectRule("R27", seenByTakahashi.items[0]?.editable === false, "co-editing off: 高橋 may read, not edit");
await expectRefusal("R27", "高橋's edit of 山田 一郎 is refused", "NOT_PERMITTED", () =>
  book.contacts.edit(takahashi.id, yamada.id, { memo: "来週訪問" }, { expectedVersion: yamadaNow.version }),
);
const { version } = await book.contacts.get(suzuki.id, nakamura.id);
const coEdited = await book.contacts.edit(
  suzuki.id,
  nakamura.id,
  { memo: "見積書を送付済み" },
  {
    expectedVersion: version,
  },
);
expectRule("R27", coEdited.fields.memo === "見積書を送付済み", "鈴木, a co-editor, updates 中村's memo");

const coEditing = { ...orgWide, coEditing: true };
yamadaNow = await book.contacts.share(sato.id, yamada.id, coEditing, { expectedVersion: yamadaNow.version });
const visit = { memo: "来週訪問" };
yamadaNow = await book.contacts.edit(takahashi.id, yamada.id, visit, { expectedVersion: yamadaNow.version });
expectRule("R27", yamadaNow.fields.memo === "来週訪問", "co-editing on: now 高橋 may edit 山田 一郎 too");

const seen: string[] = [];
let cursor: string | null = null;
do {
  const page = await book.contacts.list(sato.id, { limit: 3, cursor });
  seen.push(...page.items.map((item) => item.contact.id));
  cursor = page.nextCursor;
} while (cursor !== null);
const whole = seen.length === 4 && new Set(seen).size === 4;
expectRule("R26", whole, "pages of 3 walk the whole book, none skipped or repeated");
