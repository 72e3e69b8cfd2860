// The book the page works on: in memory, or PGlite (PostgreSQL in WebAssembly) persisted in
// IndexedDB, through the same `createPartnerbook` and the same rules.
import { PGlite } from "@electric-sql/pglite";
import { createPartnerbook, type MemberId, type OrganisationId, type Partnerbook } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { fromPglite, migrate, postgresStore } from "partnerbook/postgres";

/** Where the page keeps its book: `?store=memory` (the default) or `?store=pglite`. */
export type StoreChoice = "memory" | "pglite";

/** The book, and who is who in it. */
export interface Demo {
  readonly book: Partnerbook;
  /** 佐藤 花子 of Acme: the member using the page, and Acme's admin. */
  readonly me: MemberId;
  readonly myOrganisation: OrganisationId;
  /** Lee Min of Globex: an external user Sato can find by works ID. */
  readonly lee: MemberId;
  /** What the status line says about the store. */
  readonly where: string;
}

type People = Pick<Demo, "me" | "myOrganisation" | "lee">;

/** PGlite keeps its files in IndexedDB under this name (the database "/pglite/partnerbook-example"). */
export const pgliteDataDir = "idb://partnerbook-example";

// Ids are random, so the page remembers who is who beside the book, as an app remembers who
// signed in.
const peopleKey = "partnerbook-example:people";

/** Opens the chosen book; a new one gets two organisations and their people. */
export async function openDemo(choice: StoreChoice): Promise<Demo> {
  if (choice === "memory") {
    const book = createPartnerbook({ store: memoryStore() });
    return { book, ...(await seed(book)), where: "memory store (gone when the page reloads)" };
  }
  // Durable by default: each transaction is in IndexedDB before it resolves. `relaxedDurability`
  // answers sooner, but a reload right after a change can lose it.
  const client = fromPglite(await PGlite.create(pgliteDataDir));
  const { applied } = await migrate(client);
  const book = createPartnerbook({ store: postgresStore(client) });
  const where = `PGlite on IndexedDB, ${pgliteDataDir} (kept across reloads)`;
  const remembered = localStorage.getItem(peopleKey);
  if (applied.length === 0) {
    if (remembered === null) {
      throw new Error("this PGlite book was made elsewhere: clear the site's data to start over");
    }
    return { book, ...(JSON.parse(remembered) as People), where };
  }
  const people = await seed(book);
  localStorage.setItem(peopleKey, JSON.stringify(people));
  return { book, ...people, where };
}

async function seed(book: Partnerbook): Promise<People> {
  const acme = await book.organisations.create({
    name: "Acme 株式会社",
    admin: { worksId: "sato@acme", displayName: "佐藤 花子", familyName: "佐藤", givenName: "花子" },
  });
  const globex = await book.organisations.create({
    name: "Globex",
    admin: {
      worksId: "lee@globex",
      displayName: "Lee Min",
      familyName: "Lee",
      givenName: "Min",
      nickname: "Min",
      photoUrl: "https://example.com/photos/lee.png",
    },
  });
  return { me: acme.admin.id, myOrganisation: acme.organisation.id, lee: globex.admin.id };
}
