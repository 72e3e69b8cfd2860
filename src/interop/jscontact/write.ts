import type { ContactDate } from "../../domain/contact.js";
import type { ContactRecord } from "../record.js";
import { encodeBase64 } from "../vcard/base64.js";
import { type DateLabels, defaultDateLabels } from "../vcard/types.js";
import { labelProperties } from "./labels.js";
import { nameOf } from "./name.js";
import { type JSContactCard, jsContactVendorProperties as vendor } from "./types.js";

/** How to write a JSContact card; every option has a default. */
export interface JSContactWriteOptions {
  /**
   * The card's `uid` (e.g. `urn:uuid:…`, or the contact id). With one, the card is JSContact
   * `1.0` (RFC 9553, where `uid` is required); without, `2.0` (RFC 9982, where it is optional).
   */
  readonly uid?: string | undefined;
  /** The date labels written as the `birth` and `wedding` anniversaries. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels | undefined;
}

/** A map of JSContact objects keyed by ids made of `prefix` and a count (`p1`, `p2`…). */
function idMap<T>(prefix: string, items: readonly T[], object: (item: T) => Record<string, unknown>) {
  return items.length === 0
    ? undefined
    : Object.fromEntries(items.map((item, i) => [`${prefix}${i + 1}`, object(item)]));
}

// Keys that are array indices ("12") come first in a JS object whatever the order they were set in.
const isArrayIndex = (key: string) => /^(?:0|[1-9]\d{0,8})$/.test(key);

function anniversaryOf(date: ContactDate, labels: DateLabels): Record<string, unknown> {
  const yearless = date.date.startsWith("--");
  const [year, month, day] = yearless
    ? [null, date.date.slice(2, 4), date.date.slice(5, 7)]
    : date.date.split("-");
  const partial: Record<string, number> = {};
  if (year !== null && year !== undefined) partial.year = Number(year);
  partial.month = Number(month);
  partial.day = Number(day);
  if (date.label === labels.birthday) return { kind: "birth", date: partial };
  if (date.label === labels.anniversary) return { kind: "wedding", date: partial };
  return { kind: vendor.otherDate, date: partial, [vendor.label]: date.label };
}

/**
 * A contact record as a JSContact card (RFC 9553): names with their furigana as `phonetic`
 * components, phones as `tel:` URIs of their E.164 form, labels as `contexts`/`features` or
 * `label`, dates as anniversaries, the memo as a note, tags as keywords. What JSContact has no
 * property for — custom fields, group names, R23 sync marks, the phone as typed, address and
 * date labels — goes in `partnerbook.dev:` vendor properties, so the card comes back whole.
 *
 * @example
 * const json = JSON.stringify(jsContactCardOf(contactRecordOf(contact), { uid: `urn:uuid:${id}` }));
 */
export function jsContactCardOf(record: ContactRecord, options: JSContactWriteOptions = {}): JSContactCard {
  const f = record.fields;
  const p = record.profile;
  const dateLabels = options.dateLabels ?? defaultDateLabels;
  const card: Record<string, unknown> =
    options.uid === undefined
      ? { "@type": "Card", version: "2.0" }
      : { "@type": "Card", version: "1.0", uid: options.uid };
  card.name = nameOf(f.familyName, f.givenName, f.familyNameReading, f.givenNameReading) ?? undefined;
  if (p.nickname !== null) card.nicknames = { k1: { name: p.nickname } };
  if (p.company !== null || f.department !== null) {
    const organization: Record<string, unknown> = {};
    if (p.company !== null) organization.name = p.company;
    if (f.department !== null) organization.units = [{ name: f.department }];
    card.organizations = { o1: organization };
  }
  if (f.title !== null) {
    card.titles = {
      t1:
        card.organizations === undefined
          ? { kind: "title", name: f.title }
          : { kind: "title", name: f.title, organizationId: "o1" },
    };
  }
  card.phones = idMap("p", f.phones, (phone) => ({
    number: `tel:${phone.e164}`,
    ...labelProperties(phone.label, "tel"),
    ...(phone.raw === phone.e164 ? {} : { [vendor.raw]: phone.raw }),
  }));
  card.emails = idMap("e", f.emails, (email) => ({
    address: email.address,
    ...labelProperties(email.label, "email"),
  }));
  card.addresses = idMap("a", f.addresses, (address) => {
    const { label, ...rest } = labelProperties(address.label, "adr");
    return { full: address.value, ...rest, ...(label === undefined ? {} : { [vendor.label]: label }) };
  });
  card.links = idMap("l", f.websites, (site) => ({ uri: site.value, ...labelProperties(site.label, "url") }));
  card.onlineServices = idMap("s", f.messengers, (messenger) => ({
    ...(messenger.label === null ? {} : { service: messenger.label }),
    ...(/^[a-z][a-z0-9+.-]*:/i.test(messenger.value) ? { uri: messenger.value } : { user: messenger.value }),
  }));
  card.anniversaries = idMap("d", f.dates, (date) => anniversaryOf(date, dateLabels));
  if (f.memo !== null) card.notes = { n1: { note: f.memo } };
  if (f.tags.length > 0) {
    card.keywords = Object.fromEntries(f.tags.map((tag) => [tag, true]));
    if (f.tags.some(isArrayIndex)) card[vendor.tags] = [...f.tags];
  }
  const media: Record<string, unknown>[] = [];
  if (p.photoUrl !== null) media.push({ kind: "photo", uri: p.photoUrl });
  if (record.photo !== null) {
    const { mediaType, data } = record.photo;
    media.push({
      kind: "photo",
      uri: `data:${mediaType ?? ""};base64,${encodeBase64(data)}`,
      ...(mediaType === null ? {} : { mediaType }),
    });
  }
  card.media = idMap("m", media, (item) => item);
  if (record.groupNames.length > 0) card[vendor.groups] = [...record.groupNames];
  if (f.customFields.length > 0) {
    card[vendor.customFields] = f.customFields.map((field) => ({ label: field.label, value: field.value }));
  }
  if (record.synced.length > 0) card[vendor.synced] = [...record.synced];
  for (const key of Object.keys(card)) if (card[key] === undefined) delete card[key];
  return card as JSContactCard;
}
