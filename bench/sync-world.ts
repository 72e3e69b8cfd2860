import {
  type Contact,
  type Member,
  type MemberId,
  type Partnerbook,
  randomIds,
  type Store,
} from "partnerbook";
import {
  customerContact,
  linkedContact,
  member,
  organisation,
  partnerNames,
  partnerOf,
} from "./fixture-records.js";
import { at, prng } from "./seeded.js";
import { benchPartnerbook, insertAll, insertOrganisations, type MakeStore } from "./store-filling.js";

// Many owners and a few popular external members: the fan-out of a sync (R23).

/** A store of `total` contacts over many owners, with external members linked from `k` each. */
export interface SyncWorld {
  readonly store: Store;
  readonly book: Partnerbook;
  readonly total: number;
  readonly owners: number;
  /** For each fan-out `k`, an external member linked from exactly `k` contacts. */
  readonly targets: ReadonlyMap<number, MemberId>;
  readonly buildSeconds: number;
}

/**
 * `owners` members of one organisation share `total` contacts evenly; for each `k` in `fanOuts`,
 * owners 0…k−1 each hold one contact linked to that k's external member (R15: one per owner).
 * The rest are 30% linked to a pool of 1,000 other external members, 70% customers.
 */
export async function buildSyncWorld(
  makeStore: MakeStore,
  total: number,
  fanOuts: readonly number[],
  options: { readonly owners?: number; readonly seed?: number } = {},
): Promise<SyncWorld> {
  const started = performance.now();
  const random = prng(options.seed ?? 20260402);
  const ownerCount = options.owners ?? Math.max(...fanOuts);
  const perOwner = Math.floor(total / ownerCount);
  if (perOwner < fanOuts.length || perOwner * ownerCount !== total || Math.max(...fanOuts) > ownerCount) {
    throw new Error(`cannot spread ${total} contacts over ${ownerCount} owners with fan-outs ${fanOuts}`);
  }
  const store = await makeStore();
  const ownerIds = Array.from({ length: ownerCount }, () => randomIds.id("member") as MemberId);
  const home = organisation("さくら商事株式会社", at(ownerIds, 0));
  const partners = partnerNames.map((name) => organisation(name, randomIds.id("member") as MemberId));
  await insertOrganisations(store, [home, ...partners]);
  await insertAll(
    store,
    ownerCount,
    (i) => member(home.id, 8_000_000 + i, "sakura", random, at(ownerIds, i)),
    (tx, record) => tx.members.insert(record),
  );
  const poolSize = 1_000;
  const externals: Member[] = [];
  await insertAll(
    store,
    poolSize + fanOuts.length,
    (i) => {
      const record = member(at(partners, i % partners.length).id, i, `partner${i % partners.length}`, random);
      externals.push(record);
      return record;
    },
    (tx, record) => tx.members.insert(record),
  );
  const pool = externals.slice(0, poolSize);
  const popular = externals.slice(poolSize);

  await insertAll(
    store,
    total,
    (i): Contact => {
      const ownerIndex = Math.floor(i / perOwner);
      const slot = i % perOwner;
      const owner = at(ownerIds, ownerIndex);
      const serial = 1_000_000 + i;
      if (slot < fanOuts.length) {
        const k = at(fanOuts, slot);
        if (ownerIndex < k) {
          const target = at(popular, slot);
          return linkedContact(owner, home.id, target, partnerOf(partners, target), serial, random);
        }
      }
      if (random() < 0.3) {
        const target = at(pool, (ownerIndex * 31 + slot) % poolSize);
        return linkedContact(owner, home.id, target, partnerOf(partners, target), serial, random);
      }
      return customerContact(owner, home.id, serial, random);
    },
    (tx, contact) => tx.contacts.insert(contact),
  );
  return {
    store,
    book: benchPartnerbook(store),
    total,
    owners: ownerCount,
    targets: new Map(fanOuts.map((k, slot) => [k, at(popular, slot).id])),
    buildSeconds: (performance.now() - started) / 1000,
  };
}
