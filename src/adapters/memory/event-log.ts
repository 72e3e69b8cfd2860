import type { MemberId, OrganisationId } from "../../domain/ids.js";
import { eventSubject, type NewEvent, type PartnerbookEvent } from "../../events.js";
import type { EventRepository } from "../../ports/store.js";
import { frozenCopy } from "./deep-freeze.js";
import type { UndoLog } from "./undo-log.js";

const subjectKey = (organisationId: OrganisationId, subject: MemberId): string =>
  `${organisationId}\u0000${subject}`;

/** R35: the memory store's event logs, one per organisation, with each member's events beside. */
export class EventLog {
  readonly byOrganisation = new Map<OrganisationId, PartnerbookEvent[]>();
  // The events about each member (eventSubject), per organisation, in sequence order.
  readonly #bySubject = new Map<string, PartnerbookEvent[]>();
  readonly #log: UndoLog;

  constructor(log: UndoLog) {
    this.#log = log;
  }

  /** R35: appends to the event's organisation's log, and to its subject's, logging the way back. */
  #append(event: NewEvent): PartnerbookEvent {
    let log = this.byOrganisation.get(event.organisationId);
    if (log === undefined) {
      log = [];
      this.byOrganisation.set(event.organisationId, log);
    }
    const stored = frozenCopy({ ...event, sequence: log.length + 1 } as PartnerbookEvent);
    this.#log.record(this.#pop, log, undefined);
    log.push(stored);
    const subject = eventSubject(event);
    if (subject !== null) {
      const key = subjectKey(event.organisationId, subject);
      let about = this.#bySubject.get(key);
      if (about === undefined) {
        about = [];
        this.#bySubject.set(key, about);
      }
      this.#log.record(this.#pop, about, undefined);
      about.push(stored);
    }
    return stored;
  }

  #pop = (log: PartnerbookEvent[]): void => {
    log.pop();
  };

  readonly repository: EventRepository = {
    appendAll: async (events) => events.map((event) => this.#append(event)),
    list: async ({ organisationId, after, limit, subjectId }) => {
      const from = Math.max(after, 0);
      if (subjectId === undefined)
        return (this.byOrganisation.get(organisationId) ?? []).slice(from, from + limit);
      const about = this.#bySubject.get(subjectKey(organisationId, subjectId)) ?? [];
      // Sequences ascend: the first one past `after` by bisection.
      let low = 0;
      for (let high = about.length; low < high; ) {
        const mid = (low + high) >>> 1;
        if ((about[mid] as PartnerbookEvent).sequence <= from) low = mid + 1;
        else high = mid;
      }
      return about.slice(low, low + limit);
    },
  };
}
