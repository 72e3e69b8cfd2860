import { safeParse } from "zod/mini";
import type { SyncedFieldName } from "../../domain/fields.js";
import { emailSchema } from "../../schemas.js";
import { addressText } from "./address.js";
import { CardContext, type CardSettings, typesOf } from "./card-context.js";
import { hasType, paramOf, type RawProperty } from "./content-line.js";
import { parseDate } from "./dates.js";
import { type Draft, emptyDraft, recordOf } from "./draft.js";
import { labelOfAppleLabel, labelOfTypes } from "./labels.js";
import { fieldLimits } from "./limits.js";
import { messengerOf } from "./messengers.js";
import { readPhoto } from "./photo.js";
import { decodeProperty, type Property } from "./property.js";
import type { ReadCard, VCardIssue, VCardProperty, VCardVersion } from "./types.js";

/** A card as the card reader collected it: its lines split, not yet decoded. */
export interface CollectedCard {
  readonly line: number;
  readonly version: VCardVersion;
  readonly properties: readonly RawProperty[];
  readonly issues: readonly VCardIssue[];
}

const anniversaryToken = /^_\$!<anniversary>!\$_$/i;
// Consumed by the properties they qualify, or by the card reader.
const consumed = new Set(["X-ABLABEL", "VERSION", "BEGIN", "END"]);

/** Turns a collected card into a record, with everything it could not take as issues. */
export function cardToRecord(collected: CollectedCard, settings: CardSettings): ReadCard {
  const { version, line } = collected;
  const decoding = CardContext.decoding(version, settings);
  const properties: Property[] = [];
  const failed: VCardIssue[] = [];
  for (const raw of collected.properties) {
    const decoded = decodeProperty(raw, decoding);
    if (decoded.ok) properties.push(decoded.property);
    else failed.push(decoded.issue);
  }
  const card = new CardContext(version, settings, properties);
  card.checks.issues.push(...collected.issues, ...failed);
  const draft = emptyDraft();
  for (const property of properties) take(draft, card, property);
  const record = recordOf(draft, card, line);
  return { ok: true, line, version, record, issues: card.checks.issues, extras: draft.extras };
}

/** Adds what one property says to the draft. */
function take(draft: Draft, card: CardContext, property: Property): void {
  const { checks } = card;
  switch (property.name) {
    case "N":
      takeName(draft, card, property);
      return;
    case "FN":
      draft.fullName ??= property;
      return;
    case "X-PHONETIC-LAST-NAME":
    case "X-PHONETIC-FIRST-NAME":
      takePhoneticName(draft, card, property);
      return;
    case "SORT-STRING":
      draft.carriers.sortString ??= card.text(property);
      return;
    case "NICKNAME":
      if (draft.nickname !== null) return;
      draft.nickname = checks.line(card.parts(property, ",").join(", "), property, fieldLimits.nickname);
      markSynced(draft, property, "nickname");
      return;
    case "ORG":
      takeOrganisation(draft, card, property);
      return;
    case "TITLE":
      draft.title ??= checks.line(card.text(property), property, fieldLimits.title);
      return;
    case "TEL":
      takePhone(draft, card, property);
      return;
    case "EMAIL":
      takeEmail(draft, card, property);
      return;
    case "ADR":
      takeAddress(draft, card, property);
      return;
    case "LABEL":
      draft.labels.push(property);
      return;
    case "URL": {
      const value = checks.line(card.text(property), property, fieldLimits.website);
      if (value !== null)
        checks.add(draft.websites, { label: card.labelOf(property, "url"), value }, property);
      return;
    }
    case "BDAY":
      takeDate(draft, card, property, card.settings.dateLabels.birthday);
      return;
    case "ANNIVERSARY":
    case "X-ANNIVERSARY":
      takeDate(draft, card, property, card.settings.dateLabels.anniversary);
      return;
    case "X-ABDATE":
      takeDate(draft, card, property, "other");
      return;
    case "NOTE":
      draft.notes.push(property);
      return;
    case "CATEGORIES":
      takeItems(card.settings.categories === "groups" ? draft.groupNames : draft.tags, card, property);
      return;
    case "X-PARTNERBOOK-TAGS":
      takeItems(draft.tags, card, property);
      return;
    case "X-PARTNERBOOK-FIELD": {
      const value = checks.multiline(card.text(property), property, fieldLimits.customValue);
      if (value !== null)
        checks.add(draft.customFields, { label: card.labelOf(property, null), value }, property);
      return;
    }
    case "PHOTO":
      takePhoto(draft, card, property);
      return;
    default:
      takeOther(draft, card, property);
      return;
  }
}

function takeName(draft: Draft, card: CardContext, property: Property): void {
  if (property.params.has("PHONETIC")) {
    draft.carriers.phoneticName ??= card.parts(property, ";");
    return;
  }
  if (draft.named) return;
  draft.named = true;
  const [family = "", given = "", middle = ""] = card.parts(property, ";");
  draft.family = card.checks.line(family, property, fieldLimits.name);
  // partnerbook has no middle name; it stays with the given name rather than be lost.
  draft.given = card.checks.line(`${given} ${middle}`, property, fieldLimits.name);
  const sortAs = property.params.get("SORT-AS");
  if (sortAs !== undefined) draft.carriers.sortAs = sortAs;
}

function takePhoneticName(draft: Draft, card: CardContext, property: Property): void {
  const reading = card.checks.line(card.text(property), property, fieldLimits.name);
  const before = draft.carriers.phoneticProperties ?? { family: null, given: null };
  draft.carriers.phoneticProperties =
    property.name === "X-PHONETIC-LAST-NAME"
      ? { family: before.family ?? reading, given: before.given }
      : { family: before.family, given: before.given ?? reading };
}

function takeOrganisation(draft: Draft, card: CardContext, property: Property): void {
  if (draft.company !== null || draft.department !== null) return;
  const [name = "", ...units] = card.parts(property, ";");
  draft.company = card.checks.line(name, property, fieldLimits.company);
  draft.department = card.checks.line(units.join(" "), property, fieldLimits.department);
  if (draft.company !== null) markSynced(draft, property, "company");
}

function takePhone(draft: Draft, card: CardContext, property: Property): void {
  const phone = card.phoneOf(property);
  if (phone === null) {
    card.checks.report(property, "INVALID_PHONE", "TEL is not a phone number partnerbook can match (R8)");
    return;
  }
  card.checks.add(draft.phones, { label: card.labelOf(property, "tel"), ...phone }, property);
}

function takeEmail(draft: Draft, card: CardContext, property: Property): void {
  const address = card.checks.line(card.text(property), property, fieldLimits.email);
  if (address === null) return;
  if (!safeParse(emailSchema, address).success) {
    card.checks.report(property, "INVALID_EMAIL", "EMAIL is not an email address");
    return;
  }
  card.checks.add(draft.emails, { label: card.labelOf(property, "email"), address }, property);
}

function takeAddress(draft: Draft, card: CardContext, property: Property): void {
  const formatted = card.version === "4.0" ? paramOf(property.params, "LABEL") : null;
  const text = formatted ?? addressText(card.parts(property, ";"));
  const value = card.checks.multiline(text, property, fieldLimits.address);
  if (value !== null)
    card.checks.add(draft.addresses, { label: card.labelOf(property, "adr"), value }, property);
}

function takeDate(draft: Draft, card: CardContext, property: Property, fallback: string): void {
  const date = parseDate(card.text(property), paramOf(property.params, "X-APPLE-OMIT-YEAR"));
  if (date === null) {
    card.checks.report(property, "INVALID_DATE", `${property.name} is not a date partnerbook can keep`);
    return;
  }
  const group = card.groupLabel(property);
  const written =
    group === null ? fallback : anniversaryToken.test(group) ? card.settings.dateLabels.anniversary : group;
  const label = card.checks.line(labelOfAppleLabel(written), property, fieldLimits.label);
  if (label !== null) card.checks.add(draft.dates, { label, date }, property);
}

function takeItems(list: string[], card: CardContext, property: Property): void {
  for (const item of card.parts(property, ",")) {
    const value = card.checks.line(item, property, fieldLimits.tag);
    if (value !== null && !list.includes(value)) card.checks.add(list, value, property);
  }
}

function takePhoto(draft: Draft, card: CardContext, property: Property): void {
  const read = readPhoto(property, card.version, card.settings.maxPhotoBytes);
  if (read.kind === "refused") card.checks.report(property, read.code, read.message);
  else if (read.kind === "inline") draft.photo ??= read.photo;
  else if (draft.photoUrl === null) {
    draft.photoUrl = card.checks.line(read.url, property, fieldLimits.photoUrl);
    if (draft.photoUrl !== null) markSynced(draft, property, "photoUrl");
  }
}

/** Messengers, IrMC readings, Android's nickname; anything else is an extra. */
function takeOther(draft: Draft, card: CardContext, property: Property): void {
  const { checks } = card;
  const messenger = messengerOf(property, card.version, messengerLabel(property, card.groupLabel(property)));
  if (messenger !== null) {
    const value = checks.line(messenger.value, property, fieldLimits.messenger);
    const label = messenger.label === null ? null : checks.line(messenger.label, property, fieldLimits.label);
    if (value !== null) checks.add(draft.messengers, { label, value }, property);
  } else if (property.name === "SOUND" && hasType(property.params, "X-IRMC-N")) {
    draft.carriers.irmc ??= card.parts(property, ";");
  } else if (property.name === "X-ANDROID-CUSTOM" && isAndroidNickname(card.parts(property, ";"))) {
    // Android 2.1: X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;<nickname>;…
    draft.nickname ??= checks.line(card.parts(property, ";")[1] ?? "", property, fieldLimits.nickname);
  } else if (!consumed.has(property.name)) {
    draft.extras.push(extraOf(property));
  }
}

const isAndroidNickname = (parts: readonly string[]) => parts[0] === "vnd.android.cursor.item/nickname";

/** R23: the property carries partnerbook's mark that `field` came from a linked contact's sync. */
function markSynced(draft: Draft, property: Property, field: SyncedFieldName): void {
  if ((property.params.get("X-PARTNERBOOK-SYNCED") ?? []).includes(field)) draft.synced.add(field);
}

/** The label an SNS or IM account carries in its parameters, when no `X-ABLabel` names it. */
function messengerLabel(property: Property, group: string | null): string | null {
  if (group !== null) return labelOfAppleLabel(group);
  return (
    paramOf(property.params, "SERVICE-TYPE") ??
    paramOf(property.params, "X-SERVICE-TYPE") ??
    labelOfTypes(typesOf(property))
  );
}

function extraOf(property: Property): VCardProperty {
  return {
    group: property.group,
    name: property.name,
    params: Object.fromEntries(property.params),
    value: property.raw,
    line: property.line,
  };
}
