import type { GroupId, MemberId, OrganisationId } from "./ids.js";

/**
 * R27: a named group of an organisation's address book (e.g. per project). Contacts are put in
 * groups to filter by them; a contact shared with a group is visible to the group's members.
 */
export interface Group {
  readonly id: GroupId;
  readonly organisationId: OrganisationId;
  readonly name: string;
  /** The members a contact shared with this group is visible to. */
  readonly members: readonly MemberId[];
  readonly createdBy: MemberId;
  readonly version: number;
  readonly createdAt: Date;
}
