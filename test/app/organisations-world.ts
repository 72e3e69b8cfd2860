import type { Member, MemberId, OrganisationId, PartnerbookEvent, TalkAccess } from "../../src/index.js";
import type { World } from "../support/builders.js";
import { adminOf, everyEvent } from "../support/events.js";

export const talking: TalkAccess = { canTalk: true, canViewHistory: true, reason: "ok" };
/** The events recorded while `step` ran, in every organisation's log (read from where each log stood). */
export async function eventsDuring(
  world: World,
  step: () => Promise<unknown>,
): Promise<readonly PartnerbookEvent[]> {
  const last = new Map<OrganisationId, number>();
  for (const event of await everyEvent(world)) last.set(event.organisationId, event.sequence);
  await step();
  const logs = new Set((await everyEvent(world)).map((event) => event.organisationId));
  const events: PartnerbookEvent[] = [];
  for (const organisationId of logs) {
    const reader = adminOf(world.store, organisationId);
    events.push(
      ...(await world.book.events.list(reader, { organisationId, after: last.get(organisationId) ?? 0 })),
    );
  }
  return events;
}

/** The member ids on the cards `actor` gets when searching for `target`'s works ID. */
export async function found(world: World, actor: Member, target: Member): Promise<MemberId[]> {
  const cards = await world.book.search.byWorksId(actor.id, target.worksId);
  return cards.map((card) => card.memberId);
}
