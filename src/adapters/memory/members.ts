import type { MemberId } from "../../domain/ids.js";
import type { Party } from "../../domain/linking.js";
import { type Member, normaliseWorksId } from "../../domain/member.js";
import { findableByPhone } from "../../domain/search.js";
import type { MemberRepository } from "../../ports/store.js";
import { checkVersion, conflict } from "./conflicts.js";
import type { GroupTable } from "./groups.js";
import type { OrganisationTable } from "./organisations.js";
import { SetIndex } from "./set-index.js";
import { SortedIndex } from "./sorted-keys.js";
import type { UndoLog } from "./undo-log.js";

/** The memory store's members, indexed by works ID, phone, email and organisation. */
export class MemberTable {
  readonly byId = new Map<MemberId, Member>();
  readonly #byWorksId = new Map<string, MemberId>();
  readonly #byPhone = new SetIndex<string, MemberId>();
  readonly #byEmail = new SetIndex<string, MemberId>();
  // Each organisation's members in id order, for paging.
  readonly #byOrganisation = new SortedIndex<MemberId>();
  readonly #log: UndoLog;
  readonly #organisations: OrganisationTable;
  readonly #groups: GroupTable;

  constructor(log: UndoLog, organisations: OrganisationTable, groups: GroupTable) {
    this.#log = log;
    this.#organisations = organisations;
    this.#groups = groups;
  }

  #apply = (prev: Member | undefined, next: Member | undefined): void => {
    if (prev !== undefined) {
      this.#byWorksId.delete(normaliseWorksId(prev.worksId));
      if (prev.mobilePhone !== null) this.#byPhone.delete(prev.mobilePhone.e164, prev.id);
      if (prev.email !== null) this.#byEmail.delete(prev.email.toLowerCase(), prev.id);
      this.#byOrganisation.delete("members", prev.organisationId, prev.id);
      this.byId.delete(prev.id);
    }
    if (next !== undefined) {
      this.#byWorksId.set(normaliseWorksId(next.worksId), next.id);
      if (next.mobilePhone !== null) this.#byPhone.add(next.mobilePhone.e164, next.id);
      if (next.email !== null) this.#byEmail.add(next.email.toLowerCase(), next.id);
      this.#byOrganisation.add("members", next.organisationId, next.id);
      this.byId.set(next.id, next);
    }
  };

  #checkWorksIdFree(member: Member): void {
    const holder = this.#byWorksId.get(normaliseWorksId(member.worksId));
    if (holder !== undefined && holder !== member.id) {
      throw conflict(`works ID ${member.worksId} is taken`);
    }
  }

  /** The stored members with these ids, each with their organisation; unknown ids are skipped. */
  #partiesOf(ids: readonly MemberId[]): Party[] {
    const parties: Party[] = [];
    for (const id of ids) {
      const member = this.byId.get(id);
      const organisation =
        member === undefined ? undefined : this.#organisations.byId.get(member.organisationId);
      if (member !== undefined && organisation !== undefined) parties.push({ member, organisation });
    }
    return parties;
  }

  readonly repository: MemberRepository = {
    get: async (id) => this.byId.get(id) ?? null,
    getParty: async (id) => {
      const member = this.byId.get(id);
      const organisation =
        member === undefined ? undefined : this.#organisations.byId.get(member.organisationId);
      if (member === undefined || organisation === undefined) return null;
      const groups = this.#groups.ofMember(id);
      return { member, organisation, groupIds: groups.map((group) => group.id) };
    },
    listByOrganisation: async (organisationId, { after, limit }) => {
      const page: Member[] = [];
      const ids = this.#byOrganisation.get("members", organisationId);
      for (const cursor = ids?.cursor(after); cursor?.key !== undefined && page.length < limit; cursor.next())
        page.push(this.byId.get(cursor.value) as Member);
      return page;
    },
    findByWorksId: async (worksId) => {
      const id = this.#byWorksId.get(worksId);
      return id === undefined ? null : (this.byId.get(id) ?? null);
    },
    findByPhone: async (e164) =>
      this.#byPhone
        .get(e164)
        .sort()
        .map((id) => this.byId.get(id) as Member),
    // R10: a miss reads the stand-in's party as a hit reads the member's (see the port).
    findCandidatesByWorksId: async (worksId, standIn) =>
      this.#partiesOf([this.#byWorksId.get(worksId) ?? standIn]),
    findCandidatesByPhone: async (e164, standIn) => {
      const found = this.#byPhone
        .get(e164)
        .sort()
        .filter((id) => findableByPhone(this.byId.get(id) as Member));
      return this.#partiesOf(found.length > 0 ? found : [standIn]);
    },
    findByEmail: async (email) =>
      [...this.#byEmail.get(email.toLowerCase())].sort().map((id) => this.byId.get(id) as Member),
    insert: async (member) => {
      if (this.byId.has(member.id)) throw conflict(`${member.id} exists`);
      this.#checkWorksIdFree(member);
      this.#log.write(this.#apply, undefined, member);
    },
    update: async (member, expected) => {
      const stored = this.byId.get(member.id);
      checkVersion(stored, member.id, expected);
      this.#checkWorksIdFree(member);
      this.#log.write(this.#apply, stored, member);
    },
    delete: async (id, expected) => {
      const stored = this.byId.get(id);
      checkVersion(stored, id, expected);
      this.#log.write(this.#apply, stored, undefined);
    },
  };
}
