import type { Tab } from "../../domain/address-book.js";
import type { Contact } from "../../domain/contact.js";
import type { GroupId, MemberId, OrganisationId } from "../../domain/ids.js";
import type { Viewer } from "../../domain/sharing.js";
import type { SortedCursor } from "./sorted-keys.js";

// Names of the memory store's contact indexes. A live contact is listed under each audience
// that may see it (R27), once for every tab it belongs on (R26), so one page of a book is a
// merge of a few sorted runs instead of a scan.

const tabsOf = (contact: Contact): readonly Tab[] =>
  contact.kind === "linked" ? ["customers", "external"] : ["customers"];

export const audience = {
  owner: (tab: Tab, id: MemberId) => `${tab}|owner|${id}`,
  organisation: (tab: Tab, id: OrganisationId) => `${tab}|org|${id}`,
  member: (tab: Tab, id: MemberId) => `${tab}|member|${id}`,
  group: (tab: Tab, id: GroupId) => `${tab}|group|${id}`,
  inGroup: (tab: Tab, id: GroupId) => `${tab}|in|${id}`,
};

/** The sorted runs a live contact is listed in. */
export function audiencesOf(contact: Contact): string[] {
  const names: string[] = [];
  for (const tab of tabsOf(contact)) {
    names.push(audience.owner(tab, contact.ownerId));
    const sharing = contact.sharing;
    if (sharing.visibility === "organisation") names.push(audience.organisation(tab, contact.organisationId));
    if (sharing.visibility === "members") {
      for (const member of sharing.members) names.push(audience.member(tab, member));
      for (const group of sharing.groups) names.push(audience.group(tab, group));
    }
    for (const group of contact.groups) names.push(audience.inGroup(tab, group));
  }
  return names;
}

/** The runs whose union is everything `viewer` may see on `tab`. */
export function audiencesFor(viewer: Viewer, tab: Tab): string[] {
  return [
    audience.owner(tab, viewer.memberId),
    audience.organisation(tab, viewer.organisationId),
    audience.member(tab, viewer.memberId),
    ...[...viewer.groupIds].map((group) => audience.group(tab, group)),
  ];
}

/**
 * Walks ascending runs as one ascending run without repeats (a contact seen by the viewer
 * through several audiences is in several runs under the same key), calling `visit` until it
 * returns false.
 */
export function walkMerged<V>(cursors: readonly SortedCursor<V>[], visit: (value: V) => boolean): void {
  if (cursors.length === 1) {
    const only = cursors[0] as SortedCursor<V>;
    for (; only.key !== undefined; only.next()) if (!visit(only.value)) return;
    return;
  }
  let last: string | undefined;
  for (;;) {
    let min: SortedCursor<V> | undefined;
    for (const cursor of cursors) {
      const key = cursor.key;
      if (key !== undefined && (min === undefined || key < (min.key as string))) min = cursor;
    }
    if (min === undefined) return;
    const key = min.key as string;
    if (key !== last && !visit(min.value)) return;
    last = key;
    min.next();
  }
}
