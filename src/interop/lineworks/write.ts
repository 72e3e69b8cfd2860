import { JsonChecks } from "../json/checks.js";
import { type JsonIssue, pointer } from "../json/issues.js";
import type { ContactRecord } from "../record.js";
import { type DateLabels, defaultDateLabels } from "../vcard/types.js";
import { eventTypeOf, type LineWorksTypedList, typeOfLabel } from "./labels.js";
import { type LineWorksContactBody, type LineWorksPermission, lineWorksLimits } from "./types.js";

/** How to write a LINE WORKS contact; every option has a default. */
export interface LineWorksWriteOptions {
  /**
   * The contact's `permission` (R27 sharing), which the API requires. A record carries no
   * sharing: without this option the body has none, for the caller to add.
   */
  readonly permission?: LineWorksPermission | undefined;
  /** The date labels written as BIRTHDAY and ANNIVERSARY. Default `誕生日` and `記念日`. */
  readonly dateLabels?: DateLabels | undefined;
  /** The id of each tag (made through the contact-tags API), by name; tags without one are left out. */
  readonly tagIds?: ReadonlyMap<string, string> | undefined;
  /**
   * The custom property each custom field label goes to. LINE WORKS takes only properties its
   * domain defined beforehand (at most 5), so a label not in this map is left out (NOT_MAPPED).
   */
  readonly customPropertyNames?: ReadonlyMap<string, string> | undefined;
}

/** A contact body and what it could not carry. */
export interface LineWorksContactWrite {
  readonly contact: LineWorksContactBody;
  /** Paths are JSON Pointers into the record (`/fields/customFields/0`) for what was left out, into the body for what was cut. */
  readonly issues: readonly JsonIssue[];
}

const propertyName = /^[A-Za-z_][A-Za-z0-9_]{0,119}$/;

/**
 * A contact record as the body of LINE WORKS API 2.0 `POST /contacts` (or `PUT`): names with
 * their furigana, the company, department and title as one organisation, each phone, email,
 * address, website and SNS account with its type (labels as the table in docs/interop.md says),
 * dates as events, tags as tag ids, custom fields as custom properties. What LINE WORKS cannot
 * hold (see `lineWorksCannotCarry`) or holds less of is left out or cut, each with an issue.
 *
 * @example
 * const { contact, issues } = lineWorksContactOf(record, { permission: { accessibleRange: "ALL" } });
 * await fetch("https://www.worksapis.com/v1.0/contacts", { method: "POST", body: JSON.stringify(contact), headers });
 */
export function lineWorksContactOf(
  record: ContactRecord,
  options: LineWorksWriteOptions = {},
): LineWorksContactWrite {
  const checks = new JsonChecks();
  const f = record.fields;
  const p = record.profile;
  const name = (value: string | null, path: string) =>
    value === null ? undefined : (checks.line(value, path, lineWorksLimits.name) ?? undefined);
  const contactName = {
    lastName: name(f.familyName, "/contactName/lastName"),
    firstName: name(f.givenName, "/contactName/firstName"),
    phoneticLastName: name(f.familyNameReading, "/contactName/phoneticLastName"),
    phoneticFirstName: name(f.givenNameReading, "/contactName/phoneticFirstName"),
    nickName: name(p.nickname, "/contactName/nickName"),
  };
  const body: Record<string, unknown> = {};
  if (options.permission !== undefined) body.permission = options.permission;
  body.contactName = dropUndefined(contactName);
  if (p.company !== null || f.department !== null || f.title !== null) {
    body.organizations = [
      dropUndefined({
        name: p.company ?? undefined,
        department: f.department ?? undefined,
        title: f.title ?? undefined,
        primary: true,
      }),
    ];
  }
  const typed = <T extends { label: string | null }>(
    list: LineWorksTypedList,
    items: readonly T[],
    value: (item: T) => Record<string, string>,
  ) => {
    const out = items.slice(0, lineWorksLimits.items).map((item, i) => ({
      ...typeOfLabel(list, item.label),
      ...value(item),
      primary: i === 0,
    }));
    if (items.length > lineWorksLimits.items) {
      checks.report(
        pointer("", list),
        "TOO_MANY",
        `more than ${lineWorksLimits.items} ${list}; the rest are left out`,
      );
    }
    return out.length === 0 ? undefined : out;
  };
  body.telephones = typed("telephones", f.phones, (phone) => ({ telephone: phone.raw }));
  body.emails = typed("emails", f.emails, (email) => ({ email: email.address }));
  body.locations = typed("locations", f.addresses, (address) => ({ address: address.value }));
  body.websites = typed("websites", f.websites, (site) => ({ url: site.value }));
  const messengers = f.messengers.slice(0, lineWorksLimits.items).map((messenger, i) => ({
    protocol: typeOfLabel("messengers", messenger.label),
    id: messenger.value,
    primary: i === 0,
  }));
  if (messengers.length > 0) body.messengers = messengers;
  const dateLabels = options.dateLabels ?? defaultDateLabels;
  const events = f.dates
    .slice(0, lineWorksLimits.items)
    .map((date) => ({ ...eventTypeOf(date.label, dateLabels), date: date.date }));
  if (events.length > 0) body.events = events;
  if (f.memo !== null) body.memo = checks.multiline(f.memo, "/memo", lineWorksLimits.memo, true) ?? undefined;
  const tagIds: string[] = [];
  f.tags.forEach((tag, i) => {
    const id = options.tagIds?.get(tag);
    if (id === undefined)
      checks.report(pointer("/fields/tags", i), "NOT_MAPPED", `the tag "${tag}" has no LINE WORKS tag id`);
    else if (!tagIds.includes(id)) tagIds.push(id);
  });
  if (tagIds.length > 0) body.contactTagIds = tagIds;
  const properties = customPropertiesOf(record, options, checks);
  if (properties !== undefined) body.customProperties = properties;
  notCarried(record, checks);
  return { contact: dropUndefined(body) as unknown as LineWorksContactBody, issues: checks.issues };
}

function customPropertiesOf(
  record: ContactRecord,
  options: LineWorksWriteOptions,
  checks: JsonChecks,
): Record<string, string | string[]> | undefined {
  const properties = new Map<string, string[]>();
  record.fields.customFields.forEach((field, i) => {
    const path = pointer("/fields/customFields", i);
    const label = field.label ?? "";
    const name = options.customPropertyNames?.get(label);
    const values = name === undefined ? undefined : properties.get(name);
    if (name === undefined || !propertyName.test(name)) {
      checks.report(path, "NOT_MAPPED", `the custom field "${label}" has no LINE WORKS custom property`);
    } else if (values !== undefined) {
      // Fields sharing a property are its values: a multi-valued property, as a reader gives them.
      values.push(field.value);
    } else if (properties.size === lineWorksLimits.customProperties) {
      checks.report(
        path,
        "TOO_MANY",
        `LINE WORKS has at most ${lineWorksLimits.customProperties} custom properties`,
      );
    } else {
      properties.set(name, [field.value]);
    }
  });
  if (properties.size === 0) return undefined;
  return Object.fromEntries(
    [...properties].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]),
  );
}

function notCarried(record: ContactRecord, checks: JsonChecks): void {
  const left = (path: string, what: string) =>
    checks.report(path, "NOT_CARRIED", `LINE WORKS has no place for ${what}`);
  if (record.photo !== null) left("/photo", "a photo");
  if (record.profile.photoUrl !== null) left("/profile/photoUrl", "a photo");
  if (record.groupNames.length > 0) left("/groupNames", "address-book groups");
  if (record.synced.length > 0)
    left("/synced", "sync marks: a linked contact cannot be created through the API");
}

function dropUndefined<T extends Record<string, unknown>>(object: T): T {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}
