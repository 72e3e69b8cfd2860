import { safeParse } from "zod/mini";
import type { ContactDate, ContactEmail, ContactPhone, LabelledValue } from "../../domain/contact.js";
import { normalisePhone, type Region } from "../../domain/phone.js";
import { emailSchema } from "../../schemas.js";
import { fieldLimits } from "../field-limits.js";
import { widenKana } from "../kana.js";
import type { ContactRecord } from "../record.js";
import { addressText } from "../vcard/address.js";
import { RowChecks } from "./checks.js";
import { parseCsvDate } from "./dates.js";
import { unguardCell } from "./formula.js";
import type { CsvAddressPart, CsvColumn, CsvExtra, CsvListField, CsvTextField, ReadRow } from "./types.js";

/** A column of the file as the header named it. */
export interface HeaderColumn {
  readonly header: string;
  /** `null`: a column partnerbook does not know. */
  readonly column: CsvColumn | null;
}

/** What turning a row into a record needs besides the row. */
export interface RowSettings {
  readonly region: Region;
  readonly unknownColumns: "extras" | "customFields";
}

interface Slot {
  readonly list: CsvListField;
  /** The first column of the slot, named in issues. */
  readonly header: string;
  label: string | null;
  values: string[];
  readonly parts: Partial<Record<CsvAddressPart, string>>;
  readonly defaultLabel: string | null;
}

// Google writes several phones or emails of one label into one cell.
const multiValue = /\s*:::\s*/;
const splitsValues: ReadonlySet<CsvListField> = new Set(["phones", "emails"]);
// Google's system groups, which are no group of the owner's.
const systemGroups = new Set(["* mycontacts", "* starred"]);

const addressOrder: readonly CsvAddressPart[] = [
  "pobox",
  "extended",
  "street",
  "city",
  "region",
  "postalCode",
  "country",
];

/** A label as written; Google marks a primary item's label with a leading `* `. */
const labelText = (text: string): string => text.replace(/^\*\s+/, "");

/** Turns a row's cells into a record, with everything it could not take as issues. */
export function rowToRecord(
  cells: readonly string[],
  columns: readonly HeaderColumn[],
  line: number,
  settings: RowSettings,
): ReadRow {
  const checks = new RowChecks(line);
  const texts = new Map<CsvTextField, { value: string; header: string }>();
  const slots = new Map<string, Slot>();
  const groupNames: string[] = [];
  const tags: string[] = [];
  const extras: CsvExtra[] = [];
  const customFields: LabelledValue[] = [];

  if (cells.length > columns.length && cells.slice(columns.length).some((cell) => cell !== "")) {
    checks.report(null, "EXTRA_CELLS", `the row has ${cells.length} cells and the header ${columns.length}`);
  }
  columns.forEach(({ header, column }, index) => {
    const raw = cells[index];
    if (raw === undefined) return;
    const cell = unguardCell(raw);
    if (cell === "") return;
    if (column === null) {
      if (settings.unknownColumns === "extras") extras.push({ column: header, value: cell });
      else {
        const value = checks.multiline(cell, header, fieldLimits.customValue);
        const label = checks.line(header, header, fieldLimits.label);
        if (value !== null) checks.add(customFields, { label, value }, header);
      }
      return;
    }
    if (column === "ignore") return;
    if (typeof column === "string") {
      const before = texts.get(column);
      if (before === undefined) texts.set(column, { value: cell, header });
      else if (column === "memo") before.value = `${before.value}\n${cell}`;
      return;
    }
    if ("items" in column) {
      const target = column.items === "groupNames" ? groupNames : tags;
      for (const item of cell.split(column.separator ?? multiValue)) {
        if (column.items === "groupNames" && systemGroups.has(item.trim().toLowerCase())) continue;
        const name = checks.line(labelText(item.trim()), header, fieldLimits.tag);
        if (name !== null && !target.includes(name)) checks.add(target, name, header);
      }
      return;
    }
    const key = `${column.list}\u0000${column.slot ?? header}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = {
        list: column.list,
        header,
        label: null,
        values: [],
        parts: {},
        defaultLabel: column.label ?? null,
      };
      slots.set(key, slot);
    }
    const part = column.part ?? "value";
    if (part === "label") slot.label = checks.line(labelText(cell), header, fieldLimits.label);
    else if (part === "value")
      slot.values.push(...(splitsValues.has(column.list) ? cell.split(multiValue) : [cell]));
    else slot.parts[part] = cell;
  });

  const text = (field: CsvTextField, max: number) => {
    const found = texts.get(field);
    return found === undefined ? null : checks.line(found.value, found.header, max);
  };
  const reading = (field: CsvTextField) => {
    const found = texts.get(field);
    return found === undefined ? null : checks.line(widenKana(found.value), found.header, fieldLimits.name);
  };
  const joined = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : `${a} ${b}`);

  let familyName = text("familyName", fieldLimits.name);
  // partnerbook has no middle name; it stays with the given name rather than be lost, as in vCard.
  const givenName = joined(text("givenName", fieldLimits.name), text("middleName", fieldLimits.name));
  if (familyName === null && givenName === null) familyName = text("fullName", fieldLimits.name);
  let familyNameReading = reading("familyNameReading");
  let givenNameReading = joined(reading("givenNameReading"), reading("middleNameReading"));
  if (familyNameReading === null && givenNameReading === null) {
    const whole = reading("fullNameReading");
    if (whole !== null) {
      const split = /^(\S+)[\s\u3000]+(.+)$/u.exec(whole);
      if (split !== null && givenName !== null)
        [familyNameReading, givenNameReading] = [split[1] ?? "", split[2] ?? ""];
      else if (familyName === null && givenName !== null) givenNameReading = whole;
      else familyNameReading = whole;
    }
  }
  const memoCell = texts.get("memo");
  const lists = listsOf([...slots.values()], checks, settings.region);
  for (const field of customFields) checks.add(lists.customFields, field, field.label ?? "");

  const record: ContactRecord = {
    fields: {
      familyName,
      givenName,
      familyNameReading,
      givenNameReading,
      department: text("department", fieldLimits.department),
      title: text("title", fieldLimits.title),
      ...lists,
      memo:
        memoCell === undefined
          ? null
          : checks.multiline(memoCell.value, memoCell.header, fieldLimits.memo, true),
      tags,
      customFields: lists.customFields,
    },
    profile: {
      nickname: text("nickname", fieldLimits.nickname),
      company: text("company", fieldLimits.company),
      photoUrl: text("photoUrl", fieldLimits.photoUrl),
    },
    groupNames,
    synced: [],
    photo: null,
  };
  return { ok: true, line, record, issues: checks.issues, extras };
}

interface Lists {
  phones: ContactPhone[];
  emails: ContactEmail[];
  addresses: LabelledValue[];
  websites: LabelledValue[];
  messengers: LabelledValue[];
  dates: ContactDate[];
  customFields: LabelledValue[];
}

function listsOf(slots: readonly Slot[], checks: RowChecks, region: Region): Lists {
  const lists: Lists = {
    phones: [],
    emails: [],
    addresses: [],
    websites: [],
    messengers: [],
    dates: [],
    customFields: [],
  };
  for (const slot of slots) {
    const label = slot.label ?? slot.defaultLabel;
    const { header } = slot;
    if (slot.list === "addresses" && slot.values.length === 0 && Object.keys(slot.parts).length > 0) {
      slot.values.push(addressText(addressOrder.map((part) => slot.parts[part] ?? "")));
    }
    for (const cell of slot.values) {
      switch (slot.list) {
        case "phones": {
          const raw = checks.line(cell, header, fieldLimits.phone);
          if (raw === null) break;
          const phone = normalisePhone(raw, region);
          if (phone === null)
            checks.report(
              header,
              "INVALID_PHONE",
              `${header} is not a phone number partnerbook can match (R8)`,
            );
          else checks.add(lists.phones, { label, e164: phone.e164, raw: phone.raw }, header);
          break;
        }
        case "emails": {
          const address = checks.line(cell, header, fieldLimits.email);
          if (address === null) break;
          if (!safeParse(emailSchema, address).success)
            checks.report(header, "INVALID_EMAIL", `${header} is not an email address`);
          else checks.add(lists.emails, { label, address }, header);
          break;
        }
        case "dates": {
          const date = parseCsvDate(cell);
          if (date === null)
            checks.report(header, "INVALID_DATE", `${header} is not a date partnerbook can keep`);
          else checks.add(lists.dates, { label: label ?? "other", date }, header);
          break;
        }
        case "addresses":
        case "customFields": {
          const value = checks.multiline(
            cell,
            header,
            slot.list === "addresses" ? fieldLimits.address : fieldLimits.customValue,
          );
          if (value !== null) checks.add(lists[slot.list], { label, value }, header);
          break;
        }
        case "websites":
        case "messengers": {
          const value = checks.line(
            cell,
            header,
            fieldLimits[slot.list === "websites" ? "website" : "messenger"],
          );
          if (value !== null) checks.add(lists[slot.list], { label, value }, header);
          break;
        }
      }
    }
  }
  return lists;
}
