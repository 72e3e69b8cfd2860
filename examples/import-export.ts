// Bringing an address book in and taking it out (R14–R16, R22, R27): records from any reader,
// a dry run first, then the import, then the same file again; and the book streamed back out.
import { createPartnerbook, type ImportRecord, type ImportSummary } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRule, say } from "./_narrate.js";

const store = memoryStore();
const book = createPartnerbook({ store, defaultRegion: "JP" });
const acme = await book.organisations.create({
  name: "Acme 株式会社",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
const sato = acme.admin.id;
await book.contacts.addCustomer(sato, {
  familyName: "山田",
  phones: [{ number: "090-1234-5678" }],
});

// What a reader of a CSV, a vCard file or a LINE WORKS export hands over: one record at a time,
// each with the line it started on. A generator, so a file of any size is never held whole.
function* fromTheOldPhone(): Generator<ImportRecord> {
  yield { line: 2, contact: { familyName: "山田", title: "部長", phones: [{ number: "+81 90 1234 5678" }] } };
  yield { line: 3, contact: { familyName: "鈴木", emails: [{ address: "Suzuki@Example.JP" }] } };
  yield {
    line: 4,
    contact: { familyName: "鈴木", givenName: "一郎", emails: [{ address: "suzuki@example.jp" }] },
  };
  yield { line: 5, contact: { familyName: "高橋" } };
  yield { line: 6, error: { path: ["TEL"], message: "the reader could not read this TEL" } };
}

const counted = (s: ImportSummary) =>
  `${s.done} records: ${s.added} added, ${s.existing} already there, ${s.invalid} invalid, ${s.refused} refused`;

const before = store.snapshot();
const preview = await book.contacts.import(sato, fromTheOldPhone(), { onExisting: "merge", dryRun: true });
say(`dry run, merging into what is there: ${counted(preview)}`);
expectRule(
  "dry run",
  JSON.stringify(store.snapshot()) === JSON.stringify(before),
  "wrote nothing, events included",
);

const report: string[] = [];
const summary = await book.contacts.import(sato, fromTheOldPhone(), {
  onExisting: "merge",
  onRecord: (result) => {
    if (result.outcome === "invalid") report.push(`line ${result.line}: ${result.error.message}`);
    if (result.outcome === "existing")
      report.push(`line ${result.line}: merged ${result.changed.join(", ") || "nothing new"}`);
  },
});
for (const line of report) say(line);
expectRule(
  "dry run",
  JSON.stringify(summary) === JSON.stringify(preview),
  `said what the import then did: ${counted(summary)}`,
);
expectRule(
  "R15",
  summary.added === 1 && summary.existing === 2,
  "山田 was already there (same number, typed differently); 鈴木 came once",
);
expectRule(
  "R22",
  summary.invalid === 2,
  "a record without a phone or email, and one the reader could not read, are reported by line",
);

const again = await book.contacts.import(sato, fromTheOldPhone(), { onExisting: "merge" });
expectRule("R15", again.added === 0, "importing the same file again adds nobody");

const names: string[] = [];
for await (const contact of book.contacts.export(sato, { limit: 1 })) {
  names.push(`${contact.fields.familyName} ${contact.fields.givenName ?? ""}`.trim());
}
say(`export, a page of one at a time: ${names.join(" / ")}`);
expectRule("R27", names.length === 2, "the export holds every contact Sato may see, each once");
