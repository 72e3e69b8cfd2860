import type {
  Contact,
  Member,
  MemberId,
  NewCustomerInput,
  Organisation,
  PartnerbookEvent,
  Plan,
} from "../../src/index.js";
import { aWorld, type World } from "../support/builders.js";
import { everyEvent } from "../support/events.js";

export const day = 86_400_000;

/** An organisation with its admin, created with an explicit trash retention when given. */
async function anOrganisationKeeping(
  world: World,
  name: string,
  options: { retentionDays?: number; plan?: Plan } = {},
): Promise<{ organisation: Organisation; admin: Member }> {
  return world.book.organisations.create({
    name,
    plan: options.plan ?? "free",
    ...(options.retentionDays === undefined ? {} : { trashRetentionDays: options.retentionDays }),
    admin: { worksId: `${name.toLowerCase()}-admin`, displayName: `${name} Admin` },
  });
}

/**
 * Acme (sato, the owner, and kato, a colleague) and Globex (lee, the external user sato adds,
 * and mori, an outsider to Acme). Sato's contact for lee is in `contact`.
 */
export async function aTrashWorld(options: { retentionDays?: number; plan?: Plan } = {}) {
  const world = aWorld();
  const acme = await anOrganisationKeeping(world, "Acme", options);
  const globex = await anOrganisationKeeping(world, "Globex");
  const create = (org: { admin: Member }, worksId: string, displayName: string, nickname?: string) =>
    world.book.members.create(org.admin.id, {
      worksId,
      displayName,
      ...(nickname === undefined ? {} : { nickname }),
    });
  const sato = await create(acme, "sato", "佐藤 花子");
  const kato = await create(acme, "kato", "加藤 健");
  const lee = await create(globex, "lee", "Lee Min", "Min");
  const mori = await create(globex, "mori", "森 真");
  const { contact } = await world.book.contacts.addFromSearch(sato.id, lee.id);
  return { world, acme, globex, sato, kato, lee, mori, contact };
}

let customerCount = 0;
export const aCustomer = (overrides: Partial<NewCustomerInput> = {}): NewCustomerInput => ({
  familyName: `Customer ${++customerCount}`,
  emails: [{ address: `customer${customerCount}@example.com` }],
  ...overrides,
});

/** Shares the contact with everyone in the owner's organisation. */
export async function shareWithOrganisation(
  world: World,
  owner: MemberId,
  contact: Contact,
  coEditing = false,
) {
  return world.book.contacts.share(
    owner,
    contact.id,
    { visibility: "organisation", coEditing },
    { expectedVersion: contact.version },
  );
}

export const listed = async (world: World, actor: MemberId, tab: "customers" | "external" = "customers") =>
  (await world.book.contacts.list(actor, { tab })).items.map((entry) => entry.contact.id);

export const trashed = async (world: World, actor: MemberId) =>
  (await world.book.trash.list(actor)).items.map((entry) => entry.contact.id);

export async function eventsOf<T extends PartnerbookEvent["type"]>(
  world: World,
  type: T,
): Promise<Extract<PartnerbookEvent, { type: T }>[]> {
  const events = await everyEvent(world);
  return events.filter((event): event is Extract<PartnerbookEvent, { type: T }> => event.type === type);
}
