// The inputs the everyday-operation benches call with, prepared before any timing: random
// contacts, searchable members (works IDs typed in capitals), linked members and page cursors,
// drawn with fixed seeds, so every adapter and every run calls with the same ones.
import { type ContactId, encodeCursor, type MemberId, sortKeyOf } from "partnerbook";
import { at, type BookWorld, randomPicks } from "./fixtures.js";

export type OperationInputs = Awaited<ReturnType<typeof operationInputs>>;

/** `pickCount` picks of each kind (a power of two, so `i & (pickCount - 1)` walks them), 64 cursors. */
export async function operationInputs(world: BookWorld, pickCount: number) {
  const { book, owner, size } = world;
  const ids = world.contactIds;
  const contactPicks = randomPicks(size, pickCount, 1);
  const pickedIds: ContactId[] = Array.from(contactPicks, (index) => at(ids, index));
  const { worksIds, phones } = world.searchable;
  const worksIdPicks = Array.from(randomPicks(worksIds.length, pickCount, 2), (index) =>
    at(worksIds, index).toUpperCase(),
  );
  const phonePicks = Array.from(randomPicks(phones.length, pickCount, 3), (index) => at(phones, index));
  const linkedPicks: MemberId[] = Array.from(randomPicks(world.linkedTargets.length, pickCount, 4), (index) =>
    at(world.linkedTargets, index),
  );
  const cursors = await Promise.all(
    Array.from(randomPicks(size, 64, 5), async (index) => {
      const contact = await book.contacts.get(owner, at(ids, index));
      return encodeCursor({ sortKey: sortKeyOf(contact), id: contact.id });
    }),
  );
  // Each contact's version as the edits leave it (contacts start at version 1).
  const versions = new Int32Array(size).fill(1);
  return { ids, contactPicks, pickedIds, worksIdPicks, phonePicks, linkedPicks, cursors, versions };
}

/** Throws, naming `label`, unless the first picks do what the bench says its lookups do. */
export async function checkLookups(world: BookWorld, inputs: OperationInputs, label: string): Promise<void> {
  const { book, owner } = world;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`${label}: ${what}`);
  };
  check(
    (await book.search.byWorksId(owner, at(inputs.worksIdPicks, 0))).length === 1,
    "works ID search finds",
  );
  check((await book.search.byPhone(owner, at(inputs.phonePicks, 0))).length === 1, "phone search finds");
  check(
    (await book.contacts.addFromSearch(owner, at(inputs.linkedPicks, 0))).status === "existing",
    "re-add is existing",
  );
}

/**
 * The call that edits the memo of pick `i`'s contact at the version it last left, alternating
 * between two memos so every edit changes something (an edit that changes nothing writes nothing).
 */
export function memoEdit(world: BookWorld, inputs: OperationInputs, memos: readonly [string, string]) {
  const { book, owner } = world;
  const { contactPicks, ids, versions } = inputs;
  const mask = contactPicks.length - 1;
  return async (i: number): Promise<void> => {
    const index = contactPicks[i & mask] as number;
    const version = versions[index] as number;
    const edited = await book.contacts.edit(
      owner,
      ids[index] as ContactId,
      { memo: memos[version & 1] as string },
      { expectedVersion: version },
    );
    versions[index] = edited.version;
  };
}
