// Bringing an address book in and taking it out (R14, R15, R22, R27, R28): a Japanese vCard file
// mixing an iPhone, a 4.0 exporter and an old phone, previewed, imported, imported again, and the
// book written back out as a vCard file.
import { createReadStream } from "node:fs";
import { createPartnerbook, type ImportSummary } from "partnerbook";
import {
  contactRecordsOf,
  importRecordsOf,
  readVCards,
  streamVCards,
  writeVCardStream,
} from "partnerbook/interop";
import { memoryStore } from "partnerbook/memory";
import { expectRule, say } from "./_narrate.js";

const store = memoryStore();
const book = createPartnerbook({ store, defaultRegion: "JP" });
const acme = await book.organisations.create({
  name: "Acme 株式会社",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
const sato = acme.admin.id;
await book.contacts.addCustomer(sato, { familyName: "山田", phones: [{ number: "090-1234-5678" }] });

// Six cards: 山田 from an iPhone (3.0, furigana in X-PHONETIC-*), 鈴木 from a 4.0 exporter
// (SORT-AS), 高橋 from an old phone (2.1, quoted-printable, half-width katakana reading), 山田
// again with his number typed the international way, a card with neither phone nor email, and
// a card cut off at the end of the file. Read as a stream: the file is never held whole.
const file = new URL("data/mixed-ja.vcf", import.meta.url);
const records = () => importRecordsOf(streamVCards(createReadStream(file)));
const counted = (s: ImportSummary) =>
  `${s.done} cards: ${s.added} added, ${s.existing} already there, ${s.invalid} invalid, ${s.refused} refused`;

const before = JSON.stringify(store.snapshot());
const preview = await book.contacts.import(sato, records(), { onExisting: "merge", dryRun: true });
say(`dry run: ${counted(preview)}`);
expectRule("dry run", JSON.stringify(store.snapshot()) === before, "wrote nothing, events included");

const report: string[] = [];
const summary = await book.contacts.import(sato, records(), {
  onExisting: "merge",
  onRecord: (result) => {
    if (result.outcome === "invalid") report.push(`line ${result.line}: ${result.error.message}`);
    if (result.outcome === "existing")
      report.push(`line ${result.line}: merged into 山田 — ${result.changed.join(", ") || "nothing new"}`);
  },
});
for (const line of report) say(line);
expectRule(
  "dry run",
  JSON.stringify(summary) === JSON.stringify(preview),
  `said what the import then did: ${counted(summary)}`,
);
expectRule("R14", summary.added === 2, "鈴木 and 高橋 became customer contacts");
expectRule(
  "R15",
  summary.existing === 2,
  "both 山田 cards found the 山田 already in the book (the same number, however typed)",
);
expectRule(
  "R22",
  summary.invalid === 2,
  "the card with neither phone nor email, and the card cut off, are reported by line",
);

const people = store.snapshot().contacts.map((contact) => contact.fields);
const takahashi = people.find((fields) => fields.familyName === "高橋");
const yamada = people.find((fields) => fields.familyName === "山田");
say(`高橋 ${takahashi?.givenName}, read ${takahashi?.familyNameReading} ${takahashi?.givenNameReading}`);
expectRule(
  "R28",
  takahashi?.familyNameReading === "タカハシ",
  "the old phone's half-width ﾀｶﾊｼ is stored as タカハシ",
);
expectRule(
  "R15",
  yamada?.familyNameReading === "やまだ" && yamada.emails.length === 2 && yamada.title === "課長",
  "the merge filled 山田's reading, title and emails, and overwrote nothing",
);

const again = await book.contacts.import(sato, records(), { onExisting: "merge" });
expectRule("R15", again.added === 0, "importing the same file again adds nobody");

// Out again: every contact Sato may see (R27), streamed as a vCard 4.0 file.
const chunks: Uint8Array[] = [];
for await (const chunk of writeVCardStream(contactRecordsOf(book.contacts.export(sato)), {
  version: "4.0",
})) {
  chunks.push(chunk);
}
const exported = Buffer.concat(chunks);
const readBack = readVCards(exported).flatMap((entry) => (entry.ok ? [entry.record.fields.familyName] : []));
say(`exported ${exported.length.toLocaleString("en")} bytes of vCard 4.0: ${readBack.join(" / ")}`);
expectRule("R27", readBack.length === 3, "the file holds every contact Sato may see, each once");
