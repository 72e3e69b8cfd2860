import { addHours } from "date-fns/addHours";
import { differenceInMilliseconds } from "date-fns/differenceInMilliseconds";
import type { Contact, TrashState } from "./contact.js";

const dayMs = 24 * 60 * 60 * 1000;

/**
 * R32: a contact deleted at `now` stays restorable for `retentionDays`. The deadline is an
 * instant (days of 24 hours), so time zones and daylight saving never move it.
 *
 * @example
 * trashStateAt(new Date("2026-04-01T00:00:00Z"), 30).purgeAt // 2026-05-01T00:00:00Z
 */
export function trashStateAt(now: Date, retentionDays: number): TrashState {
  return { trashedAt: now, purgeAt: addHours(now, retentionDays * 24) };
}

/** R32, R33: a trashed contact can be restored while `now` is before its `purgeAt`, never at it. */
export function isRestorable(contact: Contact, now: Date): boolean {
  return contact.trash !== null && now.getTime() < contact.trash.purgeAt.getTime();
}

/**
 * The whole days a UI can print as "restorable for N more days": 30 right after deleting with
 * the default retention, 1 on the last day, 0 once gone — and never more than the retention,
 * even if a clock set back reads a time before the contact was deleted.
 */
export function daysLeft(trash: TrashState, now: Date): number {
  const retention = Math.ceil(differenceInMilliseconds(trash.purgeAt, trash.trashedAt) / dayMs);
  return Math.min(retention, Math.max(0, Math.ceil(differenceInMilliseconds(trash.purgeAt, now) / dayMs)));
}
