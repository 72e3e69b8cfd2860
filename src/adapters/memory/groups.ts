import type { Group } from "../../domain/group.js";
import type { GroupId, MemberId, OrganisationId } from "../../domain/ids.js";
import type { GroupRepository } from "../../ports/store.js";
import { checkVersion, conflict } from "./conflicts.js";
import { SetIndex } from "./set-index.js";
import type { UndoLog } from "./undo-log.js";

/** The memory store's groups, indexed by organisation and by member. */
export class GroupTable {
  readonly byId = new Map<GroupId, Group>();
  readonly #byOrganisation = new SetIndex<OrganisationId, GroupId>();
  readonly #byMember = new SetIndex<MemberId, GroupId>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  /** The groups `memberId` belongs to, by name. */
  ofMember(memberId: MemberId): Group[] {
    return this.#sorted(this.#byMember.get(memberId));
  }

  #sorted(ids: readonly GroupId[]): Group[] {
    return ids
      .map((id) => this.byId.get(id) as Group)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  }

  #apply = (prev: Group | undefined, next: Group | undefined): void => {
    if (prev !== undefined) {
      this.#byOrganisation.delete(prev.organisationId, prev.id);
      for (const member of prev.members) this.#byMember.delete(member, prev.id);
      this.byId.delete(prev.id);
    }
    if (next !== undefined) {
      this.#byOrganisation.add(next.organisationId, next.id);
      for (const member of next.members) this.#byMember.add(member, next.id);
      this.byId.set(next.id, next);
    }
  };

  readonly repository: GroupRepository = {
    get: async (id) => this.byId.get(id) ?? null,
    listByOrganisation: async (organisationId) => this.#sorted(this.#byOrganisation.get(organisationId)),
    listByMember: async (memberId) => this.ofMember(memberId),
    insert: async (group) => {
      if (this.byId.has(group.id)) throw conflict(`${group.id} exists`);
      this.#log.write(this.#apply, undefined, group);
    },
    update: async (group, expected) => {
      const stored = this.byId.get(group.id);
      checkVersion(stored, group.id, expected);
      this.#log.write(this.#apply, stored, group);
    },
    delete: async (id, expected) => {
      const stored = this.byId.get(id);
      checkVersion(stored, id, expected);
      this.#log.write(this.#apply, stored, undefined);
    },
  };
}
