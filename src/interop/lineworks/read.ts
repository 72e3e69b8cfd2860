import * as z from "zod/mini";
import type { SyncedFieldName } from "../../domain/fields.js";
import { normalisePhone, type Region } from "../../domain/phone.js";
import { emailSchema as partnerbookEmail } from "../../schemas.js";
import { isObject, JsonChecks } from "../json/checks.js";
import { emptyOwnerFieldsDraft, type OwnerFieldsDraft } from "../json/draft.js";
import { type JsonExtra, pointer } from "../json/issues.js";
import { defaultMaxChars, parseJson } from "../json/parse.js";
import { eachValid, valid } from "../json/validate.js";
import type { ContactRecord } from "../record.js";
import { parseDate } from "../vcard/dates.js";
import { fieldLimits } from "../vcard/limits.js";
import { type DateLabels, defaultDateLabels } from "../vcard/types.js";
import { eventLabelOf, type LineWorksTypedList, labelOfType } from "./labels.js";
import * as s from "./schema.js";
import type { LineWorksEntry, LineWorksLinkedExternalUser, LineWorksPermission } from "./types.js";

/** How to read LINE WORKS contacts; every option has a default. */
export interface LineWorksReadOptions {
  /** R8: the region national phone numbers are read in. Default `JP`; use partnerbook's `defaultRegion`. */
  readonly region?: Region | undefined;
  /** The labels of BIRTHDAY and ANNIVERSARY events. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels | undefined;
  /** The name of each tag, by id (from the contact-tags API); ids without one are reported and left out. */
  readonly tagNames?: ReadonlyMap<string, string> | undefined;
  /** The custom field label of each custom property, by property name; default the name itself. */
  readonly customPropertyLabels?: ReadonlyMap<string, string> | undefined;
  /** The longest JSON text read (UTF-16 units); a longer one is a failed entry. Default 8 Mi. */
  readonly maxChars?: number | undefined;
}

const mapped = new Set([
  "contactId",
  "permission",
  "contactName",
  "organizations",
  "telephones",
  "emails",
  "locations",
  "websites",
  "messengers",
  "events",
  "memo",
  "contactTagIds",
  "customProperties",
  "linkedExternalUser",
]);
const list = { array: true, max: fieldLimits.items } as const;

/**
 * One LINE WORKS API 2.0 contact (a parsed object, or JSON text) as a record. Never throws: a
 * value that is not a contact is a failed entry; a property that is not as the API gives it is
 * an issue at its JSON Pointer, and the rest is read. An external message contact (with a
 * `linkedExternalUser`) gives its nickname and company as synced (R23).
 */
export function readLineWorksContact(input: unknown, options: LineWorksReadOptions = {}): LineWorksEntry {
  const parsed = parseJson(input, options.maxChars ?? defaultMaxChars);
  if (!parsed.ok) return { ok: false, index: 0, error: parsed.error };
  return readContact(parsed.value, 0, options);
}

/** One page of `GET /contacts`: an entry per contact, in order, and the cursor of the next page. */
export interface LineWorksContactsPage {
  readonly entries: LineWorksEntry[];
  /** `responseMetaData.nextCursor`, or `null` on the last page. */
  readonly nextCursor: string | null;
}

/**
 * The list response of `GET /contacts` (`{ contacts, responseMetaData: { nextCursor } }`), or its
 * JSON text. Never throws: a response that is not one is a single failed entry.
 *
 * @example
 * let cursor: string | null = null;
 * do {
 *   const page = readLineWorksContacts(await get(`/contacts?count=500${cursor ? `&cursor=${cursor}` : ""}`));
 *   for (const entry of page.entries) if (entry.ok) records.push(entry.record);
 *   cursor = page.nextCursor;
 * } while (cursor !== null);
 */
export function readLineWorksContacts(
  input: unknown,
  options: LineWorksReadOptions = {},
): LineWorksContactsPage {
  const parsed = parseJson(input, options.maxChars ?? defaultMaxChars);
  if (!parsed.ok) return { entries: [{ ok: false, index: 0, error: parsed.error }], nextCursor: null };
  const response = parsed.value;
  if (!isObject(response) || !Array.isArray(response.contacts)) {
    const error = {
      code: "INVALID_VALUE",
      path: "/contacts",
      message: "the response has no contacts array",
    } as const;
    return { entries: [{ ok: false, index: 0, error }], nextCursor: null };
  }
  const meta = response.responseMetaData;
  const cursor = isObject(meta) ? meta.nextCursor : undefined;
  return {
    entries: response.contacts.map((contact, index) => readContact(contact, index, options)),
    nextCursor: typeof cursor === "string" && cursor !== "" ? cursor : null,
  };
}

function readContact(contact: unknown, index: number, options: LineWorksReadOptions): LineWorksEntry {
  if (!isObject(contact)) {
    return {
      ok: false,
      index,
      error: { code: "NOT_A_CONTACT", path: "", message: "the contact is not an object" },
    };
  }
  try {
    return takeContact(contact, index, options);
  } catch {
    return {
      ok: false,
      index,
      error: { code: "INVALID_VALUE", path: "", message: "the contact could not be read" },
    };
  }
}

function takeContact(
  contact: Record<string, unknown>,
  index: number,
  options: LineWorksReadOptions,
): LineWorksEntry {
  const checks = new JsonChecks();
  const region = options.region ?? "JP";
  const dateLabels = options.dateLabels ?? defaultDateLabels;
  const f = emptyOwnerFieldsDraft();
  const extras: JsonExtra[] = [];
  const line = (value: string | null | undefined, path: string, max: number) =>
    value === null || value === undefined ? null : checks.line(value, path, max);
  const name =
    contact.contactName === undefined
      ? null
      : valid(s.contactNameSchema, contact.contactName, "/contactName", checks);
  f.familyName = line(name?.lastName, "/contactName/lastName", fieldLimits.name);
  f.givenName = line(name?.firstName, "/contactName/firstName", fieldLimits.name);
  f.familyNameReading = line(name?.phoneticLastName, "/contactName/phoneticLastName", fieldLimits.name);
  f.givenNameReading = line(name?.phoneticFirstName, "/contactName/phoneticFirstName", fieldLimits.name);
  const nickname = line(name?.nickName, "/contactName/nickName", fieldLimits.nickname);
  let company: string | null = null;
  let organised = false;
  eachValid(
    contact.organizations,
    "/organizations",
    s.organizationSchema,
    checks,
    (org, path) => {
      // partnerbook keeps one organisation; the others stay as extras.
      if (organised) {
        extras.push({ path, value: org });
        return;
      }
      organised = true;
      company = line(org.name, pointer(path, "name"), fieldLimits.company);
      f.department = line(org.department, pointer(path, "department"), fieldLimits.department);
      f.title = line(org.title, pointer(path, "title"), fieldLimits.title);
    },
    list,
  );
  const labelOf = (
    kind: LineWorksTypedList,
    item: { type: string; customType?: string | null | undefined },
    path: string,
  ) => {
    const label = labelOfType(kind, item.type, item.customType ?? undefined);
    return label === null ? null : checks.line(label, pointer(path, "customType"), fieldLimits.label);
  };
  eachValid(
    contact.telephones,
    "/telephones",
    s.telephoneSchema,
    checks,
    (item, path) => {
      const raw = item.telephone.trim();
      const phone = raw.length > fieldLimits.phone ? null : normalisePhone(raw, region);
      if (phone === null) {
        checks.report(
          pointer(path, "telephone"),
          "INVALID_PHONE",
          "not a phone number partnerbook can match (R8)",
        );
        return;
      }
      f.phones.push({ label: labelOf("telephones", item, path), e164: phone.e164, raw });
    },
    list,
  );
  eachValid(
    contact.emails,
    "/emails",
    s.emailSchema,
    checks,
    (item, path) => {
      const address = checks.line(item.email, pointer(path, "email"), fieldLimits.email);
      if (address === null) return;
      if (!z.safeParse(partnerbookEmail, address).success) {
        checks.report(pointer(path, "email"), "INVALID_EMAIL", "not an email address");
        return;
      }
      f.emails.push({ label: labelOf("emails", item, path), address });
    },
    list,
  );
  eachValid(
    contact.locations,
    "/locations",
    s.locationSchema,
    checks,
    (item, path) => {
      const text =
        item.address ??
        [item.zipCode, item.state, item.city, item.street, item.country]
          .filter((part) => part !== null && part !== undefined && part !== "")
          .join(" ");
      const value = checks.multiline(text, pointer(path, "address"), fieldLimits.address);
      if (value !== null) f.addresses.push({ label: labelOf("locations", item, path), value });
    },
    list,
  );
  eachValid(
    contact.websites,
    "/websites",
    s.websiteSchema,
    checks,
    (item, path) => {
      const value = checks.line(item.url, pointer(path, "url"), fieldLimits.website);
      if (value !== null) f.websites.push({ label: labelOf("websites", item, path), value });
    },
    list,
  );
  eachValid(
    contact.messengers,
    "/messengers",
    s.messengerSchema,
    checks,
    (item, path) => {
      const value = checks.line(item.id, pointer(path, "id"), fieldLimits.messenger);
      if (value !== null)
        f.messengers.push({ label: labelOf("messengers", item.protocol, pointer(path, "protocol")), value });
    },
    list,
  );
  eachValid(
    contact.events,
    "/events",
    s.eventSchema,
    checks,
    (item, path) => {
      const date = parseDate(item.date, null);
      if (date === null) {
        checks.report(pointer(path, "date"), "INVALID_DATE", "not a date partnerbook can keep");
        return;
      }
      const label = checks.line(
        eventLabelOf(item.type, item.customType ?? undefined, dateLabels),
        pointer(path, "customType"),
        fieldLimits.label,
      );
      if (label !== null) f.dates.push({ label, date });
    },
    list,
  );
  const memo = checks.string(contact.memo, "/memo");
  if (memo !== null) f.memo = checks.multiline(memo, "/memo", fieldLimits.memo, true);
  eachValid(
    contact.contactTagIds,
    "/contactTagIds",
    z.string(),
    checks,
    (id, path) => {
      const tag = options.tagNames?.get(id);
      if (tag === undefined) {
        checks.report(path, "NOT_MAPPED", `the tag id "${id}" has no tag name`);
        return;
      }
      const value = checks.line(tag, path, fieldLimits.tag);
      if (value !== null && !f.tags.includes(value)) f.tags.push(value);
    },
    list,
  );
  takeCustomProperties(contact.customProperties, f, checks, options);
  const permission =
    contact.permission === undefined || contact.permission === null
      ? null
      : (valid(s.permissionSchema, contact.permission, "/permission", checks) as LineWorksPermission | null);
  const linked =
    contact.linkedExternalUser === undefined || contact.linkedExternalUser === null
      ? null
      : valid(s.linkedExternalUserSchema, contact.linkedExternalUser, "/linkedExternalUser", checks);
  const linkedExternalUser: LineWorksLinkedExternalUser | null =
    linked === null ? null : { id: linked.id, type: linked.type, buddyUserIds: linked.buddyUserIds ?? [] };
  const profile = { nickname, company, photoUrl: null };
  // R23: an external message contact's nickname and company are the external user's own.
  const synced: SyncedFieldName[] =
    linkedExternalUser === null
      ? []
      : (["nickname", "company"] as const).filter((field) => profile[field] !== null);
  for (const key of Object.keys(contact))
    if (!mapped.has(key)) extras.push({ path: pointer("", key), value: contact[key] });
  const record: ContactRecord = { fields: f, profile, groupNames: [], synced, photo: null };
  const contactId = typeof contact.contactId === "string" ? contact.contactId : null;
  return {
    ok: true,
    index,
    contactId,
    record,
    permission,
    linkedExternalUser,
    issues: checks.issues,
    extras,
  };
}

function takeCustomProperties(
  value: unknown,
  f: OwnerFieldsDraft,
  checks: JsonChecks,
  options: LineWorksReadOptions,
): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    checks.report("/customProperties", "INVALID_VALUE", "/customProperties is not an object");
    return;
  }
  for (const [name, item] of Object.entries(value).slice(0, fieldLimits.items)) {
    const path = pointer("/customProperties", name);
    const values = valid(s.customValueSchema, item, path, checks);
    if (values === null) continue;
    const label = checks.line(options.customPropertyLabels?.get(name) ?? name, path, fieldLimits.label);
    for (const text of typeof values === "string" ? [values] : values) {
      const field = checks.multiline(text, path, fieldLimits.customValue);
      if (field !== null) checks.add(f.customFields, { label, value: field }, path);
    }
  }
}
