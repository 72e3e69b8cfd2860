import type { InvitationId, MemberId } from "../../domain/ids.js";
import type { Invitation } from "../../domain/invitation.js";
import type { InvitationRepository } from "../../ports/store.js";
import { checkVersion, conflict } from "./conflicts.js";
import { SetIndex } from "./set-index.js";
import type { UndoLog } from "./undo-log.js";

const inviterAndEmail = (inviterId: MemberId, email: string) => `${inviterId}\u0000${email}`;

/** The memory store's invitations, indexed by token hash, by inviter and address, by inviter. */
export class InvitationTable {
  readonly byId = new Map<InvitationId, Invitation>();
  readonly #byTokenHash = new Map<string, InvitationId>();
  readonly #byEmail = new Map<string, InvitationId>();
  readonly #byInviter = new SetIndex<MemberId, InvitationId>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  #apply = (prev: Invitation | undefined, next: Invitation | undefined): void => {
    if (prev !== undefined) {
      this.#byTokenHash.delete(prev.tokenHash);
      if (prev.email !== null) this.#byEmail.delete(inviterAndEmail(prev.inviterId, prev.email));
      this.#byInviter.delete(prev.inviterId, prev.id);
      this.byId.delete(prev.id);
    }
    if (next !== undefined) {
      this.#byTokenHash.set(next.tokenHash, next.id);
      if (next.email !== null) this.#byEmail.set(inviterAndEmail(next.inviterId, next.email), next.id);
      this.#byInviter.add(next.inviterId, next.id);
      this.byId.set(next.id, next);
    }
  };

  /** R20: one invitation per token hash, and one per inviter and address. */
  #checkKeysFree(invitation: Invitation): void {
    const byHash = this.#byTokenHash.get(invitation.tokenHash);
    if (byHash !== undefined && byHash !== invitation.id) throw conflict("token already issued");
    if (invitation.email === null) return;
    const byEmail = this.#byEmail.get(inviterAndEmail(invitation.inviterId, invitation.email));
    if (byEmail !== undefined && byEmail !== invitation.id) throw conflict("already invited");
  }

  readonly repository: InvitationRepository = {
    get: async (id) => this.byId.get(id) ?? null,
    findByTokenHash: async (hash) => {
      const id = this.#byTokenHash.get(hash);
      return id === undefined ? null : (this.byId.get(id) ?? null);
    },
    findByInviterAndEmail: async (inviterId, email) => {
      const id = this.#byEmail.get(inviterAndEmail(inviterId, email));
      return id === undefined ? null : (this.byId.get(id) ?? null);
    },
    listByInviter: async (inviterId) =>
      this.#byInviter
        .get(inviterId)
        .map((id) => this.byId.get(id) as Invitation)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)),
    insert: async (invitation) => {
      if (this.byId.has(invitation.id)) throw conflict(`${invitation.id} exists`);
      this.#checkKeysFree(invitation);
      this.#log.write(this.#apply, undefined, invitation);
    },
    update: async (invitation, expected) => {
      const stored = this.byId.get(invitation.id);
      checkVersion(stored, invitation.id, expected);
      this.#checkKeysFree(invitation);
      this.#log.write(this.#apply, stored, invitation);
    },
  };
}
