import type { MemberId, OrganisationId, Partnerbook, PartnerbookEvent } from "../../src/index.js";
import type { MemoryStore } from "../../src/memory.js";

/**
 * Every event in one organisation's log, oldest first (paged, so no log is cut short), as
 * `reader` may read it: all of it for an admin of the organisation.
 */
export async function eventsOf(
  book: Partnerbook,
  reader: MemberId,
  organisationId: OrganisationId,
): Promise<PartnerbookEvent[]> {
  const events: PartnerbookEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.sequence ?? 0;
    const page = await book.events.list(reader, { organisationId, after, limit: 1000 });
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/** The first admin of an organisation held by a memory store: the reader of its whole log. */
export function adminOf(store: MemoryStore, organisationId: OrganisationId): MemberId {
  const admin = store.snapshot().organisations.find(({ id }) => id === organisationId)?.admins[0];
  if (admin === undefined) throw new Error(`no admin of ${organisationId}`);
  return admin;
}

/** Every event in the logs of `organisationIds`, one log after the other, each oldest first. */
export async function allEvents(
  world: { book: Partnerbook; store: MemoryStore },
  organisationIds: readonly OrganisationId[],
): Promise<PartnerbookEvent[]> {
  const events: PartnerbookEvent[] = [];
  for (const organisationId of new Set(organisationIds))
    events.push(...(await eventsOf(world.book, adminOf(world.store, organisationId), organisationId)));
  return events;
}

/**
 * Every event of a world on a memory store — every organisation's log, in organisation id order,
 * read by its admin through `book.events.list` — for assertions about all events at once
 * ("nothing was recorded"). A log under an id no organisation has (an event logged under a wrong
 * organisation id) has no reader, so it is taken from the store: such an event is not missed.
 */
export async function everyEvent(world: {
  book: Partnerbook;
  store: MemoryStore;
}): Promise<PartnerbookEvent[]> {
  const { organisations, events } = world.store.snapshot();
  const known = new Set<OrganisationId>(organisations.map((organisation) => organisation.id));
  const ids = new Set<OrganisationId>([...known, ...events.map((event) => event.organisationId)]);
  const all: PartnerbookEvent[] = [];
  for (const id of [...ids].sort()) {
    if (known.has(id)) all.push(...(await allEvents(world, [id])));
    else all.push(...events.filter((event) => event.organisationId === id));
  }
  return all;
}
