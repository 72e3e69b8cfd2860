import * as z from "zod/mini";
import { type SyncedFieldName, syncedFieldNames } from "../../domain/fields.js";
import type { Region } from "../../domain/phone.js";
import { emailSchema as partnerbookEmail } from "../../schemas.js";
import { isObject, JsonChecks } from "../json/checks.js";
import { emptyOwnerFieldsDraft } from "../json/draft.js";
import { type JsonExtra, pointer } from "../json/issues.js";
import { defaultMaxChars, parseJson } from "../json/parse.js";
import { eachValid } from "../json/validate.js";
import { type ContactRecord, emptyContactRecord } from "../record.js";
import { fieldLimits } from "../vcard/limits.js";
import { type DateLabels, defaultDateLabels } from "../vcard/types.js";
import { labelOfContexts } from "./labels.js";
import {
  array,
  dateLabelOf,
  dateOf,
  labelOf,
  map,
  phoneOf,
  takeMedia,
  takeName,
  takeTags,
} from "./read-values.js";
import * as s from "./schema.js";
import { type JSContactEntry, jsContactVendorProperties as vendor } from "./types.js";
/** How to read JSContact; every option has a default. */
export interface JSContactReadOptions {
  /** R8: the region national phone numbers are read in. Default `JP`; use partnerbook's `defaultRegion`. */
  readonly region?: Region | undefined;
  /** The labels of `birth` and `wedding` anniversaries. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels | undefined;
  /** The longest JSON text read (UTF-16 units); a longer one is a failed entry. Default 8 Mi. */
  readonly maxChars?: number | undefined;
  /** The largest inline (`data:`) photo kept, decoded. Default 512 KiB. */
  readonly maxPhotoBytes?: number | undefined;
}

interface Settings {
  readonly region: Region;
  readonly dateLabels: DateLabels;
  readonly maxPhotoBytes: number;
}

// Card properties partnerbook maps; every other one is an extra.
const mapped = new Set<string>([
  "@type",
  "version",
  "uid",
  "name",
  "nicknames",
  "organizations",
  "titles",
  "phones",
  "emails",
  "addresses",
  "links",
  "onlineServices",
  "anniversaries",
  "notes",
  "keywords",
  "media",
  ...Object.values(vendor),
]);

/**
 * One JSContact card (a parsed object, or JSON text) as a record. Never throws: a value that is
 * not a card is a failed entry; a property that is not as RFC 9553 says is an issue at its JSON
 * Pointer, and the rest of the card is read. Properties partnerbook has no field for are `extras`.
 *
 * @example
 * const entry = readJSContact(await response.text());
 * if (entry.ok) await book.contacts.addCustomer(me, newCustomerInputOf(entry.record));
 */
export function readJSContact(input: unknown, options: JSContactReadOptions = {}): JSContactEntry {
  const parsed = parseJson(input, options.maxChars ?? defaultMaxChars);
  if (!parsed.ok) return { ok: false, index: 0, error: parsed.error };
  return readCard(parsed.value, 0, settingsOf(options));
}

/**
 * An array of JSContact cards (or one card, or JSON text of either) as one entry per card, in
 * order. Never throws: text that is not JSON is a single failed entry.
 */
export function readJSContactCards(input: unknown, options: JSContactReadOptions = {}): JSContactEntry[] {
  const parsed = parseJson(input, options.maxChars ?? defaultMaxChars);
  if (!parsed.ok) return [{ ok: false, index: 0, error: parsed.error }];
  const settings = settingsOf(options);
  const cards = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  return cards.map((card, index) => readCard(card, index, settings));
}

function settingsOf(options: JSContactReadOptions): Settings {
  return {
    region: options.region ?? "JP",
    dateLabels: options.dateLabels ?? defaultDateLabels,
    maxPhotoBytes: options.maxPhotoBytes ?? 512 << 10,
  };
}

function readCard(card: unknown, index: number, settings: Settings): JSContactEntry {
  if (!isObject(card) || card["@type"] !== "Card") {
    return {
      ok: false,
      index,
      error: {
        code: "NOT_A_CARD",
        path: "",
        message: 'the value is not a JSContact object with "@type": "Card"',
      },
    };
  }
  try {
    return takeCard(card, index, settings);
  } catch {
    // A hostile object (a getter that throws, a proxy) is bad input like any other.
    return {
      ok: false,
      index,
      error: { code: "INVALID_VALUE", path: "", message: "the card could not be read" },
    };
  }
}

function takeCard(card: Record<string, unknown>, index: number, settings: Settings): JSContactEntry {
  const checks = new JsonChecks();
  const f = emptyOwnerFieldsDraft();
  if (card.version !== "1.0" && card.version !== "2.0") {
    checks.report("/version", "UNKNOWN_VERSION", "the card's version is not 1.0 or 2.0; read as if it were");
  }
  const uid = checks.string(card.uid, "/uid");
  takeName(card.name, f, checks);
  let nickname: string | null = null;
  eachValid(
    card.nicknames,
    "/nicknames",
    s.nicknameSchema,
    checks,
    (item, path) => {
      nickname ??= checks.line(item.name, pointer(path, "name"), fieldLimits.nickname);
    },
    map,
  );
  let company: string | null = null;
  let organised = false;
  eachValid(
    card.organizations,
    "/organizations",
    s.organizationSchema,
    checks,
    (item, path) => {
      if (organised) return;
      organised = true;
      if (item.name !== undefined)
        company = checks.line(item.name, pointer(path, "name"), fieldLimits.company);
      const units = (item.units ?? []).map((unit) => unit.name).join(" ");
      f.department = checks.line(units, pointer(path, "units"), fieldLimits.department);
    },
    map,
  );
  eachValid(
    card.titles,
    "/titles",
    s.titleSchema,
    checks,
    (item, path) => {
      if (item.kind !== "role") f.title ??= checks.line(item.name, pointer(path, "name"), fieldLimits.title);
    },
    map,
  );
  eachValid(
    card.phones,
    "/phones",
    s.phoneSchema,
    checks,
    (item, path) => {
      const phone = phoneOf(item.number, item[vendor.raw] as string | undefined, settings.region);
      if (phone === null) {
        checks.report(
          pointer(path, "number"),
          "INVALID_PHONE",
          "not a phone number partnerbook can match (R8)",
        );
        return;
      }
      const label = labelOf(item.label ?? labelOfContexts(item.contexts, item.features), path, checks);
      checks.add(f.phones, { label, ...phone }, path);
    },
    map,
  );
  eachValid(
    card.emails,
    "/emails",
    s.emailSchema,
    checks,
    (item, path) => {
      const address = checks.line(item.address, pointer(path, "address"), fieldLimits.email);
      if (address === null) return;
      if (!z.safeParse(partnerbookEmail, address).success) {
        checks.report(pointer(path, "address"), "INVALID_EMAIL", "not an email address");
        return;
      }
      const label = labelOf(item.label ?? labelOfContexts(item.contexts, undefined), path, checks);
      checks.add(f.emails, { label, address }, path);
    },
    map,
  );
  eachValid(
    card.addresses,
    "/addresses",
    s.addressSchema,
    checks,
    (item, path) => {
      const text =
        item.full ??
        (item.components ?? []).map((component) => component.value).join(item.defaultSeparator ?? " ");
      const value = checks.multiline(text, pointer(path, "full"), fieldLimits.address);
      const written = item[vendor.label] as string | undefined;
      const label = labelOf(written ?? labelOfContexts(item.contexts, undefined), path, checks);
      if (value !== null) checks.add(f.addresses, { label, value }, path);
    },
    map,
  );
  eachValid(
    card.links,
    "/links",
    s.linkSchema,
    checks,
    (item, path) => {
      const value = checks.line(item.uri, pointer(path, "uri"), fieldLimits.website);
      const label = labelOf(item.label ?? labelOfContexts(item.contexts, undefined), path, checks);
      if (value !== null) checks.add(f.websites, { label, value }, path);
    },
    map,
  );
  eachValid(
    card.onlineServices,
    "/onlineServices",
    s.onlineServiceSchema,
    checks,
    (item, path) => {
      const value = checks.line(item.user ?? item.uri ?? "", pointer(path, "user"), fieldLimits.messenger);
      const label = labelOf(item.service ?? item.label ?? null, path, checks);
      if (value !== null) checks.add(f.messengers, { label, value }, path);
    },
    map,
  );
  eachValid(
    card.anniversaries,
    "/anniversaries",
    s.anniversarySchema,
    checks,
    (item, path) => {
      const date = dateOf(item.date);
      if (date === null) {
        checks.report(pointer(path, "date"), "INVALID_DATE", "not a date with a month and a day");
        return;
      }
      const written = item[vendor.label] as string | undefined;
      const label = labelOf(written ?? dateLabelOf(item.kind, settings.dateLabels), path, checks);
      if (label !== null) checks.add(f.dates, { label, date }, path);
    },
    map,
  );
  const notes: string[] = [];
  eachValid(card.notes, "/notes", s.noteSchema, checks, (item) => notes.push(item.note), map);
  if (notes.length > 0) f.memo = checks.multiline(notes.join("\n"), "/notes", fieldLimits.memo, true);
  takeTags(card, f, checks);
  const photos = takeMedia(card.media, checks, settings.maxPhotoBytes);
  const groupNames: string[] = [];
  eachValid(
    card[vendor.groups],
    pointer("", vendor.groups),
    z.string(),
    checks,
    (item, path) => {
      const name = checks.line(item, path, fieldLimits.tag);
      if (name !== null && !groupNames.includes(name)) groupNames.push(name);
    },
    array,
  );
  eachValid(
    card[vendor.customFields],
    pointer("", vendor.customFields),
    s.customFieldSchema,
    checks,
    (item, path) => {
      const value = checks.multiline(item.value, pointer(path, "value"), fieldLimits.customValue);
      const label = labelOf(item.label ?? null, path, checks);
      if (value !== null) f.customFields.push({ label, value });
    },
    array,
  );
  const profile = { nickname, company, photoUrl: photos.url };
  const synced = new Set<SyncedFieldName>();
  eachValid(
    card[vendor.synced],
    pointer("", vendor.synced),
    z.enum(syncedFieldNames),
    checks,
    (item) => {
      // R23: only a value that is there can have come from a sync.
      if (profile[item] !== null) synced.add(item);
    },
    array,
  );
  const extras: JsonExtra[] = Object.keys(card)
    .filter((key) => !mapped.has(key))
    .map((key) => ({ path: pointer("", key), value: card[key] }));
  const record: ContactRecord = {
    ...emptyContactRecord,
    fields: f,
    profile,
    groupNames,
    synced: syncedFieldNames.filter((field) => synced.has(field)),
    photo: photos.photo,
  };
  return { ok: true, index, record, uid, issues: checks.issues, extras };
}
