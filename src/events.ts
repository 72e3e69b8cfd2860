import type { ContactId, EventId, GroupId, InvitationId, MemberId, OrganisationId } from "./domain/ids.js";
import type { LinkingPolicy, Plan } from "./domain/organisation.js";
import type { Sharing } from "./domain/sharing.js";

interface EventBase {
  readonly id: EventId;
  /**
   * The organisation whose log holds the event: the one whose data changed (a contact's owner
   * organisation, an invitation's inviter's, a member's own). Each organisation has its own log,
   * so writes of different organisations never wait on each other.
   */
  readonly organisationId: OrganisationId;
  /**
   * Position in the organisation's log: 1, 2, 3, … with no gaps, and in commit order — an event
   * that becomes visible never has a lower sequence than one already visible in the same log.
   */
  readonly sequence: number;
  readonly at: Date;
  /** The member who acted; `null` for steps no member took (e.g. creating an organisation). */
  readonly actorId: MemberId | null;
}

/** How a contact came into a book (R12, R14): `import` is a customer from `contacts.import`. */
export type AddedVia = "search" | "qr" | "manual" | "import" | "invitation";

/**
 * R35: every state change, as an event an app can audit or react to. A discriminated union on
 * `type`. Events never carry tokens, phone numbers or email addresses — only ids and field
 * names — so an audit log is not a second copy of personal data.
 */
export type PartnerbookEvent = EventBase &
  (
    | {
        readonly type: "organisation_created";
        readonly plan: Plan;
      }
    | {
        readonly type: "organisation_renamed";
        readonly before: string;
        readonly after: string;
      }
    | {
        readonly type: "linking_policy_changed";
        readonly before: LinkingPolicy;
        readonly after: LinkingPolicy;
      }
    | {
        readonly type: "member_created";
        readonly memberId: MemberId;
        readonly admin: boolean;
      }
    | {
        readonly type: "member_profile_changed";
        readonly memberId: MemberId;
        readonly fields: readonly string[];
      }
    | {
        readonly type: "phone_search_changed";
        readonly memberId: MemberId;
        readonly allowed: boolean;
      }
    | { readonly type: "qr_code_issued"; readonly memberId: MemberId }
    | {
        readonly type: "member_removed";
        readonly memberId: MemberId;
        /** R29: who owns the departed member's contacts now. */
        readonly newOwnerId: MemberId;
        readonly contactsReassigned: number;
      }
    | {
        readonly type: "contact_added";
        readonly contactId: ContactId;
        readonly ownerId: MemberId;
        readonly kind: "linked" | "customer";
        readonly via: AddedVia;
      }
    | {
        readonly type: "contact_edited";
        readonly contactId: ContactId;
        /** The contact's owner when the step happened (so is every contact event's `ownerId`). */
        readonly ownerId: MemberId;
        readonly fields: readonly string[];
      }
    | {
        readonly type: "contact_shared";
        readonly contactId: ContactId;
        readonly ownerId: MemberId;
        readonly before: Sharing;
        readonly after: Sharing;
      }
    | {
        /**
         * R23: a profile change reached the contacts linked to it (trashed ones too). Logged in
         * the organisation of the profile that changed: a member's (`targetMemberId`) or, for a
         * rename, the organisation itself (`targetMemberId` is `null`).
         */
        readonly type: "contacts_synced";
        readonly targetMemberId: MemberId | null;
        readonly fields: readonly ("nickname" | "company" | "photoUrl")[];
        readonly count: number;
      }
    | {
        readonly type: "contact_trashed";
        readonly contactId: ContactId;
        readonly ownerId: MemberId;
        readonly purgeAt: Date;
      }
    | { readonly type: "contact_restored"; readonly contactId: ContactId; readonly ownerId: MemberId }
    | {
        readonly type: "contact_purged";
        readonly contactId: ContactId;
        readonly ownerId: MemberId;
        /** R34: the owner purged it; R33: its retention ran out. */
        readonly reason: "owner" | "expired";
      }
    | {
        readonly type: "group_created";
        readonly groupId: GroupId;
      }
    | {
        readonly type: "group_renamed";
        readonly groupId: GroupId;
        readonly before: string;
        readonly after: string;
      }
    | {
        readonly type: "group_members_changed";
        readonly groupId: GroupId;
        readonly members: readonly MemberId[];
      }
    | { readonly type: "group_deleted"; readonly groupId: GroupId; readonly contactsUpdated: number }
    | {
        /** R17, R18 — never the token, never the address (R20). */
        readonly type: "invitation_created" | "invitation_resent";
        readonly invitationId: InvitationId;
        readonly kind: "email" | "link";
        readonly expiresAt: Date;
      }
    | { readonly type: "invitation_revoked"; readonly invitationId: InvitationId }
    | {
        readonly type: "invitation_redeemed";
        readonly invitationId: InvitationId;
        readonly redeemerId: MemberId;
      }
  );

/** The `type` of a {@link PartnerbookEvent}. */
export type EventType = PartnerbookEvent["type"];

/** Distributes `Omit` over the union so each member keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a use-case records it; the store assigns `sequence`. */
export type NewEvent = DistributiveOmit<PartnerbookEvent, "sequence">;

/**
 * The member an event is about, who may read it without being an admin: the owner of the
 * contact it concerns, or the member whose own profile or QR code changed. `null` for steps
 * about the organisation (policy, groups, invitations, syncs), which its admins read.
 */
export function eventSubject(event: NewEvent): MemberId | null {
  switch (event.type) {
    case "contact_added":
    case "contact_edited":
    case "contact_shared":
    case "contact_trashed":
    case "contact_restored":
    case "contact_purged":
      return event.ownerId;
    case "member_created":
    case "member_profile_changed":
    case "phone_search_changed":
    case "qr_code_issued":
      return event.memberId;
    default:
      return null;
  }
}
