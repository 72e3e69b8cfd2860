import type { DateLabels } from "../vcard/types.js";

// LINE WORKS types each phone, email, address, website, SNS account and date with an enum and
// takes any other label as `CUSTOM` + `customType`. partnerbook's label for each enum value is
// the word the LINE WORKS address book shows; `null` (no label) is `OTHER`. Writing also takes
// the words other apps use for the same thing (mobile, work…), so a vCard's "mobile" becomes
// CELLPHONE: such a label comes back as the LINE WORKS word (携帯), not as it was.

/** The lists whose items carry a type. */
export type LineWorksTypedList = "telephones" | "emails" | "locations" | "websites" | "messengers";

const homeWork = { WORK: "会社", HOME: "自宅", OTHER: null } as const;

/** The label of each LINE WORKS type value, per list. */
export const lineWorksLabelTypes: Readonly<
  Record<LineWorksTypedList, Readonly<Record<string, string | null>>>
> = {
  telephones: {
    CELLPHONE: "携帯",
    HOME: "自宅",
    WORK: "会社",
    HOME_FAX: "自宅FAX",
    WORK_FAX: "会社FAX",
    OTHER: null,
  },
  emails: homeWork,
  locations: homeWork,
  websites: homeWork,
  messengers: { LINE: "LINE", X: "X", FACEBOOK: "Facebook", INSTAGRAM: "Instagram", OTHER: null },
};

const homeWorkWords = { home: "HOME", work: "WORK", 勤務先: "WORK", 仕事: "WORK" } as const;

/** Other words for a type value, written as that type (lower case; matched case-insensitively). */
export const lineWorksLabelSynonyms: Readonly<Record<LineWorksTypedList, Readonly<Record<string, string>>>> =
  {
    telephones: {
      ...homeWorkWords,
      mobile: "CELLPHONE",
      cell: "CELLPHONE",
      iphone: "CELLPHONE",
      携帯電話: "CELLPHONE",
      "home fax": "HOME_FAX",
      "work fax": "WORK_FAX",
      fax: "WORK_FAX",
      ファクス: "WORK_FAX",
      ファックス: "WORK_FAX",
    },
    emails: homeWorkWords,
    locations: homeWorkWords,
    websites: homeWorkWords,
    messengers: { twitter: "X" },
  };

/** Read as another value: X was TWITTER until 2026. */
const readAs: Readonly<Record<string, string>> = { TWITTER: "X" };

/** The type and custom type a label is written as. */
export function typeOfLabel(
  list: LineWorksTypedList,
  label: string | null,
): { type: string; customType?: string } {
  const labels = lineWorksLabelTypes[list];
  const lower = label?.toLowerCase();
  for (const [type, word] of Object.entries(labels)) {
    if (word === label || (word !== null && lower !== undefined && word.toLowerCase() === lower))
      return { type };
  }
  const synonym = lower === undefined ? undefined : lineWorksLabelSynonyms[list][lower];
  if (synonym !== undefined) return { type: synonym };
  return label === null ? { type: "OTHER" } : { type: "CUSTOM", customType: label };
}

/** The label a type and custom type are read as. */
export function labelOfType(
  list: LineWorksTypedList,
  type: string,
  customType: string | undefined,
): string | null {
  if (type === "CUSTOM") return customType ?? null;
  const word = lineWorksLabelTypes[list][readAs[type] ?? type];
  // An enum value partnerbook does not know yet is its own label, not lost.
  return word === undefined ? (customType ?? type) : word;
}

/** The type of a date label: BIRTHDAY and ANNIVERSARY, or CUSTOM. */
export function eventTypeOf(label: string, labels: DateLabels): { type: string; customType?: string } {
  if (label === labels.birthday) return { type: "BIRTHDAY" };
  if (label === labels.anniversary) return { type: "ANNIVERSARY" };
  return { type: "CUSTOM", customType: label };
}

/** The label of an event type. */
export function eventLabelOf(type: string, customType: string | undefined, labels: DateLabels): string {
  if (type === "BIRTHDAY") return labels.birthday;
  if (type === "ANNIVERSARY") return labels.anniversary;
  return customType ?? type;
}
