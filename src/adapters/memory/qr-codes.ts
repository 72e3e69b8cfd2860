import type { MemberId } from "../../domain/ids.js";
import type { QrCode, QrCodeRepository } from "../../ports/store.js";
import { conflict } from "./conflicts.js";
import { frozenCopy } from "./deep-freeze.js";
import type { UndoLog } from "./undo-log.js";

/** The memory store's QR codes: each member's current one, and who holds each token hash. */
export class QrCodeTable {
  readonly byMember = new Map<MemberId, QrCode>();
  readonly #byTokenHash = new Map<string, MemberId>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  #apply(memberId: MemberId, prev: QrCode | undefined, next: QrCode | undefined): void {
    if (prev !== undefined) this.#byTokenHash.delete(prev.tokenHash);
    if (next === undefined) this.byMember.delete(memberId);
    else {
      this.byMember.set(memberId, next);
      this.#byTokenHash.set(next.tokenHash, memberId);
    }
  }

  readonly repository: QrCodeRepository = {
    findMember: async (tokenHash) => this.#byTokenHash.get(tokenHash) ?? null,
    get: async (memberId) => this.byMember.get(memberId) ?? null,
    set: async (memberId, code) => {
      // R13: a token is never issued twice, to another member or to the same one.
      if (this.#byTokenHash.has(code.tokenHash)) throw conflict("token already issued");
      const next = frozenCopy({ generation: code.generation, tokenHash: code.tokenHash });
      const prev = this.byMember.get(memberId);
      this.#log.record((from: QrCode, to: QrCode | undefined) => this.#apply(memberId, from, to), next, prev);
      this.#apply(memberId, prev, next);
    },
  };
}
