import {
  type Contact,
  type ContactId,
  type Member,
  type MemberId,
  type Partnerbook,
  randomIds,
  type Store,
  searchTextOf,
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

// R15 allows one contact per owner and external user, so in ONE member's book every linked
// contact needs its own external member: a book of N holds 0.3·N of them, spread over five
// partner organisations.

/** One member's book of `size` contacts, and what the benches need to address it. */
export interface BookWorld {
  readonly store: Store;
  readonly book: Partnerbook;
  readonly size: number;
  /** The member whose book it is. */
  readonly owner: MemberId;
  /** A member of a second, small organisation: it has room to add contacts (R16). */
  readonly outsider: MemberId;
  /** Every contact of the book, in the order written. */
  readonly contactIds: readonly ContactId[];
  /** The external members the book's linked contacts point at. */
  readonly linkedTargets: readonly MemberId[];
  /** External members that allow phone search: their works IDs and typed phones. */
  readonly searchable: { readonly worksIds: readonly string[]; readonly phones: readonly string[] };
  /** External members nobody has added yet, for adds that must create a contact. */
  readonly freshTargets: readonly MemberId[];
  /** `searchTextOf` of every contact (what the store matches queries against), if asked for. */
  readonly searchTexts: readonly string[];
  readonly counts: { readonly customers: number; readonly linked: number; readonly externalMembers: number };
  readonly buildSeconds: number;
}

export interface BookWorldOptions {
  /** External members left unlinked for adds. Default 0. */
  readonly freshTargets?: number;
  /** Keep `searchTextOf` of every contact, for the bare-filter baseline. Default false. */
  readonly keepSearchTexts?: boolean;
  /** Share of linked contacts. Default 0.3. */
  readonly linkedShare?: number;
  readonly seed?: number;
}

/** Builds one member's book of `size` typical contacts. */
export async function buildBookWorld(
  makeStore: MakeStore,
  size: number,
  options: BookWorldOptions = {},
): Promise<BookWorld> {
  const started = performance.now();
  const random = prng(options.seed ?? 20260401);
  const store = await makeStore();
  const linkedShare = options.linkedShare ?? 0.3;
  const freshCount = options.freshTargets ?? 0;

  const ownerId = randomIds.id("member") as MemberId;
  const outsiderId = randomIds.id("member") as MemberId;
  const home = organisation("さくら商事株式会社", ownerId);
  const small = organisation("有限会社こもれび", outsiderId);
  const partners = partnerNames.map((name) => organisation(name, randomIds.id("member") as MemberId));
  await insertOrganisations(store, [home, small, ...partners]);

  const linked = Math.round(size * linkedShare);
  const externalCount = linked + freshCount;
  const externals: Member[] = [];
  const worksIds: string[] = [];
  const phones: string[] = [];
  await insertAll(
    store,
    externalCount + 2,
    (i) => {
      if (i === externalCount) return member(home.id, 9_000_001, "sakura", random, ownerId);
      if (i === externalCount + 1) return member(small.id, 9_000_002, "komorebi", random, outsiderId);
      const partner = at(partners, i % partners.length);
      const record = member(partner.id, i, `partner${i % partners.length}`, random);
      externals.push(record);
      if (record.allowSearchByPhone && record.mobilePhone !== null) {
        worksIds.push(record.worksId);
        phones.push(record.mobilePhone.raw);
      }
      return record;
    },
    (tx, record) => tx.members.insert(record),
  );

  // Kinds are interleaved evenly (every contact i with ⌊(i+1)·share⌋ > ⌊i·share⌋ is linked), so
  // every slice of the book — and every page — holds the same mix.
  const contactIds: ContactId[] = [];
  const linkedTargets: MemberId[] = [];
  const searchTexts: string[] = [];
  let nextTarget = 0;
  await insertAll(
    store,
    size,
    (i): Contact => {
      const isLinked = Math.floor((i + 1) * linkedShare) > Math.floor(i * linkedShare);
      let contact: Contact;
      if (isLinked) {
        const target = at(externals, nextTarget++);
        contact = linkedContact(ownerId, home.id, target, partnerOf(partners, target), 1_000_000 + i, random);
        linkedTargets.push(target.id);
      } else {
        contact = customerContact(ownerId, home.id, 1_000_000 + i, random);
      }
      contactIds.push(contact.id);
      if (options.keepSearchTexts) searchTexts.push(searchTextOf(contact));
      return contact;
    },
    (tx, contact) => tx.contacts.insert(contact),
  );
  const freshTargets = externals.slice(nextTarget).map((target) => target.id);
  return {
    store,
    book: benchPartnerbook(store),
    size,
    owner: ownerId,
    outsider: outsiderId,
    contactIds,
    linkedTargets,
    searchable: { worksIds, phones },
    freshTargets,
    searchTexts,
    counts: {
      customers: size - linkedTargets.length,
      linked: linkedTargets.length,
      externalMembers: externalCount,
    },
    buildSeconds: (performance.now() - started) / 1000,
  };
}
