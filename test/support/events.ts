import type { OrganisationId, Partnerbook, PartnerbookEvent } from "../../src/index.js";
import type { MemoryStore } from "../../src/memory.js";

/** Every event in one organisation's log, oldest first (paged, so no log is cut short). */
export async function eventsOf(
  book: Partnerbook,
  organisationId: OrganisationId,
): Promise<PartnerbookEvent[]> {
  const events: PartnerbookEvent[] = [];
  for (;;) {
    const page = await book.events.list({ organisationId, after: events.length, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/** Every event in the logs of `organisationIds`, one log after the other, each oldest first. */
export async function allEvents(
  book: Partnerbook,
  organisationIds: readonly OrganisationId[],
): Promise<PartnerbookEvent[]> {
  const events: PartnerbookEvent[] = [];
  for (const organisationId of new Set(organisationIds))
    events.push(...(await eventsOf(book, organisationId)));
  return events;
}

/**
 * Every event of a world on a memory store — every organisation's log, in organisation id order,
 * read through `book.events.list` — for assertions about all events at once ("nothing was
 * recorded"). The logs to read are those of every organisation the store holds and every log it
 * has, so an event logged under a wrong organisation id is not missed either.
 */
export async function everyEvent(world: {
  book: Partnerbook;
  store: MemoryStore;
}): Promise<PartnerbookEvent[]> {
  const { organisations, events } = world.store.snapshot();
  const ids = new Set<OrganisationId>([
    ...organisations.map((organisation) => organisation.id),
    ...events.map((event) => event.organisationId),
  ]);
  return allEvents(world.book, [...ids].sort());
}
