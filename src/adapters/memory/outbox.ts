import type { OutboxItem, OutboxRepository } from "../../ports/store.js";
import { frozenCopy } from "./deep-freeze.js";
import type { UndoLog } from "./undo-log.js";

/** A message in the memory store's outbox, with when it is due and how often it was tried. */
export interface OutboxEntry extends OutboxItem {
  readonly availableAt: Date;
  readonly lastError: string | null;
}

/** The memory store's outbox: mail queued after commit, by key. */
export class Outbox {
  // Map order is insertion order, which is age order.
  readonly byKey = new Map<string, OutboxEntry>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  #set = (key: string, entry: OutboxEntry | undefined): void => {
    if (entry === undefined) this.byKey.delete(key);
    else this.byKey.set(key, entry);
  };

  /** Puts `entry` under `key` (or removes it), and logs the way back. */
  #write(key: string, entry: OutboxEntry | undefined): void {
    this.#log.record(this.#set, key, this.byKey.get(key));
    // A replaced message goes to the back of the queue, as a new row would.
    this.byKey.delete(key);
    if (entry !== undefined) this.byKey.set(key, entry);
  }

  /** Replaces `entry` where it stands in the queue, and logs the way back. */
  #change(entry: OutboxEntry, next: OutboxEntry): void {
    this.#log.record(this.#set, entry.key, entry);
    this.byKey.set(entry.key, frozenCopy(next));
  }

  readonly repository: OutboxRepository = {
    put: async ({ key, organisationId, idempotencyKey, message, at }) => {
      const entry = {
        key,
        organisationId,
        idempotencyKey,
        message,
        attempts: 0,
        availableAt: at,
        lastError: null,
      };
      this.#write(key, frozenCopy(entry));
    },
    claim: async ({ now, until, limit, keys }) => {
      const wanted = keys === undefined ? null : new Set(keys);
      const claimed: OutboxItem[] = [];
      for (const entry of [...this.byKey.values()]) {
        if (claimed.length === limit) break;
        if (entry.availableAt > now || (wanted !== null && !wanted.has(entry.key))) continue;
        const { key, organisationId, idempotencyKey, message, attempts } = entry;
        claimed.push({ key, organisationId, idempotencyKey, message, attempts });
        this.#change(entry, { ...entry, attempts: attempts + 1, availableAt: until });
      }
      return claimed;
    },
    delivered: async (key, idempotencyKey) => {
      // A message replaced since it was claimed stays: the new one has not been sent.
      if (this.byKey.get(key)?.idempotencyKey === idempotencyKey) this.#write(key, undefined);
    },
    failed: async (key, idempotencyKey, retryAt, error) => {
      const entry = this.byKey.get(key);
      if (entry?.idempotencyKey !== idempotencyKey) return;
      this.#change(entry, { ...entry, availableAt: retryAt, lastError: error });
    },
    countPending: async () => this.byKey.size,
  };
}
