import { expect } from "vitest";
import {
  type Contact,
  type ContactPatchInput,
  type MemberId,
  PartnerbookError,
  type PartnerbookEvent,
} from "../../src/index.js";
import { aWorld, twoLinkableMembers, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

/** A patch the compiler would refuse (R25 in the types), to prove the run-time refusal too. */
export const unchecked = (patch: object) => patch as ContactPatchInput;

export async function aLinkedScene() {
  const world = aWorld();
  const { acme, globex, sato, lee } = await twoLinkableMembers(world);
  const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
  return { world, acme, globex, sato, lee, contact };
}

export async function aCustomerScene(input: Parameters<World["book"]["contacts"]["addCustomer"]>[1]) {
  const world = aWorld();
  const { acme, sato } = await twoLinkableMembers(world);
  const contact = await world.book.contacts.addCustomer(sato.id, input);
  return { world, acme, sato, contact };
}

export function edit(world: World, actor: MemberId, contact: Contact, patch: ContactPatchInput) {
  return world.book.contacts.edit(actor, contact.id, patch, { expectedVersion: contact.version });
}

export async function editEvents(world: World): Promise<PartnerbookEvent[]> {
  return (await everyEvent(world)).filter((event) => event.type === "contact_edited");
}

export async function refusal(promise: Promise<unknown>): Promise<PartnerbookError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartnerbookError);
  return error as PartnerbookError;
}
