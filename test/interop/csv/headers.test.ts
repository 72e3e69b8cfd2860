import { describe, expect, it } from "vitest";
import { headerKey } from "../../../src/interop/csv/headers.js";
import { type CsvColumn, readCsv } from "../../../src/interop.js";

const recordOf = (text: string, options: Parameters<typeof readCsv>[1] = {}) => {
  const entry = readCsv(text, options).find((e) => e.ok);
  if (entry === undefined || !entry.ok) throw new Error("no record");
  return entry;
};

describe("headers as spreadsheets and exporters write them", () => {
  it("width, case, spaces, punctuation and hiragana/katakana aside", () => {
    expect(headerKey("Ｅ－ｍａｉｌ　１ - Value")).toBe("email1value");
    expect(headerKey("姓（ふりがな）")).toBe(headerKey("姓(フリガナ)"));
    const variants = [
      "姓（フリガナ）",
      "姓 (フリガナ)",
      "せい",
      "セイ",
      "Phonetic Last Name",
      "FAMILY NAME YOMI",
      "Surname Yomi",
    ];
    for (const header of variants) {
      expect(recordOf(`${header},Last Name\nやまだ,山田\n`).record.fields.familyNameReading).toBe("やまだ");
    }
  });

  it("Outlook's English export: Title is a name prefix when Job Title is there, phones by their kind", () => {
    const csv = [
      "Title,First Name,Middle Name,Last Name,Company,Department,Job Title,Business Phone,Business Phone 2,Mobile Phone,Business Fax,E-mail Address,E-mail 2 Address,Web Page,Categories,Business Street,Business City,Business State,Business Postal Code,Business Country/Region",
      "Mr.,John,Q,Doe,Acme,Sales,Manager,03-1111-2222,03-1111-3333,090-1111-2222,03-1111-4444,john@example.com,jq@example.com,https://acme.example,Clients;VIP,1 Main St,Springfield,IL,62701,USA",
    ].join("\r\n");
    const { record, issues } = recordOf(csv);
    expect(issues).toEqual([]);
    expect(record.fields).toMatchObject({
      familyName: "Doe",
      givenName: "John Q",
      title: "Manager",
      department: "Sales",
      addresses: [{ label: "work", value: "1 Main St, Springfield, IL 62701, USA" }],
      emails: [
        { label: null, address: "john@example.com" },
        { label: null, address: "jq@example.com" },
      ],
      websites: [{ label: null, value: "https://acme.example" }],
    });
    expect(record.fields.phones.map((p) => [p.label, p.raw])).toEqual([
      ["work", "03-1111-2222"],
      ["work", "03-1111-3333"],
      ["mobile", "090-1111-2222"],
      ["work fax", "03-1111-4444"],
    ]);
    expect(record.groupNames).toEqual(["Clients", "VIP"]);
    expect(record.profile.company).toBe("Acme");
  });

  it("Google's older export: Given Name, Family Name, Yomi, Organization 1 - Name, Group Membership", () => {
    const csv = [
      "Name,Given Name,Family Name,Given Name Yomi,Family Name Yomi,Organization 1 - Name,Organization 1 - Title,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value",
      "山田 太郎,太郎,山田,タロウ,ヤマダ,サンプル,課長,* myContacts ::: 友人,* Home,t@example.jp,Mobile,090-1234-5678",
    ].join("\n");
    const { record, issues } = recordOf(csv);
    expect(issues).toEqual([]);
    expect(record.fields).toMatchObject({
      familyName: "山田",
      givenName: "太郎",
      familyNameReading: "ヤマダ",
      givenNameReading: "タロウ",
      title: "課長",
      emails: [{ label: "Home", address: "t@example.jp" }],
    });
    expect(record.profile.company).toBe("サンプル");
    expect(record.groupNames).toEqual(["友人"]);
  });

  it("Japanese: 氏名 and フリガナ for the whole name, split at the space; 備考, 生年月日 in Japanese style", () => {
    const { record } = recordOf(
      "氏名,フリガナ,備考,生年月日,携帯番号\n山田花子,ヤマダ ハナコ,よろしく,1990年1月2日,090-1234-5678\n",
    );
    expect(record.fields).toMatchObject({
      familyName: "山田花子",
      familyNameReading: "ヤマダ ハナコ",
      memo: "よろしく",
      dates: [{ label: "誕生日", date: "1990-01-02" }],
      phones: [{ label: "mobile", raw: "090-1234-5678" }],
    });
    const split = recordOf("姓,名,フリガナ\n山田,花子,ヤマダ　ハナコ\n").record.fields;
    expect([split.familyNameReading, split.givenNameReading]).toEqual(["ヤマダ", "ハナコ"]);
  });

  it("the caller's own header map comes first", () => {
    const headers: Record<string, CsvColumn> = {
      顧客名: "fullName",
      内線: { list: "phones", label: "内線" },
      会社: "ignore",
    };
    const { record, issues } = recordOf("顧客名,内線,会社\n山田,03-1234-5678,x\n", { headers });
    expect(issues).toEqual([]);
    expect(record.fields.familyName).toBe("山田");
    expect(record.fields.phones).toEqual([{ label: "内線", raw: "03-1234-5678", e164: "+81312345678" }]);
    expect(record.profile.company).toBeNull();
  });

  it("unknown columns: reported once on the header; kept in extras, or as custom fields on request", () => {
    const csv = "Last Name,社員番号,社員番号\nA,1,2\nB,3,\n";
    const entries = readCsv(csv);
    expect(entries.filter((e) => !e.ok)).toEqual([
      {
        ok: false,
        line: 1,
        error: expect.objectContaining({ code: "UNKNOWN_COLUMN", column: "社員番号", line: 1 }),
      },
    ]);
    expect(entries.flatMap((e) => (e.ok ? [e.extras] : []))).toEqual([
      [
        { column: "社員番号", value: "1" },
        { column: "社員番号", value: "2" },
      ],
      [{ column: "社員番号", value: "3" }],
    ]);
    const kept = readCsv(csv, { unknownColumns: "customFields" }).flatMap((e) =>
      e.ok ? [e.record.fields.customFields] : [],
    );
    expect(kept).toEqual([
      [
        { label: "社員番号", value: "1" },
        { label: "社員番号", value: "2" },
      ],
      [{ label: "社員番号", value: "3" }],
    ]);
  });
});
