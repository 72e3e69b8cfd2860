import type { DateLabels } from "../vcard/types.js";
import type { CsvAddressPart, CsvColumn, CsvListField } from "./types.js";

// Spreadsheets and exporters name the same column many ways: `E-mail 1 - Value`, `Ｅメール`,
// `姓（フリガナ）`, `せい`. Headers are compared by a key that forgets width (NFKC), case,
// hiragana against katakana, and spaces and punctuation.

const separators = /[\s\-_・:()[\]/.'*＿、]/gu;

/** The key a header is matched by: `E-mail 1 - Value` → `email1value`, `姓（ふりがな）` → `姓フリガナ`. */
export function headerKey(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(separators, "");
}

type Table = Readonly<Record<string, CsvColumn>>;

const list = (field: CsvListField, label?: string, part?: CsvAddressPart): CsvColumn => ({
  list: field,
  label,
  part,
});

// Labels are the words vCard's TYPE values read as (`CELL` → mobile), so that a contact reads
// the same from a CSV as from a card.
const phoneColumns: Table = {
  phone: list("phones"),
  "phone number": list("phones"),
  telephone: list("phones"),
  tel: list("phones"),
  電話: list("phones"),
  電話番号: list("phones"),
  mobile: list("phones", "mobile"),
  "mobile phone": list("phones", "mobile"),
  "cell phone": list("phones", "mobile"),
  携帯: list("phones", "mobile"),
  携帯電話: list("phones", "mobile"),
  携帯番号: list("phones", "mobile"),
  携帯電話番号: list("phones", "mobile"),
  "business phone": list("phones", "work"),
  "work phone": list("phones", "work"),
  会社電話: list("phones", "work"),
  会社電話番号: list("phones", "work"),
  勤務先電話: list("phones", "work"),
  勤務先電話番号: list("phones", "work"),
  "home phone": list("phones", "home"),
  自宅電話: list("phones", "home"),
  自宅電話番号: list("phones", "home"),
  fax: list("phones", "fax"),
  ファックス: list("phones", "fax"),
  fax番号: list("phones", "fax"),
  "business fax": list("phones", "work fax"),
  "home fax": list("phones", "home fax"),
  "other phone": list("phones", "other"),
  pager: list("phones", "pager"),
  "primary phone": list("phones", "main"),
  "company main phone": list("phones", "main"),
  代表電話: list("phones", "main"),
};

const emailColumns: Table = {
  email: list("emails"),
  "e-mail address": list("emails"),
  "email address": list("emails"),
  mail: list("emails"),
  メール: list("emails"),
  メールアドレス: list("emails"),
  eメール: list("emails"),
  電子メール: list("emails"),
  電子メールアドレス: list("emails"),
  携帯メール: list("emails", "mobile"),
  携帯メールアドレス: list("emails", "mobile"),
  "work email": list("emails", "work"),
  会社メール: list("emails", "work"),
  "home email": list("emails", "home"),
  自宅メール: list("emails", "home"),
};

const addressColumns: Table = {
  address: list("addresses"),
  住所: list("addresses"),
  所在地: list("addresses"),
  "home address": list("addresses", "home"),
  自宅住所: list("addresses", "home"),
  "business address": list("addresses", "work"),
  "work address": list("addresses", "work"),
  会社住所: list("addresses", "work"),
  勤務先住所: list("addresses", "work"),
  郵便番号: list("addresses", undefined, "postalCode"),
  都道府県: list("addresses", undefined, "region"),
  市区町村: list("addresses", undefined, "city"),
};

// Outlook's structured addresses: `Business Street`, `Home City`…
const outlookAddresses: Table = Object.fromEntries(
  (
    [
      ["business", "work"],
      ["home", "home"],
      ["other", "other"],
    ] as const
  ).flatMap(([prefix, label]) =>
    (
      [
        ["street", "street"],
        ["city", "city"],
        ["state", "region"],
        ["postal code", "postalCode"],
        ["country/region", "country"],
        ["po box", "pobox"],
      ] as const
    ).map(([suffix, part]) => [`${prefix} ${suffix}`, { list: "addresses", slot: prefix, part, label }]),
  ),
);

const otherLists: Table = {
  website: list("websites"),
  "web page": list("websites"),
  "web site": list("websites"),
  url: list("websites"),
  homepage: list("websites"),
  ホームページ: list("websites"),
  ウェブサイト: list("websites"),
  webサイト: list("websites"),
  messenger: list("messengers"),
  im: list("messengers"),
  sns: list("messengers"),
  メッセンジャー: list("messengers"),
  event: list("dates"),
  date: list("dates"),
  日付: list("dates"),
  "custom field": list("customFields"),
  カスタム項目: list("customFields"),
};

const textColumns: Table = {
  "last name": "familyName",
  "family name": "familyName",
  surname: "familyName",
  姓: "familyName",
  苗字: "familyName",
  名字: "familyName",
  "first name": "givenName",
  "given name": "givenName",
  名: "givenName",
  "middle name": "middleName",
  "additional name": "middleName",
  ミドルネーム: "middleName",
  name: "fullName",
  "full name": "fullName",
  "display name": "fullName",
  氏名: "fullName",
  名前: "fullName",
  フルネーム: "fullName",
  表示名: "fullName",
  "phonetic last name": "familyNameReading",
  "family name yomi": "familyNameReading",
  "surname yomi": "familyNameReading",
  "last name yomi": "familyNameReading",
  "family name reading": "familyNameReading",
  "姓(フリガナ)": "familyNameReading",
  "姓(よみ)": "familyNameReading",
  "姓(読み)": "familyNameReading",
  "姓(カナ)": "familyNameReading",
  "姓(よみがな)": "familyNameReading",
  "フリガナ(姓)": "familyNameReading",
  "よみがな(姓)": "familyNameReading",
  セイ: "familyNameReading",
  "phonetic first name": "givenNameReading",
  "given name yomi": "givenNameReading",
  "given yomi": "givenNameReading",
  "first name yomi": "givenNameReading",
  "given name reading": "givenNameReading",
  "名(フリガナ)": "givenNameReading",
  "名(よみ)": "givenNameReading",
  "名(読み)": "givenNameReading",
  "名(カナ)": "givenNameReading",
  "名(よみがな)": "givenNameReading",
  "フリガナ(名)": "givenNameReading",
  "よみがな(名)": "givenNameReading",
  メイ: "givenNameReading",
  "phonetic middle name": "middleNameReading",
  "additional name yomi": "middleNameReading",
  "middle name yomi": "middleNameReading",
  フリガナ: "fullNameReading",
  よみがな: "fullNameReading",
  よみ: "fullNameReading",
  読み: "fullNameReading",
  "氏名(フリガナ)": "fullNameReading",
  "名前(フリガナ)": "fullNameReading",
  yomi: "fullNameReading",
  "name yomi": "fullNameReading",
  nickname: "nickname",
  ニックネーム: "nickname",
  愛称: "nickname",
  company: "company",
  "company name": "company",
  organization: "company",
  "organization name": "company",
  会社名: "company",
  会社: "company",
  勤務先: "company",
  企業名: "company",
  department: "department",
  "organization department": "department",
  部署: "department",
  部署名: "department",
  部門: "department",
  "job title": "title",
  "organization title": "title",
  title: "title",
  position: "title",
  役職: "title",
  役職名: "title",
  肩書: "title",
  肩書き: "title",
  notes: "memo",
  note: "memo",
  memo: "memo",
  メモ: "memo",
  備考: "memo",
  "photo url": "photoUrl",
  photo: "photoUrl",
  写真url: "photoUrl",
  labels: { items: "groupNames" },
  "group membership": { items: "groupNames" },
  groups: { items: "groupNames" },
  group: { items: "groupNames" },
  グループ: { items: "groupNames" },
  グループ名: { items: "groupNames" },
  categories: { items: "groupNames", separator: ";" },
  分類: { items: "groupNames", separator: ";" },
  tags: { items: "tags" },
  タグ: { items: "tags" },
  "name prefix": "ignore",
  "name suffix": "ignore",
  suffix: "ignore",
  "file as": "ignore",
  initials: "ignore",
  敬称: "ignore",
  "company yomi": "ignore",
  "phonetic company name": "ignore",
  "e-mail display name": "ignore",
};

const dateColumns = (labels: DateLabels): Table => ({
  birthday: { list: "dates", slot: "birthday", label: labels.birthday },
  "birth date": { list: "dates", slot: "birthday", label: labels.birthday },
  誕生日: { list: "dates", slot: "birthday", label: labels.birthday },
  生年月日: { list: "dates", slot: "birthday", label: labels.birthday },
  anniversary: { list: "dates", slot: "anniversary", label: labels.anniversary },
  記念日: { list: "dates", slot: "anniversary", label: labels.anniversary },
});

/** A table keyed by {@link headerKey}. */
export function keyed(table: Table): Map<string, CsvColumn> {
  return new Map(Object.entries(table).map(([header, column]) => [headerKey(header), column]));
}

let builtIn: { labels: DateLabels; table: Map<string, CsvColumn> } | null = null;

/** The headers partnerbook knows, for these date labels. */
function builtInTable(labels: DateLabels): Map<string, CsvColumn> {
  if (builtIn?.labels !== labels) {
    builtIn = {
      labels,
      table: keyed({
        ...textColumns,
        ...phoneColumns,
        ...emailColumns,
        ...addressColumns,
        ...outlookAddresses,
        ...otherLists,
        ...dateColumns(labels),
      }),
    };
  }
  return builtIn.table;
}

// The words after a number: `Phone 1 - Label`, `E-mail 2 Address`, `住所1 郵便番号`.
type Part = "value" | "label" | CsvAddressPart;
const partWords = new Map<string, Part>(
  (
    [
      ["value", "value"],
      ["formatted", "value"],
      ["address", "value"],
      ["番号", "value"],
      ["アドレス", "value"],
      ["内容", "value"],
      ["値", "value"],
      ["label", "label"],
      ["type", "label"],
      ["service", "label"],
      ["ラベル", "label"],
      ["種別", "label"],
      ["タイプ", "label"],
      ["street", "street"],
      ["city", "city"],
      ["region", "region"],
      ["state", "region"],
      ["postal code", "postalCode"],
      ["zip", "postalCode"],
      ["country", "country"],
      ["po box", "pobox"],
      ["extended address", "extended"],
      ["郵便番号", "postalCode"],
      ["都道府県", "region"],
      ["市区町村", "city"],
    ] as const
  ).map(([word, part]) => [headerKey(word), part]),
);

// Google's older `Organization 1 - Name`, `Organization 1 - Title`…
const organisationParts: Readonly<Record<string, CsvColumn>> = {
  name: "company",
  title: "title",
  department: "department",
};

/** What a numbered header (`Phone 2 - Label`, `Business Phone 2`, `電話番号3`) holds, if known. */
function numbered(key: string, table: Map<string, CsvColumn>): CsvColumn | null {
  const match = /^(.*?\D)(\d+)(\D*)$/u.exec(key);
  if (match === null) return null;
  const [, base = "", number = "", suffix = ""] = match;
  if (base === "organization") {
    if (number !== "1") return "ignore";
    return organisationParts[suffix] ?? "ignore";
  }
  const column = table.get(base);
  if (column === undefined || typeof column === "string" || !("list" in column)) return null;
  const part = suffix === "" ? (column.part ?? "value") : partWords.get(suffix);
  if (part === undefined) return null;
  return { list: column.list, slot: `${base}${number}`, part, label: column.label };
}

/** A header's column: the caller's map first, then partnerbook's; `null` when neither knows it. */
export function columnOf(
  header: string,
  custom: Map<string, CsvColumn>,
  labels: DateLabels,
): CsvColumn | null {
  const key = headerKey(header);
  const table = builtInTable(labels);
  return custom.get(key) ?? table.get(key) ?? numbered(key, custom) ?? numbered(key, table);
}
