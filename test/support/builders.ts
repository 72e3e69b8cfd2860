import {
  createPartnerbook,
  type IdKind,
  type IdSource,
  type ManualClock,
  type Member,
  manualClock,
  type NewMemberInput,
  type Organisation,
  type Partnerbook,
  type Plan,
  sequentialIds,
} from "../../src/index.js";
import { type MemoryStore, memoryStore } from "../../src/memory.js";
import { fixedWindowRateLimiter, type RateLimiter } from "../../src/ports/rate-limiter.js";

/** A partnerbook on a fresh memory store, a manual clock and predictable ids. */
export interface World {
  readonly book: Partnerbook;
  readonly store: MemoryStore;
  readonly clock: ManualClock;
}

export const start = new Date("2026-04-01T00:00:00.000Z");

/** R20: the secret test books derive QR tokens from and seal mail with (fixed and public: tests only). */
export const testSecret = "partnerbook tests: a fixed, public secret of 32+ characters";

/** A fresh world; searches are effectively unlimited unless a limiter is given. */
export function aWorld(options: { searchLimiter?: RateLimiter } = {}): World {
  const store = memoryStore();
  const clock = manualClock(start);
  const book = createPartnerbook({
    store,
    clock,
    ids: sequentialIds(),
    secret: testSecret,
    searchLimiter: options.searchLimiter ?? fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
  });
  return { book, store, clock };
}

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;

/** An organisation with its admin; linking on unless `linking: false`. */
export async function anOrganisation(
  world: World,
  options: { name?: string; plan?: Plan; linking?: boolean; admin?: Partial<NewMemberInput> } = {},
): Promise<{ organisation: Organisation; admin: Member }> {
  const created = await world.book.organisations.create({
    name: options.name ?? unique("Org "),
    plan: options.plan ?? "free",
    admin: { worksId: unique("admin"), displayName: unique("Admin "), ...options.admin },
  });
  const wanted = options.linking ?? true;
  if (created.organisation.linking.enabled === wanted) return created;
  const organisation = await world.book.organisations.setLinkingPolicy(
    created.admin.id,
    created.organisation.id,
    { enabled: wanted },
  );
  return { organisation, admin: created.admin };
}

/** A member of `organisation`, created by its admin. */
export async function aMember(
  world: World,
  org: { organisation: Organisation; admin: Member },
  input: Partial<NewMemberInput> = {},
): Promise<Member> {
  return world.book.members.create(org.admin.id, {
    worksId: unique("user"),
    displayName: unique("User "),
    ...input,
  });
}

/** Two organisations with linking on and one member each, ready to link. */
export async function twoLinkableMembers(world: World) {
  const acme = await anOrganisation(world, { name: "Acme" });
  const globex = await anOrganisation(world, { name: "Globex" });
  const sato = await aMember(world, acme, { worksId: unique("sato"), displayName: "佐藤 花子" });
  const lee = await aMember(world, globex, {
    worksId: unique("lee"),
    displayName: "Lee Min",
    nickname: "Min",
    mobilePhone: "090-1234-5678",
  });
  return { acme, globex, sato, lee };
}

/**
 * Sequential ids that say how many they have handed out, going on after the first `skip`: a
 * world made on a store put back to what it held after a scene was built hands out what the
 * world that built it would have handed out next.
 */
export function resumedIds(skip = 0): IdSource & { used(): number } {
  const sequential = sequentialIds();
  let used = 0;
  const ids = {
    id: (kind: IdKind) => {
      used++;
      return sequential.id(kind);
    },
    token: () => {
      used++;
      return sequential.token();
    },
    used: () => used,
  };
  while (used < skip) ids.token();
  return ids;
}
