import type { Contact } from "../../domain/contact.js";
import type { Group } from "../../domain/group.js";
import type { MemberId } from "../../domain/ids.js";
import type { Invitation } from "../../domain/invitation.js";
import type { Member } from "../../domain/member.js";
import type { Organisation } from "../../domain/organisation.js";
import type { PartnerbookEvent } from "../../events.js";
import type { QrCode } from "../../ports/store.js";
import type { ContactTable } from "./contact-table.js";
import type { EventLog } from "./event-log.js";
import type { GroupTable } from "./groups.js";
import type { InvitationTable } from "./invitations.js";
import type { MemberTable } from "./members.js";
import type { OrganisationTable } from "./organisations.js";
import type { Outbox, OutboxEntry } from "./outbox.js";
import type { QrCodeTable } from "./qr-codes.js";

/** Everything the memory store holds, as plain data: compare two to prove nothing changed. */
export interface MemoryStoreSnapshot {
  readonly organisations: readonly Organisation[];
  readonly members: readonly Member[];
  readonly groups: readonly Group[];
  readonly contacts: readonly Contact[];
  readonly invitations: readonly Invitation[];
  /** R20: each member's current QR code: its generation and its token's hash, never the token. */
  readonly qrCodes: readonly ({ readonly memberId: MemberId } & QrCode)[];
  /** Every organisation's log, by organisation id, then sequence. */
  readonly events: readonly PartnerbookEvent[];
  /** Mail waiting to be delivered, by key. */
  readonly outbox: readonly OutboxEntry[];
}

/** What the memory store holds, area by area. */
export interface MemoryStoreTables {
  readonly organisations: OrganisationTable;
  readonly members: MemberTable;
  readonly groups: GroupTable;
  readonly contacts: ContactTable;
  readonly invitations: InvitationTable;
  readonly qrCodes: QrCodeTable;
  readonly events: EventLog;
  readonly outbox: Outbox;
}

/** A deep copy of everything stored, in a stable order. */
export function snapshotOf(tables: MemoryStoreTables): MemoryStoreSnapshot {
  const byId = <T extends { id: string }>(records: Iterable<T>) =>
    [...records].sort((a, b) => (a.id < b.id ? -1 : 1));
  const { organisations, members, groups, contacts, invitations, qrCodes, events, outbox } = tables;
  return structuredClone({
    organisations: byId(organisations.byId.values()),
    members: byId(members.byId.values()),
    groups: byId(groups.byId.values()),
    contacts: byId([...contacts.byId.values()].map((entry) => entry.contact)),
    invitations: byId(invitations.byId.values()),
    qrCodes: [...qrCodes.byMember.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([memberId, code]) => ({ memberId, ...code })),
    events: [...events.byOrganisation.keys()].sort().flatMap((id) => events.byOrganisation.get(id) ?? []),
    outbox: [...outbox.byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
  });
}
