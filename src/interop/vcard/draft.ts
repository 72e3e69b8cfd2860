import type { ContactDate, ContactEmail, ContactPhone, LabelledValue } from "../../domain/contact.js";
import type { SyncedFieldName } from "../../domain/fields.js";
import type { ContactPhoto, ContactRecord } from "../record.js";
import type { CardContext } from "./card-context.js";
import { noCarriers, type ReadingCarriers, readingsOf } from "./furigana.js";
import { fieldLimits } from "./limits.js";
import type { Property } from "./property.js";
import type { VCardProperty } from "./types.js";

/** What a card has said so far, property by property; {@link recordOf} makes the record. */
export interface Draft {
  family: string | null;
  given: string | null;
  /** The card has a (non-phonetic) N, even an empty one. */
  named: boolean;
  fullName: Property | null;
  readonly carriers: ReadingCarriers;
  nickname: string | null;
  company: string | null;
  department: string | null;
  title: string | null;
  photoUrl: string | null;
  photo: ContactPhoto | null;
  readonly synced: Set<SyncedFieldName>;
  readonly phones: ContactPhone[];
  readonly emails: ContactEmail[];
  readonly addresses: LabelledValue[];
  /** 2.1/3.0 LABEL properties: addresses only if the card has no ADR. */
  readonly labels: Property[];
  readonly websites: LabelledValue[];
  readonly messengers: LabelledValue[];
  readonly dates: ContactDate[];
  readonly notes: Property[];
  readonly groupNames: string[];
  readonly tags: string[];
  readonly customFields: LabelledValue[];
  readonly extras: VCardProperty[];
}

/** A draft of a card that has said nothing yet. */
export function emptyDraft(): Draft {
  return {
    family: null,
    given: null,
    named: false,
    fullName: null,
    carriers: noCarriers(),
    nickname: null,
    company: null,
    department: null,
    title: null,
    photoUrl: null,
    photo: null,
    synced: new Set(),
    phones: [],
    emails: [],
    addresses: [],
    labels: [],
    websites: [],
    messengers: [],
    dates: [],
    notes: [],
    groupNames: [],
    tags: [],
    customFields: [],
    extras: [],
  };
}

/** The record a finished draft stands for. */
export function recordOf(draft: Draft, card: CardContext, line: number): ContactRecord {
  const { checks } = card;
  // A card with no N at all (4.0 allows it) is named by its FN, whole, as partnerbook names a
  // profile without parts; an N that is there but empty is a company card, not a nameless one.
  if (!draft.named && draft.fullName !== null) {
    draft.family = checks.line(card.text(draft.fullName), draft.fullName, fieldLimits.name);
  }
  const readings = readingsOf(draft.carriers, { family: draft.family, given: draft.given });
  const readingAt = { name: "N", line };
  if (draft.addresses.length === 0) {
    for (const label of draft.labels) {
      const value = checks.multiline(card.text(label), label, fieldLimits.address);
      if (value !== null) checks.add(draft.addresses, { label: card.labelOf(label, "adr"), value }, label);
    }
  }
  const [firstNote] = draft.notes;
  const memo =
    firstNote === undefined
      ? null
      : checks.multiline(
          draft.notes.map((note) => card.text(note)).join("\n"),
          firstNote,
          fieldLimits.memo,
          true,
        );
  return {
    fields: {
      familyName: draft.family,
      givenName: draft.given,
      familyNameReading:
        readings.family === null ? null : checks.line(readings.family, readingAt, fieldLimits.name),
      givenNameReading:
        readings.given === null ? null : checks.line(readings.given, readingAt, fieldLimits.name),
      department: draft.department,
      title: draft.title,
      phones: draft.phones,
      emails: draft.emails,
      addresses: draft.addresses,
      websites: draft.websites,
      messengers: draft.messengers,
      dates: draft.dates,
      memo,
      tags: draft.tags,
      customFields: draft.customFields,
    },
    profile: { nickname: draft.nickname, company: draft.company, photoUrl: draft.photoUrl },
    groupNames: draft.groupNames,
    synced: (["nickname", "company", "photoUrl"] as const).filter((field) => draft.synced.has(field)),
    photo: draft.photo,
  };
}
