// purgeExpired, timed on contacts put in the trash past their retention before each sample.
import { type ContactId, type CustomerContact, privateSharing, randomIds } from "partnerbook";
import { emptyOwnerFields } from "../src/domain/contact.js";
import { type BookWorld, fixtureTime } from "./fixtures.js";
import { type Measured, median, round, sig } from "./harness.js";

/** A trashed customer contact of the book's owner whose retention ended at the fixtures' time. */
function dueContact(world: BookWorld, organisationId: CustomerContact["organisationId"], n: number) {
  const contact: CustomerContact = {
    id: randomIds.id("contact") as ContactId,
    kind: "customer",
    ownerId: world.owner,
    organisationId,
    profile: { nickname: null, company: `株式会社テスト${n % 1000}`, photoUrl: null },
    fields: { ...emptyOwnerFields, familyName: "削除済", givenName: `取引先${n}` },
    groups: [],
    sharing: privateSharing,
    trash: { trashedAt: new Date(fixtureTime.getTime() - 30 * 86_400_000), purgeAt: fixtureTime },
    version: 1,
    createdAt: fixtureTime,
    updatedAt: fixtureTime,
  };
  return contact;
}

/** purgeExpired, each sample on `due` contacts put in the trash (and past retention) beforehand. */
export async function measurePurge(
  world: BookWorld,
  due: number,
  samples: number,
  setBulk: (on: boolean) => void,
): Promise<Measured> {
  const owner = await world.store.transaction((tx) => tx.members.get(world.owner));
  if (owner === null) throw new Error("no owner");
  let serial = 0;
  const wallUs: number[] = [];
  const cpuUs: number[] = [];
  for (let sample = -1; sample < samples; sample++) {
    const records = Array.from({ length: due }, () => dueContact(world, owner.organisationId, serial++));
    setBulk(true);
    await world.store.transaction(async (tx) => {
      for (const record of records) await tx.contacts.insert(record);
    });
    setBulk(false);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const purged = await world.book.trash.purgeExpired();
    const wall = (performance.now() - started) * 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (purged !== due) throw new Error(`purged ${purged}, expected ${due}`);
    if (sample < 0) continue; // the first is a warm-up
    wallUs.push(wall);
    cpuUs.push(cpu.user + cpu.system);
  }
  const mean = wallUs.reduce((sum, value) => sum + value, 0) / wallUs.length;
  const sd = Math.sqrt(wallUs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (wallUs.length - 1));
  return {
    batch: 1,
    samples,
    wallMedianUs: sig(median(wallUs)),
    wallMinUs: sig(Math.min(...wallUs)),
    wallRmePercent: round((100 * 1.96 * sd) / Math.sqrt(wallUs.length) / mean, 1),
    cpuMedianUs: sig(median(cpuUs)),
  };
}
