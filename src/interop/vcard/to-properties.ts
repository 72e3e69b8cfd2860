import type { SyncedFieldName } from "../../domain/fields.js";
import { normalisePhone, type Region } from "../../domain/phone.js";
import type { ContactPhoto, ContactRecord } from "../record.js";
import { encodeBase64 } from "./base64.js";
import { formatDate } from "./dates.js";
import { escapeText, escapeUri } from "./escape.js";
import { scriptOf } from "./furigana.js";
import { carriersOf, type LabelledKind } from "./labels.js";
import type { DateLabels, VCardVersion } from "./types.js";

/** A property to write: its value already escaped for the version, parameters already formatted. */
export interface OutProperty {
  readonly group: string | null;
  readonly name: string;
  readonly params: readonly string[];
  readonly value: string;
  /** Base64 of binary data, which 2.1 writes on lines of its own. */
  readonly base64?: boolean;
}

/** What the property builder needs besides the record. */
export interface PropertySettings {
  readonly version: VCardVersion;
  readonly region: Region;
  readonly dateLabels: DateLabels;
}

const birthdayWords = new Set(["birthday", "誕生日", "bday"]);
const anniversaryWords = new Set(["anniversary", "記念日"]);
const appleAnniversary = "_$!<Anniversary>!$_";

// RFC 6868 (4.0): a parameter value can hold any text, quoted, with ^ escapes.
const paramText = (value: string): string =>
  `"${value.replace(/[\^\n"]/g, (c) => (c === "^" ? "^^" : c === "\n" ? "^n" : "^'"))}"`;

/** The properties of one card as they are collected, with the group names its labels take. */
class CardProperties {
  readonly out: OutProperty[] = [];
  #items = 0;

  constructor(
    readonly settings: PropertySettings,
    readonly record: ContactRecord,
  ) {}

  get version(): VCardVersion {
    return this.settings.version;
  }

  text(value: string | null, list = false): string {
    return escapeText(value ?? "", this.version, list);
  }

  add(name: string, value: string, params: readonly string[] = [], group: string | null = null): void {
    this.out.push({ group, name, params, value });
  }

  /** R23: the mark on a property that carries a synced value. */
  synced(field: SyncedFieldName): string[] {
    return this.record.synced.includes(field) ? [`X-PARTNERBOOK-SYNCED=${field}`] : [];
  }

  /** TYPE values: bare in 2.1, upper case in 3.0, lower case in 4.0. */
  typeParams(types: readonly string[]): string[] {
    if (types.length === 0) return [];
    if (this.version === "2.1") return types.map((type) => type.toUpperCase());
    return [`TYPE=${types.map((type) => (this.version === "3.0" ? type.toUpperCase() : type)).join(",")}`];
  }

  /** A property, and its label in an X-ABLabel of its own group where TYPE cannot say it. */
  withLabel(name: string, value: string, params: readonly string[], label: string | null): void {
    const group = label === null ? null : `item${++this.#items}`;
    this.add(name, value, params, group);
    if (label !== null) this.add("X-ABLabel", this.text(label), [], group);
  }

  /** A property whose label goes in TYPE where it can (`silent` TYPE values before it). */
  labelled(
    name: string,
    value: string,
    label: string | null,
    kind: LabelledKind,
    silent: string[] = [],
  ): void {
    const { types, custom } = carriersOf(label, kind);
    this.withLabel(name, value, this.typeParams([...silent, ...types]), custom);
  }
}

/** The properties of a card for `record`, in the order Apple and Google write them. */
export function propertiesOf(record: ContactRecord, settings: PropertySettings): OutProperty[] {
  const card = new CardProperties(settings, record);
  namesOf(card);
  profileOf(card);
  phonesOf(card);
  listsOf(card);
  datesOf(card);
  notesOf(card);
  photosOf(card);
  return card.out;
}

/** N, FN and the readings, each way the version's readers look for them. */
function namesOf(card: CardProperties): void {
  const { version } = card;
  const f = card.record.fields;
  const name = `${card.text(f.familyName)};${card.text(f.givenName)};;;`;
  const hasReading = f.familyNameReading !== null || f.givenNameReading !== null;
  const reading = `${card.text(f.familyNameReading)};${card.text(f.givenNameReading)};;;`;
  if (version === "4.0" && hasReading) {
    // RFC 9554: the phonetic N is an alternative of the name, paired by ALTID; SORT-AS for
    // readers of RFC 6350 alone (its parts are comma-separated, so a reading with a comma
    // cannot go there).
    const readings = [f.familyNameReading ?? "", f.givenNameReading ?? ""];
    const sortAs = readings.some((r) => r.includes(",")) ? [] : [`SORT-AS=${paramText(readings.join(","))}`];
    card.add("N", name, ["ALTID=1", ...sortAs]);
    card.add("N", reading, ["ALTID=1", "PHONETIC=script", `SCRIPT=${scriptOf(readings.join(""))}`]);
  } else {
    card.add("N", name);
  }
  const full = [f.familyName, f.givenName].filter((part) => part !== null).join(" ");
  const profile = card.record.profile;
  const shown = full !== "" ? full : (profile.nickname ?? profile.company ?? "");
  card.add("FN", card.text(shown), version === "4.0" ? ["DERIVED=TRUE"] : []);
  if (f.familyNameReading !== null) card.add("X-PHONETIC-LAST-NAME", card.text(f.familyNameReading));
  if (f.givenNameReading !== null) card.add("X-PHONETIC-FIRST-NAME", card.text(f.givenNameReading));
  // Japanese phones of the 2.1 era read the reading here (IrMC), in N's parts.
  if (version === "2.1" && hasReading) card.add("SOUND", reading, ["X-IRMC-N"]);
}

/** NICKNAME, ORG (company; department) and TITLE. */
function profileOf(card: CardProperties): void {
  const { profile, fields } = card.record;
  if (profile.nickname !== null)
    card.add("NICKNAME", card.text(profile.nickname, true), card.synced("nickname"));
  if (profile.company !== null || fields.department !== null) {
    const parts = [profile.company ?? "", ...(fields.department === null ? [] : [fields.department])];
    const value = parts.map((part) => card.text(part)).join(";");
    card.add("ORG", value, profile.company === null ? [] : card.synced("company"));
  }
  if (fields.title !== null) card.add("TITLE", card.text(fields.title));
}

/**
 * R8: a phone as typed when that reads as its own E.164 number in the writer's region, else
 * as E.164 (a tel: URI in 4.0), so that every reader matches the same number.
 */
function phonesOf(card: CardProperties): void {
  for (const phone of card.record.fields.phones) {
    const typed = normalisePhone(phone.raw, card.settings.region)?.e164 === phone.e164;
    const uri = card.version === "4.0" && !typed;
    const { types, custom } = carriersOf(phone.label, "tel");
    const value = uri ? `tel:${phone.e164}` : card.text(typed ? phone.raw : phone.e164);
    card.withLabel("TEL", value, [...(uri ? ["VALUE=uri"] : []), ...card.typeParams(types)], custom);
  }
}

/** Emails, addresses, websites and messengers. */
function listsOf(card: CardProperties): void {
  const { fields } = card.record;
  const silentEmail = card.version === "4.0" ? [] : ["internet"];
  for (const email of fields.emails)
    card.labelled("EMAIL", card.text(email.address), email.label, "email", silentEmail);
  for (const address of fields.addresses) {
    // The whole text in the street part: partnerbook does not know the parts, and every app
    // shows the street.
    card.labelled("ADR", `;;${card.text(address.value)};;;;`, address.label, "adr");
  }
  for (const website of fields.websites) card.labelled("URL", escapeUri(website.value), website.label, "url");
  for (const messenger of fields.messengers) {
    if (card.version === "4.0") {
      const service = messenger.label === null ? [] : [`SERVICE-TYPE=${paramText(messenger.label)}`];
      card.add("SOCIALPROFILE", card.text(messenger.value), ["VALUE=text", ...service]);
    } else {
      card.withLabel("X-SOCIALPROFILE", card.text(messenger.value), [], messenger.label);
    }
  }
}

/**
 * Dates: the first birthday as BDAY, the first anniversary as ANNIVERSARY (4.0 has it), the rest
 * as Apple's X-ABDATE, each with its label where the property alone does not say it.
 */
function datesOf(card: CardProperties): void {
  const { version, dateLabels } = card.settings;
  let birthday = false;
  let anniversary = false;
  for (const { label, date } of card.record.fields.dates) {
    const { value, params } = formatDate(date, version);
    const kind = dateKind(label, dateLabels);
    if (kind === "birthday" && !birthday) {
      birthday = true;
      card.withLabel("BDAY", value, params, label === dateLabels.birthday ? null : label);
    } else if (kind === "anniversary" && !anniversary && version === "4.0") {
      anniversary = true;
      card.withLabel("ANNIVERSARY", value, params, label === dateLabels.anniversary ? null : label);
    } else {
      const written = label === dateLabels.anniversary && version !== "4.0" ? appleAnniversary : label;
      card.withLabel("X-ABDATE", value, params, written);
    }
  }
}

function dateKind(label: string, dateLabels: DateLabels): "birthday" | "anniversary" | null {
  const lower = label.toLowerCase();
  if (label === dateLabels.birthday || birthdayWords.has(lower)) return "birthday";
  if (label === dateLabels.anniversary || anniversaryWords.has(lower)) return "anniversary";
  return null;
}

/** NOTE, CATEGORIES (group names), partnerbook's tags and custom fields. */
function notesOf(card: CardProperties): void {
  const { fields, groupNames } = card.record;
  const list = (values: readonly string[]) => values.map((value) => card.text(value, true)).join(",");
  if (fields.memo !== null) card.add("NOTE", card.text(fields.memo));
  if (groupNames.length > 0) card.add("CATEGORIES", list(groupNames));
  if (fields.tags.length > 0) card.add("X-PARTNERBOOK-TAGS", list(fields.tags));
  for (const field of fields.customFields) {
    card.withLabel("X-PARTNERBOOK-FIELD", card.text(field.value), [], field.label);
  }
}

/** The photo URL (VALUE=uri in 3.0, URL in 2.1) and an inline photo. */
function photosOf(card: CardProperties): void {
  const { profile, photo } = card.record;
  if (profile.photoUrl !== null) {
    const value = card.version === "4.0" ? [] : [card.version === "3.0" ? "VALUE=uri" : "VALUE=URL"];
    card.add("PHOTO", escapeUri(profile.photoUrl), [...value, ...card.synced("photoUrl")]);
  }
  if (photo !== null) card.out.push(inlinePhoto(photo, card.version));
}

/** An inline photo: a data: URI in 4.0, base64 with ENCODING (and TYPE) before. */
function inlinePhoto(photo: ContactPhoto, version: VCardVersion): OutProperty {
  const data = encodeBase64(photo.data);
  if (version === "4.0") {
    return { group: null, name: "PHOTO", params: [], value: `data:${photo.mediaType ?? ""};base64,${data}` };
  }
  const type = photo.mediaType?.startsWith("image/")
    ? photo.mediaType.slice(6).toUpperCase()
    : photo.mediaType;
  return {
    group: null,
    name: "PHOTO",
    params: [version === "2.1" ? "ENCODING=BASE64" : "ENCODING=b", ...(type ? [`TYPE=${type}`] : [])],
    value: data,
    base64: true,
  };
}
