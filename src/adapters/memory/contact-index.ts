import type { Viewer } from "../../domain/access.js";
import type { Tab } from "../../domain/address-book.js";
import type { Contact } from "../../domain/contact.js";
import type { SortedCursor } from "./sorted-keys.js";

// The memory store's book runs. A live contact is listed under each audience that may see it
// (R27), once for every tab it belongs on (R26), so one page of a book is a merge of a few
// sorted runs instead of a scan. A run is named by a kind (tab and audience) and an id.

type Audience = "owner" | "organisation" | "member" | "group" | "inGroup";

const bothTabs: readonly Tab[] = ["customers", "external"];
const customersTab: readonly Tab[] = ["customers"];
const tabsOf = (contact: Contact): readonly Tab[] => (contact.kind === "linked" ? bothTabs : customersTab);

/** The kind of each run, per tab and audience: made once, so naming a run makes no string. */
export const runKind: Readonly<Record<Tab, Readonly<Record<Audience, string>>>> = {
  customers: {
    owner: "customers|owner",
    organisation: "customers|org",
    member: "customers|member",
    group: "customers|group",
    inGroup: "customers|in",
  },
  external: {
    owner: "external|owner",
    organisation: "external|org",
    member: "external|member",
    group: "external|group",
    inGroup: "external|in",
  },
};

/** Calls `visit` with the kind and id of every run a live contact is listed in. */
export function forEachRunOf(contact: Contact, visit: (kind: string, id: string) => void): void {
  for (const tab of tabsOf(contact)) {
    const kinds = runKind[tab];
    visit(kinds.owner, contact.ownerId);
    const sharing = contact.sharing;
    if (sharing.visibility === "organisation") visit(kinds.organisation, contact.organisationId);
    if (sharing.visibility === "members") {
      for (const member of sharing.members) visit(kinds.member, member);
      for (const group of sharing.groups) visit(kinds.group, group);
    }
    for (const group of contact.groups) visit(kinds.inGroup, group);
  }
}

/** The runs (kind, id) whose union is everything `viewer` may see on `tab`. */
export function runsFor(viewer: Viewer, tab: Tab): (readonly [string, string])[] {
  const kinds = runKind[tab];
  return [
    [kinds.owner, viewer.memberId],
    [kinds.organisation, viewer.organisationId],
    [kinds.member, viewer.memberId],
    ...[...viewer.groupIds].map((group) => [kinds.group, group] as const),
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
