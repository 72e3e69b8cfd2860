import type { ImportRecord, ImportResult, MemberId, NewCustomerInput } from "../../src/index.js";
import { aMember, anOrganisation, aWorld, type World } from "../support/builders.js";

export const yamada: NewCustomerInput = {
  familyName: "山田",
  phones: [{ label: "mobile", number: "090-1234-5678" }],
  emails: [{ address: "yamada@example.jp" }],
};

export const record = (contact: NewCustomerInput, line: number | null = null): ImportRecord => ({
  line,
  contact,
});

/** A member of a fresh free organisation, in a fresh world. */
export async function anImporter(world: World = aWorld()) {
  const acme = await anOrganisation(world, { name: "Acme" });
  const sato = await aMember(world, acme, { worksId: "sato", displayName: "佐藤" });
  return { world, acme, sato, book: world.book };
}

/** Imports `records` and hands back every result, in the order `onRecord` heard them. */
export async function importAll(
  world: World,
  actor: MemberId,
  records: Iterable<ImportRecord> | AsyncIterable<ImportRecord>,
  options: { onExisting?: "skip" | "merge"; dryRun?: boolean } = {},
) {
  const results: ImportResult[] = [];
  const summary = await world.book.contacts.import(actor, records, {
    ...options,
    onRecord: (result) => {
      results.push(result);
    },
  });
  return { results, summary };
}

export async function fillBook(world: World, owner: MemberId, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await world.book.contacts.addCustomer(owner, {
      givenName: `Filler ${i}`,
      emails: [{ address: `f${i}@example.com` }],
    });
  }
}
