// Run by bench/memory.bench.ts in a fresh process: node --expose-gc --import tsx bench/memory-probe.ts N
// Prints one JSON line: heap figures, in bytes, of a store holding one member's book of N typical
// contacts (bench/fixtures.ts), each measured after full garbage collections.
//
//   membersOnly  = a store holding only the organisations and the external members (0.3·N + 2)
//                  that the book's linked contacts point at
//   full         = a store holding the same members and the N contacts, after a query on each
//                  tab of the book (so it includes what the store keeps to answer queries)
//   per contact  = (full − membersOnly) / N: the records and every index the store keeps for them
//   plain        = the same N contacts as plain objects in an array (a JSON copy, as a request or
//                  a database row would give them): what the records alone weigh
import type { BookPosition, Contact, MemberId, OrganisationId, Store, Viewer } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { absentQuery, buildBookWorld } from "./fixtures.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const collect = gc;
const size = Number(process.argv[2] ?? 100_000);
const linked = Math.round(size * 0.3);

function heapUsed(): number {
  for (let i = 0; i < 3; i++) collect();
  return process.memoryUsage().heapUsed;
}

/** The owner looking at their own book. */
async function ownersView(store: Store, owner: MemberId): Promise<Viewer> {
  const ownerRecord = await store.transaction((tx) => tx.members.get(owner));
  return {
    memberId: owner,
    organisationId: ownerRecord?.organisationId as OrganisationId,
    groupIds: new Set(),
  };
}

/** A query that matches nothing, on both tabs: it reads every contact's search text. */
async function queryEveryTab(store: Store, owner: MemberId): Promise<void> {
  const viewer = await ownersView(store, owner);
  for (const tab of ["customers", "external"] as const) {
    await store.transaction((tx) =>
      tx.contacts.listBook({ viewer, tab, group: null, text: absentQuery, after: null, limit: 50 }),
    );
  }
}

// A small world first, thrown away: what running the code allocates once (compiled code, type
// feedback) is then not counted as the weight of the members or of the contacts. In a function
// of its own, so that nothing of it stays reachable from this module's scope.
async function warmUp(): Promise<void> {
  const world = await buildBookWorld(memoryStore, 2_000);
  await queryEveryTab(world.store, world.owner);
}
await warmUp();

let before = heapUsed();
let store: Store | null = (await buildBookWorld(memoryStore, 0, { freshTargets: linked })).store;
const membersOnlyBytes = heapUsed() - before;
store = null;

before = heapUsed();
const started = performance.now();
const world = await buildBookWorld(memoryStore, size);
const buildSeconds = (performance.now() - started) / 1000;
store = world.store;
const owner: MemberId = world.owner;
await queryEveryTab(store, owner);
// Only the store (and the owner's id) stay reachable from here on.
(world as { contactIds: unknown }).contactIds = null;
(world as { linkedTargets: unknown }).linkedTargets = null;
(world as { searchable: unknown }).searchable = null;
const fullBytes = heapUsed() - before;

// The same contacts as plain objects: page through the owner's book and copy each record.
const fullStore = store;
const viewer = await ownersView(fullStore, owner);
before = heapUsed();
const plain = await fullStore.transaction(async (tx) => {
  const records: Contact[] = [];
  let after: BookPosition | null = null;
  do {
    const page = await tx.contacts.listBook({
      viewer,
      tab: "customers",
      group: null,
      text: null,
      after,
      limit: 1000,
    });
    for (const contact of page.items) records.push(JSON.parse(JSON.stringify(contact)) as Contact);
    after = page.next;
  } while (after !== null);
  return records;
});
const plainBytes = heapUsed() - before;
if (plain.length !== size) throw new Error(`copied ${plain.length} contacts, expected ${size}`);

console.log(
  JSON.stringify({
    size,
    externalMembers: linked + 2,
    membersOnlyBytes,
    fullBytes,
    bytesPerContact: (fullBytes - membersOnlyBytes) / size,
    bytesPerExternalMember: membersOnlyBytes / (linked + 2),
    bytesPerPlainContact: plainBytes / size,
    buildSeconds,
  }),
);
