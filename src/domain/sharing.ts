import type { GroupId, MemberId } from "./ids.js";

/** R27: who besides the owner sees a contact. */
export type Visibility =
  | { readonly visibility: "private" }
  | { readonly visibility: "organisation" }
  | {
      readonly visibility: "members";
      readonly members: readonly MemberId[];
      readonly groups: readonly GroupId[];
    };

/** R27: a contact's sharing — its visibility, and whether those who see it may edit it. */
export type Sharing = Visibility & { readonly coEditing: boolean };

/** R27: at most this many members and groups together in a `members` visibility. */
export const maxShareTargets = 500;

/** A new contact is the owner's alone until they share it. */
export const privateSharing: Sharing = { visibility: "private", coEditing: false };

/** Whether two lists hold the same ids, in any order (lists here never repeat an id). */
export function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/**
 * Whether two sharings are the same — listed members and groups in any order — so that a share
 * that changes nothing is not recorded.
 */
export function sameSharing(a: Sharing, b: Sharing): boolean {
  if (a.visibility !== b.visibility || a.coEditing !== b.coEditing) return false;
  if (a.visibility !== "members" || b.visibility !== "members") return true;
  return sameMembers(a.members, b.members) && sameMembers(a.groups, b.groups);
}
