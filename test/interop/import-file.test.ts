import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/index.js";
import {
  contactRecordsOf,
  importRecordsOf,
  type ReaderNotice,
  readCsv,
  readLineWorksContacts,
  readVCards,
  streamVCards,
  writeVCardStream,
} from "../../src/interop.js";
import { aMember, anOrganisation, aWorld } from "../support/builders.js";

// One file as an address book arrives in practice (the file examples/import-export.ts imports): cards from an iPhone (3.0, X-PHONETIC), a
// 4.0 exporter (SORT-AS), an old phone (2.1, quoted-printable UTF-8, half-width katakana in
// SOUND), the same person again typed differently, a card with neither phone nor email, and a
// card cut off at the end of the file; CRLF between cards and LF inside them.
const file = readFileSync(new URL("../../examples/data/mixed-ja.vcf", import.meta.url));

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function anImporter() {
  const world = aWorld();
  const acme = await anOrganisation(world, { name: "Acme" });
  const sato = await aMember(world, acme, { worksId: "sato", displayName: "佐藤" });
  return { world, sato, book: world.book };
}

describe("importing a mixed Japanese vCard file, and exporting the book again", () => {
  it("R14, R15, R22, R28: each card is added, merged into the same person, or reported with its line", async () => {
    const { world, sato, book } = await anImporter();
    const results: ImportResult[] = [];
    const issues: ReaderNotice[] = [];
    // Seven-byte chunks split multibyte characters and quoted-printable escapes alike.
    const records = importRecordsOf(streamVCards(chunked(file, 7)), {
      onIssues: (notice) => issues.push(notice),
    });
    const summary = await book.contacts.import(sato.id, records, {
      onExisting: "merge",
      onRecord: (result) => {
        results.push(result);
      },
    });

    expect(summary).toMatchObject({ added: 3, existing: 1, invalid: 2, refused: 0 });
    expect(results.map((result) => [result.line, result.outcome])).toEqual([
      [1, "added"],
      [14, "added"],
      [22, "added"],
      [29, "existing"],
      [36, "invalid"],
      [42, "invalid"],
    ]);
    const last = results[5];
    expect(last?.outcome === "invalid" && last.error.message).toMatch(/TRUNCATED/);
    expect(issues).toEqual([]);

    const book_ = world.store.snapshot().contacts;
    const byName = new Map(book_.map((contact) => [contact.fields.familyName, contact]));
    expect([...byName.keys()].sort()).toEqual(["山田", "高橋", "鈴木"].sort());
    const yamada = byName.get("山田");
    expect(yamada?.fields).toMatchObject({
      givenName: "太郎",
      familyNameReading: "やまだ",
      givenNameReading: "たろう",
      department: "営業部",
      title: "課長",
      memo: "展示会で名刺交換。",
    });
    // R15: the second card's number is the first card's, typed the international way; its new
    // email was added beside the first, nothing was overwritten.
    expect(yamada?.fields.phones.map((phone) => phone.e164)).toEqual(["+819012345678"]);
    expect(yamada?.fields.emails.map((email) => email.address)).toEqual([
      "taro.yamada@example.co.jp",
      "taro@example.jp",
    ]);
    expect(byName.get("鈴木")?.fields).toMatchObject({
      familyNameReading: "すずき",
      givenNameReading: "はなこ",
    });
    // R28: half-width katakana readings from SOUND;X-IRMC-N are stored widened.
    const takahashi = byName.get("高橋");
    expect(takahashi?.fields).toMatchObject({ givenName: "一郎", familyNameReading: "タカハシ" });
    expect(takahashi?.kind === "customer" && takahashi.profile.company).toBe("高橋商店");
  });

  it("R15, R27: the book exported as vCard reads back to the same contacts, and importing that file adds nobody", async () => {
    const { world, sato, book } = await anImporter();
    await book.contacts.import(sato.id, importRecordsOf(readVCards(file)), { onExisting: "merge" });
    for (const version of ["2.1", "3.0", "4.0"] as const) {
      const chunks: Uint8Array[] = [];
      for await (const chunk of writeVCardStream(contactRecordsOf(book.contacts.export(sato.id)), {
        version,
      })) {
        chunks.push(chunk);
      }
      const exported = Buffer.concat(chunks);
      const entries = readVCards(exported);
      const stored = world.store.snapshot().contacts;
      expect(entries.map((entry) => entry.ok && entry.record.fields)).toEqual(
        // Book order is by reading (R26's default), so compare as sets of names.
        expect.arrayContaining(stored.map((contact) => contact.fields)),
      );
      expect(entries).toHaveLength(stored.length);
      const again = await book.contacts.import(sato.id, importRecordsOf(entries), { onExisting: "merge" });
      expect(again).toMatchObject({ added: 0, existing: 3, invalid: 0 });
      expect(world.store.snapshot().contacts).toEqual(stored);
    }
  });
});

describe("importing a CSV file through importRecordsOf", () => {
  it("R14, R22: a column partnerbook does not map is a notice about the file, not an invalid record", async () => {
    const { sato, book } = await anImporter();
    const csv = "姓,名,携帯電話,好きな食べ物\n山田,太郎,090-1234-5678,寿司\n鈴木,花子,,\n";
    const notices: { line: number | null; codes: string[] }[] = [];
    const results: ImportResult[] = [];
    const summary = await book.contacts.import(
      sato.id,
      importRecordsOf(readCsv(csv), {
        onIssues: ({ line, issues }) => notices.push({ line, codes: issues.map((issue) => issue.code) }),
      }),
      {
        onRecord: (result) => {
          results.push(result);
        },
      },
    );
    expect(notices).toEqual([{ line: 1, codes: ["UNKNOWN_COLUMN"] }]);
    expect(summary).toMatchObject({ done: 2, added: 1, invalid: 1 });
    expect(results.map((result) => [result.line, result.outcome])).toEqual([
      [2, "added"],
      [3, "invalid"],
    ]);
  });
});

describe("importing a LINE WORKS API response through importRecordsOf", () => {
  it("R14, R22: JSON entries are placed by index; a contact whose name could not be read is invalid", async () => {
    const { sato, book } = await anImporter();
    const response = readFileSync(
      new URL("fixtures/lineworks-contacts-response.json", import.meta.url),
      "utf8",
    );
    const notices: ReaderNotice[] = [];
    const results: ImportResult[] = [];
    await book.contacts.import(
      sato.id,
      importRecordsOf(readLineWorksContacts(response).entries, {
        onIssues: (notice) => notices.push(notice),
      }),
      {
        onRecord: (result) => {
          results.push(result);
        },
      },
    );
    expect(results.map((result) => [result.index, result.line, result.outcome])).toEqual([
      [0, null, "added"],
      [1, null, "added"],
      [2, null, "invalid"],
    ]);
    expect(notices.map((notice) => [notice.line, notice.index])).toContainEqual([null, 2]);
  });
});
