// The memory cases' world: one organisation with ten owners, filled through the API, and the
// contacts made due before each timed purge.
import { type ContactId, createPartnerbook, type MemberId, manualClock, type Partnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { day, surnames } from "./purge-fixtures.js";

const owners = 10;

export interface World {
  readonly book: Partnerbook;
  readonly advance: (ms: number) => void;
  readonly owners: readonly MemberId[];
  serial: number;
}

async function addCustomer(world: World): Promise<{ owner: MemberId; id: ContactId }> {
  const n = world.serial++;
  const owner = world.owners[n % owners] as MemberId;
  const contact = await world.book.contacts.addCustomer(owner, {
    familyName: surnames[n % surnames.length] as string,
    givenName: `取引先${n}`,
    company: `株式会社テスト${n % 1000}`,
    phones: [{ number: "03-1234-5678" }],
  });
  return { owner, id: contact.id };
}

/** A standard-plan organisation (limit 100,000) holding `live` contacts over ten owners. */
export async function fill(live: number): Promise<World> {
  const clock = manualClock(new Date("2026-04-01T00:00:00Z"));
  const book = createPartnerbook({ store: memoryStore(), clock });
  const { admin } = await book.organisations.create({
    name: "さくら商事株式会社",
    plan: "standard",
    admin: { worksId: "admin@sakura", displayName: "佐藤 花子" },
  });
  const members = [admin.id];
  for (let i = 1; i < owners; i++) {
    const worksId = `member${i}@sakura`;
    members.push((await book.members.create(admin.id, { worksId, displayName: `社員 ${i}` })).id);
  }
  const world: World = { book, advance: (ms) => clock.advance(ms), owners: members, serial: 0 };
  for (let i = 0; i < live; i++) await addCustomer(world);
  return world;
}

/** Adds `due` contacts, deleting each at once (R16 counts live ones only), then lets them expire. */
export async function makeDue(world: World, due: number): Promise<void> {
  for (let i = 0; i < due; i++) {
    const { owner, id } = await addCustomer(world);
    await world.book.trash.delete(owner, id);
  }
  world.advance(30 * day);
}
