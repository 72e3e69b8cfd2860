import type { OrganisationId } from "../domain/ids.js";

/** A message waiting in the outbox, as {@link OutboxRepository.claim} hands it out. */
export interface OutboxItem {
  /** One message per key: a newer message under the same key replaces one not delivered yet. */
  readonly key: string;
  readonly organisationId: OrganisationId;
  /** The same for every delivery of the same message (the mail's own `idempotencyKey`). */
  readonly idempotencyKey: string;
  /**
   * R20: the mail, sealed by the app with its secret — opaque to the store, which never sees the
   * invite link inside.
   */
  readonly message: string;
  /** Deliveries tried before this one. */
  readonly attempts: number;
}

/**
 * Mail to send after commit (the transactional outbox): written in the transaction that makes
 * the change, delivered once it committed — a rolled-back change sends nothing.
 */
export interface OutboxRepository {
  /** Queues `message` under `key`, due at `at`; replaces a message under `key` not yet delivered. */
  put(item: {
    readonly key: string;
    readonly organisationId: OrganisationId;
    readonly idempotencyKey: string;
    readonly message: string;
    readonly at: Date;
  }): Promise<void>;
  /**
   * Up to `limit` messages due at `now` (oldest first; only `keys` when given), each leased
   * until `until`: not handed out again before then, and skipped, not waited for, while another
   * transaction claims it. Counts the attempt.
   */
  claim(page: {
    readonly now: Date;
    readonly until: Date;
    readonly limit: number;
    readonly keys?: readonly string[];
  }): Promise<OutboxItem[]>;
  /** The message with this idempotency key was delivered: it leaves the outbox. */
  delivered(key: string, idempotencyKey: string): Promise<void>;
  /** Delivering it failed: it is due again at `retryAt`. */
  failed(key: string, idempotencyKey: string, retryAt: Date, error: string): Promise<void>;
  /** How many messages wait, due or not. */
  countPending(): Promise<number>;
}
