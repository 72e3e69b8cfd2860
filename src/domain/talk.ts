import type { Contact } from "./contact.js";
import { canLink, type Party } from "./linking.js";

/** Why talk is or is not possible through a contact. */
export type TalkReason = "ok" | "customer_contact" | "in_trash" | "linking_suspended" | "member_gone";

/** What a chat app may do with the person behind a contact. */
export interface TalkAccess {
  readonly canTalk: boolean;
  readonly canViewHistory: boolean;
  readonly reason: TalkReason;
}

const decided = (canTalk: boolean, canViewHistory: boolean, reason: TalkReason): TalkAccess => ({
  canTalk,
  canViewHistory,
  reason,
});

/**
 * R3, R5, R31: talk needs a live linked contact and both sides open right now. A suspended
 * link keeps its history readable (R5: nothing is lost); a trashed contact hides both (R31).
 *
 * @param viewer the member looking through the contact
 * @param target the external user the contact points at, or `null` if they no longer exist
 */
export function decideTalkAccess(contact: Contact, viewer: Party, target: Party | null): TalkAccess {
  if (contact.trash !== null) return decided(false, false, "in_trash");
  if (contact.kind === "customer") return decided(false, false, "customer_contact");
  if (target === null) return decided(false, true, "member_gone");
  if (!canLink(viewer, target).ok) return decided(false, true, "linking_suspended");
  return decided(true, true, "ok");
}
