import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  asContactId,
  asMemberId,
  asOrganisationId,
  type ErrorCode,
  type Member,
  type NewCustomerInput,
  type Organisation,
} from "../../src/index.js";
import { aMember, anOrganisation, aWorld, twoLinkableMembers, type World } from "../support/builders.js";

describe("R15 as a property", () => {
  type Way = "search" | "qr" | "reissue, then qr";

  it("R15: adding the same person any number of times, by search or QR in any order, yields one contact", async () => {
    const ways = fc.array(fc.constantFrom<Way>("search", "qr", "reissue, then qr"), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(ways, async (sequence) => {
        const world = aWorld();
        const { sato, lee } = await twoLinkableMembers(world);
        const results = [];
        for (const way of sequence) {
          if (way === "search") {
            results.push(await world.book.contacts.addFromSearch(sato.id, lee.id));
            continue;
          }
          const { token } =
            way === "qr" ? await world.book.qrCodes.mine(lee.id) : await world.book.qrCodes.reissue(lee.id);
          results.push(await world.book.contacts.addFromQr(sato.id, token));
        }
        expect(results.map((result) => result.status)).toEqual(
          sequence.map((_, i) => (i === 0 ? "added" : "existing")),
        );
        expect(new Set(results.map((result) => result.contact.id)).size).toBe(1);
        expect((await world.book.contacts.list(sato.id)).items).toHaveLength(1);
        const snapshot = world.store.snapshot();
        expect(snapshot.contacts).toHaveLength(1);
        expect(snapshot.events.filter((event) => event.type === "contact_added")).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });
});

/** A world where every kind of refusal has someone to refuse. */
interface Scene {
  readonly world: World;
  /** A free organisation already holding its 500 contacts (R16). */
  readonly full: { readonly organisation: Organisation; readonly admin: Member; readonly member: Member };
  /** A free organisation with room; `alice` is not an admin. */
  readonly open: { readonly organisation: Organisation; readonly admin: Member; readonly alice: Member };
  /** An external user in another open organisation, with a QR code issued. */
  readonly bob: Member;
  readonly bobToken: string;
  /** A member of an organisation whose linking is off. */
  readonly carol: Member;
}

async function aScene(): Promise<Scene> {
  const world = aWorld();
  const { acme, globex } = await twoLinkableMembers(world);
  const member = await aMember(world, acme);
  for (let i = 0; i < 500; i++) {
    await world.book.contacts.addCustomer(acme.admin.id, {
      familyName: `Customer ${i}`,
      emails: [{ address: `customer${i}@example.com` }],
    });
  }
  const alice = await aMember(world, globex, { worksId: "alice.example", mobilePhone: "080-2222-3333" });
  const closed = await anOrganisation(world, { linking: false });
  const carol = await aMember(world, closed);
  const other = await anOrganisation(world);
  const bob = await aMember(world, other, { worksId: "bob.example" });
  const bobToken = (await world.book.qrCodes.mine(bob.id)).token;
  return {
    world,
    full: { organisation: acme.organisation, admin: acme.admin, member },
    open: { organisation: globex.organisation, admin: globex.admin, alice },
    bob,
    bobToken,
    carol,
  };
}

/** One call that must be refused with `code`. */
interface Refusal {
  readonly label: string;
  readonly code: ErrorCode;
  run(scene: Scene): Promise<unknown>;
}

const refusal = (label: string, code: ErrorCode, run: (scene: Scene) => Promise<unknown>): Refusal => ({
  label,
  code,
  run,
});

const aName = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,18}[A-Za-z]$/);
const anUnknownId = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((suffix) => `nope_${suffix}`);
const notAPhone = fc.oneof(
  fc.stringMatching(/^[0-9]{1,3}$/),
  fc.constantFrom("phone", "+", "abc-def", "++81"),
);
const aValidCustomer = aName.map((familyName) => ({ familyName, phones: [{ number: "03-1234-5678" }] }));

const badCustomerInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ company: aName, phones: fc.constant([{ number: "090-1111-2222" }]) }),
  fc.record({ familyName: aName }),
  fc.record({ givenName: aName, phones: fc.constant([]), emails: fc.constant([]) }),
  fc.record({ familyName: aName, phones: notAPhone.map((number) => [{ number }]) }),
  fc.record({ familyName: aName, emails: aName.map((address) => [{ address }]) }),
  fc.record({
    familyName: aName,
    emails: fc.constant([{ address: "a@example.com" }]),
    nonsense: fc.anything(),
  }),
  fc.record({
    familyName: aName,
    emails: fc.constant([{ address: "a@example.com" }]),
    memo: fc.constant("x".repeat(4001)),
  }),
  fc.record({
    familyName: aName,
    emails: fc.constant([{ address: "a@example.com" }]),
    tags: fc.constant(Array.from({ length: 101 }, (_, i) => `t${i}`)),
  }),
  fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer())),
);

const refusals: fc.Arbitrary<Refusal> = fc.oneof(
  badCustomerInput.map((input) =>
    refusal("an invalid customer contact", "VALIDATION", (s) =>
      s.world.book.contacts.addCustomer(s.open.alice.id, input as NewCustomerInput),
    ),
  ),
  aValidCustomer.map((input) =>
    refusal("a customer contact past the limit", "LIMIT_REACHED", (s) =>
      s.world.book.contacts.addCustomer(s.full.member.id, input),
    ),
  ),
  fc.constant(
    refusal("a search add past the limit", "LIMIT_REACHED", (s) =>
      s.world.book.contacts.addFromSearch(s.full.member.id, s.bob.id),
    ),
  ),
  fc.constant(
    refusal("a QR add past the limit", "LIMIT_REACHED", (s) =>
      s.world.book.contacts.addFromQr(s.full.admin.id, s.bobToken),
    ),
  ),
  fc
    .record({ enabled: fc.boolean() })
    .map((patch) =>
      refusal("a policy change by a non-admin", "NOT_PERMITTED", (s) =>
        s.world.book.organisations.setLinkingPolicy(s.open.alice.id, s.open.organisation.id, patch),
      ),
    ),
  fc.constant(
    refusal("a policy change by another organisation's admin", "NOT_PERMITTED", (s) =>
      s.world.book.organisations.setLinkingPolicy(s.full.admin.id, s.open.organisation.id, {
        enabled: false,
      }),
    ),
  ),
  fc
    .constantFrom<unknown>(
      { enabled: "yes" },
      { scope: { kind: "listed" } },
      { partners: { kind: "none" } },
      null,
    )
    .map((patch) =>
      refusal("an invalid policy change", "VALIDATION", (s) =>
        s.world.book.organisations.setLinkingPolicy(s.open.admin.id, s.open.organisation.id, patch as never),
      ),
    ),
  aName.map((name) =>
    refusal("a rename by a non-admin", "NOT_PERMITTED", (s) =>
      s.world.book.organisations.rename(s.open.alice.id, s.open.organisation.id, name),
    ),
  ),
  fc.constant(
    refusal("a member created by a non-admin", "NOT_PERMITTED", (s) =>
      s.world.book.members.create(s.open.alice.id, { worksId: "new.person", displayName: "New Person" }),
    ),
  ),
  fc
    .constantFrom(
      (w: string) => w,
      (w: string) => w.toUpperCase(),
      (w: string) => w.charAt(0).toUpperCase() + w.slice(1),
    )
    .map((variant) =>
      refusal("a member with a works ID already taken", "CONFLICT", (s) =>
        s.world.book.members.create(s.open.admin.id, {
          worksId: variant(s.bob.worksId),
          displayName: "Twin",
        }),
      ),
    ),
  notAPhone.map((mobilePhone) =>
    refusal("a profile change with a bad phone", "VALIDATION", (s) =>
      s.world.book.members.updateProfile(s.open.alice.id, { nickname: "Changed", mobilePhone }),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("adding an unknown member", "NOT_FOUND", (s) =>
      s.world.book.contacts.addFromSearch(s.open.alice.id, asMemberId(id)),
    ),
  ),
  anUnknownId.map((token) =>
    refusal("adding by an unknown QR token", "NOT_FOUND", (s) =>
      s.world.book.contacts.addFromQr(s.open.alice.id, token),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("an unknown actor adding a customer", "UNKNOWN_ACTOR", (s) =>
      s.world.book.contacts.addCustomer(asMemberId(id), {
        familyName: "X",
        emails: [{ address: "x@example.com" }],
      }),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("an unknown actor adding by QR", "UNKNOWN_ACTOR", (s) =>
      s.world.book.contacts.addFromQr(asMemberId(id), s.bobToken),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("reading an unknown contact", "NOT_FOUND", (s) =>
      s.world.book.contacts.get(s.open.alice.id, asContactId(id)),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("talk access to an unknown contact", "NOT_FOUND", (s) =>
      s.world.book.contacts.talkAccess(s.open.alice.id, asContactId(id)),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("a policy change of an unknown organisation", "NOT_FOUND", (s) =>
      s.world.book.organisations.setLinkingPolicy(s.open.admin.id, asOrganisationId(id), { enabled: true }),
    ),
  ),
  anUnknownId.map((id) =>
    refusal("an unknown actor issuing a QR code", "UNKNOWN_ACTOR", (s) =>
      s.world.book.qrCodes.reissue(asMemberId(id)),
    ),
  ),
  fc.constant(
    refusal("adding a member whose organisation is off", "NOT_FOUND", (s) =>
      s.world.book.contacts.addFromSearch(s.open.alice.id, s.carol.id),
    ),
  ),
  fc.constant(
    refusal("adding from an organisation that is off", "LINKING_DISABLED", (s) =>
      s.world.book.contacts.addFromSearch(s.carol.id, s.bob.id),
    ),
  ),
  fc.constant(
    refusal("adding a colleague", "NOT_FOUND", (s) =>
      s.world.book.contacts.addFromSearch(s.full.member.id, s.full.admin.id),
    ),
  ),
);

describe("refusals as a property", () => {
  let scene: Scene;

  beforeAll(async () => {
    scene = await aScene();
  }, 30_000);

  // Every call is refused, so the store must still equal the one snapshot taken before them all.
  // The full organisation makes each snapshot ~1,000 records; the run count keeps this fast.
  it("a failed operation leaves the store unchanged", { timeout: 60_000 }, async () => {
    const before = scene.world.store.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.array(refusals, { minLength: 1, maxLength: 3 }), async (calls) => {
        for (const call of calls) {
          await expect(call.run(scene), call.label).rejects.toMatchObject({ code: call.code });
          expect(scene.world.store.snapshot(), call.label).toEqual(before);
        }
      }),
      { numRuns: 100 },
    );
  });
});
