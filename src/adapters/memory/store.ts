import type { Store, StoreTransaction } from "../../ports/store.js";
import { ContactTable } from "./contact-table.js";
import { contactRepository } from "./contacts.js";
import { EventLog } from "./event-log.js";
import { GroupTable } from "./groups.js";
import { InvitationTable } from "./invitations.js";
import { MemberTable } from "./members.js";
import { OrganisationTable } from "./organisations.js";
import { Outbox } from "./outbox.js";
import { QrCodeTable } from "./qr-codes.js";
import { type MemoryStoreSnapshot, type MemoryStoreTables, snapshotOf } from "./snapshot.js";
import { UndoLog } from "./undo-log.js";

/**
 * The reference {@link Store}: Maps plus the indexes the lookups need, so no lookup scans.
 * Transactions run one at a time (full isolation) and keep an undo log, so a transaction that
 * throws leaves no trace.
 */
export class MemoryStore implements Store {
  readonly #log = new UndoLog();
  readonly #tables: MemoryStoreTables;
  readonly #tx: StoreTransaction;

  constructor() {
    const log = this.#log;
    const organisations = new OrganisationTable(log);
    const groups = new GroupTable(log);
    const contacts = new ContactTable();
    this.#tables = {
      organisations,
      members: new MemberTable(log, organisations, groups),
      groups,
      contacts,
      invitations: new InvitationTable(log),
      qrCodes: new QrCodeTable(log),
      events: new EventLog(log),
      outbox: new Outbox(log),
    };
    const tables = this.#tables;
    this.#tx = {
      organisations: organisations.repository,
      members: tables.members.repository,
      groups: groups.repository,
      contacts: contactRepository(contacts, log),
      invitations: tables.invitations.repository,
      qrCodes: tables.qrCodes.repository,
      events: tables.events.repository,
      outbox: tables.outbox.repository,
    };
  }

  /** Runs `fn` alone (transactions here run one at a time) and undoes its writes if it throws. */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.#log.run(() => fn(this.#tx));
  }

  /** A deep copy of everything stored, in a stable order. */
  snapshot(): MemoryStoreSnapshot {
    return snapshotOf(this.#tables);
  }
}

/**
 * A new, empty in-memory store.
 *
 * @example
 * const book = createPartnerbook({ store: memoryStore() });
 */
export function memoryStore(): MemoryStore {
  return new MemoryStore();
}
