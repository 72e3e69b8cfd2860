import type { OrganisationId } from "../../domain/ids.js";
import type { Organisation } from "../../domain/organisation.js";
import type { OrganisationRepository } from "../../ports/store.js";
import { checkVersion, conflict } from "./conflicts.js";
import type { UndoLog } from "./undo-log.js";

/** The memory store's organisations. */
export class OrganisationTable {
  readonly byId = new Map<OrganisationId, Organisation>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  // Each apply moves a record from `prev` to `next` (either may be undefined) together with its
  // indexes; undoing a write is applying it backwards.
  #apply = (prev: Organisation | undefined, next: Organisation | undefined): void => {
    if (prev !== undefined) this.byId.delete(prev.id);
    if (next !== undefined) this.byId.set(next.id, next);
  };

  readonly repository: OrganisationRepository = {
    get: async (id) => this.byId.get(id) ?? null,
    insert: async (organisation) => {
      if (this.byId.has(organisation.id)) throw conflict(`${organisation.id} exists`);
      this.#log.write(this.#apply, undefined, organisation);
    },
    update: async (organisation, expected) => {
      const stored = this.byId.get(organisation.id);
      checkVersion(stored, organisation.id, expected);
      this.#log.write(this.#apply, stored, organisation);
    },
  };
}
