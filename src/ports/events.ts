import type { MemberId, OrganisationId } from "../domain/ids.js";
import type { NewEvent, PartnerbookEvent } from "../events.js";

/**
 * R35: the append-only event log, one per organisation. Appending holds the organisation's log
 * until the transaction ends, so its sequences are gap-free and become visible in order: a
 * reader paging with `after` never skips an event that commits late.
 */
export interface EventRepository {
  /**
   * Appends each event to its `organisationId`'s log — in the given order within each log, the
   * logs taken in organisation id order — in ONE statement, and returns the events, in the given
   * order, with their `sequence`s. Appending nothing is no statement at all.
   */
  appendAll(events: readonly NewEvent[]): Promise<PartnerbookEvent[]>;
  /**
   * The organisation's events with `sequence > after`, oldest first; with `subjectId`, only
   * those about that member (`eventSubject`).
   */
  list(page: {
    readonly organisationId: OrganisationId;
    readonly after: number;
    readonly limit: number;
    readonly subjectId?: MemberId;
  }): Promise<PartnerbookEvent[]>;
}
