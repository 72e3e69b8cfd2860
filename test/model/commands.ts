import fc from "fast-check";
import { expect } from "vitest";
import {
  type BookEntry,
  type BookPageResult,
  type ContactId,
  type ContactPatchInput,
  createPartnerbook,
  type ErrorCode,
  fixedWindowRateLimiter,
  isPartnerbookError,
  type LinkingPolicyPatchInput,
  type ManualClock,
  type MemberId,
  manualClock,
  type NewCustomerInput,
  type Partnerbook,
  type Sharing,
  type Store,
  sequentialIds,
  type TrashEntry,
} from "../../src/index.js";
import { type OutboxMailer, outboxMailer } from "../../src/memory.js";
import { testSecret } from "../support/builders.js";
import {
  type AddPlan,
  type ContactState,
  type CustomerInput,
  day,
  type Expected,
  type FieldPatch,
  hour,
  Model,
  memberCount,
  minute,
  notPhones,
  organisationCount,
  type PartnersModel,
  type PolicyPatch,
  type ProfilePatch,
  phoneBook,
  protagonists,
  type ScopeModel,
  type SyncedTouch,
  start,
  worldSpec,
} from "./model.js";

// Model-based commands over the whole public API. Each command names members, organisations,
// contacts and invite URLs by index into the model, so that any sequence — and any shrunk
// sequence — means something; `run` asks the model what should happen, does it on the real
// book, and fails unless both agree (success and its answer, or the exact error code).

/** The system under test: a partnerbook over some store, its clock, and its outbox if any. */
export interface Real {
  readonly book: Partnerbook;
  readonly clock: ManualClock;
  readonly mailer: OutboxMailer | null;
}

/** A fresh, empty store per run: memory today, PGlite tomorrow. */
export type StoreFactory = () => Promise<Store>;

const inviteBaseUrl = "https://book.example/invite";
const inviteUrlPattern = /https:\/\/book\.example\/invite\/[A-Za-z0-9_-]+/;

/**
 * The `setup` of `fc.asyncModelRun`: builds the world of {@link worldSpec} through the public
 * API on a fresh store, and the model that mirrors it. Without a mailer (`mailer: false`),
 * email invitations are expected to answer NOT_CONFIGURED.
 */
export function modelSetup(
  newStore: StoreFactory,
  options: { readonly mailer?: boolean } = {},
): () => Promise<{ model: Model; real: Real }> {
  return async () => {
    const clock = manualClock(start);
    const mailer = options.mailer === false ? null : outboxMailer();
    const book = createPartnerbook({
      store: await newStore(),
      clock,
      ids: sequentialIds(),
      ...(mailer === null ? {} : { mailer }),
      inviteBaseUrl,
      secret: testSecret,
      // R11 is not what this model is about: searches are effectively unlimited.
      searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    });
    const model = new Model({ mailer: mailer !== null });
    for (const spec of worldSpec) {
      const [adminSpec, ...others] = spec.members;
      if (adminSpec === undefined) throw new Error(`${spec.name} needs an admin`);
      const { organisation, admin } = await book.organisations.create({
        name: spec.name,
        plan: spec.plan,
        ...(spec.trashRetentionDays === undefined ? {} : { trashRetentionDays: spec.trashRetentionDays }),
        ...(spec.invitationExpiryDays === undefined
          ? {}
          : { invitationExpiryDays: spec.invitationExpiryDays }),
        admin: adminSpec,
      });
      model.addOrganisation(spec, organisation.id);
      model.addMember(adminSpec, admin.id);
      for (const memberSpec of others) {
        const member = await book.members.create(admin.id, memberSpec);
        model.addMember(memberSpec, member.id);
      }
    }
    await checkInvariants(model, book);
    // R1 held (checked just above); now every organisation links, so runs start where the
    // interesting things happen, and the commands switch it off again.
    for (const organisation of model.organisations) {
      if (organisation.enabled) continue;
      const admin = model.member(organisation.admins[0] ?? 0).id;
      await book.organisations.setLinkingPolicy(admin, organisation.id, { enabled: true });
      model.commitLinkingPolicy(organisation.index, { enabled: true });
    }
    return { model, real: { book, clock, mailer } };
  };
}

// ── Outcomes ────────────────────────────────────────────────────────────────────────────────

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ErrorCode };

/** Runs a step, turning a PartnerbookError into its code; anything else is a crash and fails. */
async function attempt<T>(step: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    if (isPartnerbookError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

/**
 * Fails unless the real outcome is the expected one (ok, or the same code). When both
 * succeeded, hands back both answers.
 */
function agreed<T, E>(
  what: string,
  actual: Outcome<T>,
  expected: Expected<E>,
): { actual: T; expected: E } | null {
  expect(actual.ok ? "ok" : actual.code, what).toBe(expected.ok ? "ok" : expected.code);
  return actual.ok && expected.ok ? { actual: actual.value, expected: expected.value } : null;
}

/** The code a read was refused with, or "ok". */
async function codeOf(step: () => Promise<unknown>): Promise<"ok" | ErrorCode> {
  const outcome = await attempt(step);
  return outcome.ok ? "ok" : outcome.code;
}

// ── Invariants ──────────────────────────────────────────────────────────────────────────────

/** The whole book as `viewer` sees it, a few entries a page so that cursors are exercised. */
async function wholeBook(
  book: Partnerbook,
  viewer: MemberId,
  query: { tab?: "customers" | "external"; query?: string } = {},
): Promise<BookEntry[]> {
  const entries: BookEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: BookPageResult = await book.contacts.list(viewer, { ...query, limit: 3, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

/** The whole trash of `owner`, two entries a page. */
async function wholeTrash(book: Partnerbook, owner: MemberId): Promise<TrashEntry[]> {
  const entries: TrashEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: readonly TrashEntry[]; nextCursor: string | null } = await book.trash.list(owner, {
      limit: 2,
      cursor,
    });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return entries;
}

const sortedIds = (ids: Iterable<string>) => [...ids].sort();

/**
 * What must hold after every command:
 * - organisations and members are as the model says (policy, names, synced profile, versions);
 * - every contact the model says exists is readable by its owner — live ones by `get` and in
 *   the book, trashed ones in the trash — identical in owner fields, sharing, trash state and
 *   version, and (R23) with nickname, photo and company equal to the target's current profile;
 * - R26, R27: each member's book (paged in full) holds exactly the live contacts they own or
 *   that colleagues shared with the organisation, with the right `external` and `editable`;
 * - R15: among a member's own entries, no external user appears twice;
 * - R32: each trash lists exactly the owner's restorable contacts, soonest gone first;
 * - R33: nothing past retention is visible: not listed, not in the trash, `get` and
 *   `talkAccess` say NOT_FOUND — cleaned up or not; purged contacts likewise;
 * - R3, R5, R31: `talkAccess` for the owner is ok / linking_suspended / in_trash /
 *   customer_contact exactly as the model computes it.
 */
export async function checkInvariants(model: Model, book: Partnerbook): Promise<void> {
  for (const organisation of model.organisations) {
    // Read as one of its admins: only its own members may read an organisation.
    const admin = model.member(organisation.admins[0] ?? 0).id;
    expect(
      await book.organisations.get(admin, organisation.id),
      `organisation ${organisation.name}`,
    ).toMatchObject(model.expectedOrganisation(organisation.index));
  }
  for (const member of model.members) {
    // Read by a colleague (their organisation's first admin): members.get reads within one's organisation.
    const colleague = model.member(model.organisation(member.organisation).admins[0] ?? 0).id;
    expect(await book.members.get(colleague, member.id), `member ${member.worksId}`).toMatchObject(
      model.expectedMember(member.index),
    );

    const entries = await wholeBook(book, member.id);
    const expected = model.book(member.index);
    expect(
      sortedIds(entries.map((entry) => entry.contact.id)),
      `R26, R27, R33: the book of ${member.worksId}`,
    ).toEqual(sortedIds(expected.map((contact) => contact.id)));
    for (const entry of entries) {
      const contact = model.contact(entry.contact.id);
      if (contact === undefined)
        throw new Error(`listed contact ${entry.contact.id} is unknown to the model`);
      expect(entry.contact, `contact ${contact.id} in the book of ${member.worksId}`).toEqual(
        model.expectedContact(contact),
      );
      expect(entry.external, `R26: external mark of ${contact.id}`).toBe(contact.target !== null);
      expect(entry.editable, `R27: editable ${contact.id} for ${member.worksId}`).toBe(
        model.canEdit(contact, member.index),
      );
      if (contact.owner !== member.index) {
        expect(
          await book.contacts.talkAccess(member.id, contact.id),
          `R3, R5, R27: ${member.worksId} talks through ${contact.id}, shared with them`,
        ).toEqual(model.talkAccess(contact, member.index));
      }
    }
    const targets = entries.flatMap((entry) =>
      entry.contact.ownerId === member.id && entry.contact.kind === "linked"
        ? [entry.contact.targetMemberId]
        : [],
    );
    expect(new Set(targets).size, `R15: no external user twice in the book of ${member.worksId}`).toBe(
      targets.length,
    );

    const trash = await wholeTrash(book, member.id);
    const inTrash = model.trashOf(member.index);
    expect(
      trash.map((entry) => entry.contact.id),
      `R32, R33: the trash of ${member.worksId}`,
    ).toEqual(inTrash.map((contact) => contact.id));
    for (const [i, entry] of trash.entries()) {
      const contact = inTrash[i];
      if (contact?.trash == null) throw new Error("the model's trash holds a contact not in the trash");
      expect(entry.contact, `trashed contact ${contact.id}`).toEqual(model.expectedContact(contact));
      expect(entry.purgeAt).toEqual(contact.trash.purgeAt);
      expect(entry.daysLeft, `daysLeft of ${contact.id}`).toBe(
        Math.ceil((contact.trash.purgeAt.getTime() - model.now) / day),
      );
    }
  }

  for (const contact of model.contacts) {
    const owner = model.member(contact.owner).id;
    if (model.isGone(contact)) {
      expect(await codeOf(() => book.contacts.get(owner, contact.id)), `R33: ${contact.id} is gone`).toBe(
        "NOT_FOUND",
      );
      expect(
        await codeOf(() => book.contacts.talkAccess(owner, contact.id)),
        `R33: no talk through gone ${contact.id}`,
      ).toBe("NOT_FOUND");
      continue;
    }
    if (contact.trash === null) {
      const real = await book.contacts.get(owner, contact.id);
      if (real.kind === "linked" && contact.target !== null) {
        const target = model.member(contact.target);
        expect(real.synced, `R23: ${contact.id} follows ${target.worksId}`).toEqual({
          nickname: target.nickname,
          company: model.organisationOf(contact.target).name,
          photoUrl: target.photoUrl,
        });
      }
      expect(real, `the owner reads ${contact.id}`).toEqual(model.expectedContact(contact));
    } else {
      expect(
        await codeOf(() => book.contacts.get(owner, contact.id)),
        `R31: ${contact.id} is in the trash`,
      ).toBe("IN_TRASH");
    }
    expect(
      await book.contacts.talkAccess(owner, contact.id),
      `R3, R5, R31: talk through ${contact.id}`,
    ).toEqual(model.talkAccess(contact, contact.owner));
  }

  for (const gone of model.removed) {
    const owner = model.member(gone.owner).id;
    expect(await codeOf(() => book.contacts.get(owner, gone.id)), `R33, R34: ${gone.id} was purged`).toBe(
      "NOT_FOUND",
    );
  }
}

// ── Commands ────────────────────────────────────────────────────────────────────────────────

/** One command: a label for the report, when it applies, and what it does to both sides. */
class Step implements fc.AsyncCommand<Model, Real> {
  constructor(
    private readonly label: string,
    private readonly applies: (model: Readonly<Model>) => boolean,
    private readonly body: (model: Model, real: Real) => Promise<void>,
  ) {}

  check(model: Readonly<Model>): boolean {
    return this.applies(model);
  }

  async run(model: Model, real: Real): Promise<void> {
    await this.body(model, real);
    await checkInvariants(model, real.book);
  }

  toString(): string {
    return this.label;
  }
}

const always = () => true;

/**
 * A member, most often one of a few protagonists — the admins, and a colleague at Acme — so
 * that short runs keep coming back to the same pairs and go deep.
 */
const memberIndex = fc.oneof(
  { arbitrary: fc.constantFrom(...protagonists), weight: 2 },
  { arbitrary: fc.nat({ max: memberCount - 1 }), weight: 1 },
);
const organisationIndex = fc.nat({ max: organisationCount - 1 });
const mostly = (value: boolean) => fc.constantFrom(value, value, value, !value);
/** Who acts on a contact: its owner, a colleague of the owner (R27, R30), or anyone. */
type Actor = { readonly who: "owner" | "colleague" | "anyone"; readonly raw: number };
const actorOf = (...who: Actor["who"][]) => fc.record({ who: fc.constantFrom(...who), raw: memberIndex });
/** Mostly the owner; sometimes a colleague or anyone, to be refused or to co-edit. */
const mostlyOwner = actorOf("owner", "owner", "owner", "colleague", "anyone");

function actorFor(model: Model, id: ContactId, actor: Actor): number {
  const owner = model.ownerOf(id);
  if (actor.who === "owner") return owner;
  return actor.who === "colleague" ? colleagueOf(model, owner, actor.raw) : actor.raw;
}
/**
 * A contact to act on: usually one the command can act on (`focus`), sometimes any stored
 * or purged one, so that refusals are exercised too.
 */
const contactPick = fc.record({ index: fc.nat(), focus: mostly(true) });
type ContactPick = { readonly index: number; readonly focus: boolean };

type Fits = (model: Readonly<Model>) => (contact: ContactState) => boolean;
const isLive: Fits = () => (contact) => contact.trash === null;
const inTrash: Fits = (model) => (contact) => contact.trash !== null && !model.isGone(contact);
const anyContact: Fits = () => () => true;

/**
 * When a command on a picked contact applies: there is a contact at all, and a focused pick
 * waits until there is one that fits (so runs are not spent on refusals for want of one).
 */
const canPick = (pick: ContactPick, fits: Fits) => (model: Readonly<Model>) =>
  model.contactIds().length > 0 && (!pick.focus || model.contacts.some(fits(model)));

/** The contact a pick names, among those that fit when focused, else among all. */
function pickContact(model: Model, pick: ContactPick, fits: Fits): ContactId {
  const fitting = model.contacts.filter(fits(model)).map((contact) => contact.id);
  const ids = pick.focus && fitting.length > 0 ? fitting : model.contactIds();
  const id = ids[pick.index % ids.length];
  if (id === undefined) throw new Error("no contact to pick");
  return id;
}

/** A member of `owner`'s organisation other than the owner (R27: who sharing is about). */
function colleagueOf(model: Model, owner: number, raw: number): number {
  const organisation = model.member(owner).organisation;
  const colleagues = model.members.filter((m) => m.organisation === organisation && m.index !== owner);
  return colleagues[raw % colleagues.length]?.index ?? raw;
}

/** How the other party of an add or a redeem relates to the one acting. */
type Relation = "known" | "external" | "anyone";
const relation = fc.constantFrom<Relation>("known", "external", "external", "anyone");

/**
 * The other party, seen from `actor`: someone they already know (either holds a linked
 * contact for the other, trashed or not — R15's cases), a member of another organisation, or
 * anyone at all (themselves, a colleague). `raw` chooses among them.
 */
function addressee(model: Model, actor: number, raw: number, how: Relation): number {
  const ownOrganisation = model.member(actor).organisation;
  const candidates =
    how === "anyone"
      ? []
      : how === "external"
        ? model.members
            .filter((member) => member.organisation !== ownOrganisation)
            .map((member) => member.index)
        : model.contacts.flatMap((contact) =>
            contact.target === null
              ? []
              : contact.owner === actor
                ? [contact.target]
                : contact.target === actor
                  ? [contact.owner]
                  : [],
          );
  return candidates[raw % Math.max(1, candidates.length)] ?? raw;
}

/** The version an edit or share is made on: the current one, or (stale) another. */
function versionFor(model: Model, id: ContactId, stale: boolean): number {
  const version = model.contact(id)?.version ?? 1;
  return !stale ? version : version > 1 ? version - 1 : version + 1;
}

/** The members of organisation `index` whose position bit is set in `mask`. */
function membersByMask(model: Model, index: number, mask: number): number[] {
  return model.members
    .filter((member) => member.organisation === index)
    .filter((_, position) => (mask & (1 << position)) !== 0)
    .map((member) => member.index);
}

/** A policy change in the API's terms: ids for indices. */
function policyInput(model: Model, patch: PolicyPatch): LinkingPolicyPatchInput {
  const { enabled, scope, partners } = patch;
  const memberIds = (members: readonly number[]) => members.map((i) => model.member(i).id);
  const organisationIds = (organisations: readonly number[]) =>
    organisations.map((i) => model.organisation(i).id);
  return {
    ...(enabled === undefined ? {} : { enabled }),
    ...(scope === undefined
      ? {}
      : { scope: scope.kind === "all" ? scope : { kind: "listed", members: memberIds(scope.members) } }),
    ...(partners === undefined
      ? {}
      : {
          partners:
            partners.kind === "any"
              ? partners
              : partners.kind === "allow"
                ? { kind: "allow", organisations: organisationIds(partners.organisations) }
                : { kind: "block", organisations: organisationIds(partners.organisations) },
        }),
  };
}

/** The model's contact for `owner` and `target`, read back from the real book. */
async function ownContactFor(book: Partnerbook, owner: MemberId, target: MemberId): Promise<ContactId> {
  const entries = await wholeBook(book, owner);
  const entry = entries.find(
    (candidate) =>
      candidate.contact.ownerId === owner &&
      candidate.contact.kind === "linked" &&
      candidate.contact.targetMemberId === target,
  );
  if (entry === undefined) throw new Error(`${owner} has no contact for ${target}`);
  return entry.contact.id;
}

/** Carries out an add on the model and checks the contact the book answered with. */
function settleAdd(
  model: Model,
  owner: number,
  target: number,
  plan: AddPlan,
  answer: { status: string; contact: { id: ContactId } },
): void {
  expect(answer.status, "R15: added or existing").toBe(plan.status);
  if (plan.status === "existing") expect(answer.contact.id).toBe(plan.contact.id);
  model.commitAdd(owner, target, plan, answer.contact.id);
  const stored = model.contact(answer.contact.id);
  if (stored === undefined) throw new Error("the added contact is not in the model");
  expect(answer.contact, "the added contact").toEqual(model.expectedContact(stored));
}

// R1–R6: an admin (or, refused, someone else) changes the switch, the scope or the partners.
const setLinkingPolicy = fc
  .record({
    organisation: organisationIndex,
    byAdmin: mostly(true),
    other: memberIndex,
    enabled: fc.option(mostly(true), { nil: undefined }),
    scope: fc.option(
      fc.oneof(
        fc.constant({ kind: "all" as const }),
        fc.record({
          kind: fc.constant("listed" as const),
          mask: fc.nat({ max: 7 }),
          intruder: mostly(false),
        }),
      ),
      { nil: undefined },
    ),
    partners: fc.option(
      fc.oneof(
        fc.constant({ kind: "any" as const }),
        fc.record({ kind: fc.constantFrom("allow" as const, "block" as const), mask: fc.nat({ max: 7 }) }),
      ),
      { nil: undefined },
    ),
  })
  .map(
    (p) =>
      new Step(`setLinkingPolicy(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const organisation = model.organisation(p.organisation);
        const actor = p.byAdmin ? (organisation.admins[0] ?? 0) : p.other;
        let scope: ScopeModel | undefined;
        if (p.scope?.kind === "all") scope = { kind: "all" };
        else if (p.scope?.kind === "listed") {
          const members = membersByMask(model, p.organisation, p.scope.mask);
          // R2: a member of another organisation cannot be listed.
          const intruder = model.organisation((p.organisation + 1) % organisationCount).admins[0] ?? 0;
          scope = { kind: "listed", members: p.scope.intruder ? [...members, intruder] : members };
        }
        let partners: PartnersModel | undefined;
        if (p.partners?.kind === "any") partners = { kind: "any" };
        else if (p.partners !== undefined) {
          const mask = p.partners.mask;
          const organisations = model.organisations
            .map((o) => o.index)
            .filter((i) => (mask & (1 << i)) !== 0);
          partners = { kind: p.partners.kind, organisations };
        }
        const patch: PolicyPatch = {
          ...(p.enabled === undefined ? {} : { enabled: p.enabled }),
          ...(scope === undefined ? {} : { scope }),
          ...(partners === undefined ? {} : { partners }),
        };
        const expected = model.setLinkingPolicy(actor, p.organisation, patch);
        const actual = await attempt(() =>
          book.organisations.setLinkingPolicy(
            model.member(actor).id,
            organisation.id,
            policyInput(model, patch),
          ),
        );
        const both = agreed("setLinkingPolicy", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitLinkingPolicy(p.organisation, patch);
        expect(both.actual).toMatchObject(model.expectedOrganisation(p.organisation));
      }),
  );

// R23: an admin renames the organisation; every linked contact shows the new company.
const renameOrganisation = fc
  .record({
    organisation: organisationIndex,
    byAdmin: mostly(true),
    other: memberIndex,
    name: fc.constantFrom("Acme", "株式会社アクメ", "Globex", "Globex Japan", "Initech LLC"),
  })
  .map(
    (p) =>
      new Step(`rename(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const organisation = model.organisation(p.organisation);
        const actor = p.byAdmin ? (organisation.admins[0] ?? 0) : p.other;
        const expected = model.rename(actor, p.organisation, p.name);
        const actual = await attempt(() =>
          book.organisations.rename(model.member(actor).id, organisation.id, p.name),
        );
        const both = agreed("rename", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitRename(p.organisation, p.name);
        expect(both.actual).toMatchObject(model.expectedOrganisation(p.organisation));
      }),
  );

// R23, R8: a member changes their nickname, photo, mobile number or email.
const updateProfile = fc
  .record({
    member: memberIndex,
    patch: fc.record(
      {
        nickname: fc.constantFrom(null, "Min", "みんちゃん", "Suzu"),
        photoUrl: fc.constantFrom(null, "https://img.example/a.png", "https://img.example/b.png"),
        mobilePhone: fc.constantFrom(null, ...phoneBook.flatMap((phone) => phone.typed)),
        email: fc.constantFrom(null, "guest@example.org", "lee@globex.example", "sato@acme.example"),
      },
      { requiredKeys: [] },
    ),
  })
  .map(
    (p) =>
      new Step(`updateProfile(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const patch: ProfilePatch = p.patch;
        const actual = await book.members.updateProfile(model.member(p.member).id, p.patch);
        model.commitProfile(p.member, patch);
        expect(actual).toMatchObject(model.expectedMember(p.member));
      }),
  );

// R8: a member allows or forbids being found by phone.
const setPhoneSearch = fc.record({ member: memberIndex, allowed: fc.boolean() }).map(
  (p) =>
    new Step(`setPhoneSearch(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const actual = await book.members.setPhoneSearch(model.member(p.member).id, p.allowed);
      model.commitPhoneSearch(p.member, p.allowed);
      expect(actual).toMatchObject(model.expectedMember(p.member));
    }),
);

// R13: a member re-issues their QR code; the old one stops working.
const reissueQr = fc.record({ member: memberIndex }).map(
  (p) =>
    new Step(`qrCodes.reissue(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const previous = model.qrToken(p.member);
      const { token } = await book.qrCodes.reissue(model.member(p.member).id);
      expect(token).not.toBe(previous);
      model.commitQrToken(p.member, token);
    }),
);

// R7, R9, R10: search by works ID — exact, other case, padded, unknown or blank.
const searchByWorksId = fc
  .record({
    actor: memberIndex,
    target: fc.option(memberIndex, { nil: null, freq: 6 }),
    form: fc.constantFrom("exact", "upper", "padded", "blank"),
  })
  .map(
    (p) =>
      new Step(`search.byWorksId(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const worksId = p.target === null ? "nobody.here" : model.member(p.target).worksId;
        const query =
          p.form === "blank"
            ? "   "
            : p.form === "upper"
              ? worksId.toUpperCase()
              : p.form === "padded"
                ? `  ${worksId} `
                : worksId;
        const expected = model.searchByWorksId(p.actor, query);
        const actual = await attempt(() => book.search.byWorksId(model.member(p.actor).id, query));
        const both = agreed("search.byWorksId", actual, expected);
        if (both !== null) expect(both.actual, "R9, R10: the cards").toEqual(both.expected);
      }),
  );

// R8, R9, R10: search by phone, in any of the ways the number is typed, or by non-numbers.
const searchByPhone = fc
  .record({ actor: memberIndex, phone: fc.nat({ max: phoneBook.length }), form: fc.nat() })
  .map(
    (p) =>
      new Step(`search.byPhone(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const entry = phoneBook[p.phone];
        const typed =
          entry === undefined
            ? notPhones[p.form % notPhones.length]
            : entry.typed[p.form % entry.typed.length];
        if (typed === undefined) throw new Error("no phone to type");
        const expected = model.searchByPhone(p.actor, entry?.e164 ?? null);
        const actual = await attempt(() => book.search.byPhone(model.member(p.actor).id, typed));
        const both = agreed("search.byPhone", actual, expected);
        if (both !== null) expect(both.actual, "R8, R9: the cards").toEqual(both.expected);
      }),
  );

// R12, R15: add the person behind a search result (or an id that names nobody).
const addFromSearch = fc
  .record({ actor: memberIndex, target: fc.option(memberIndex, { nil: null, freq: 8 }), how: relation })
  .map(
    (p) =>
      new Step(`contacts.addFromSearch(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const target = p.target === null ? null : addressee(model, p.actor, p.target, p.how);
        const targetId = target === null ? ("mem_nobody" as MemberId) : model.member(target).id;
        const expected = model.addLinked(p.actor, target);
        const actual = await attempt(() => book.contacts.addFromSearch(model.member(p.actor).id, targetId));
        const both = agreed("contacts.addFromSearch", actual, expected);
        if (both !== null && target !== null) settleAdd(model, p.actor, target, both.expected, both.actual);
      }),
  );

// R12, R13, R15: scan someone's QR code — as it is now, or (old) a photo of it taken before
// they re-issued it (R13: the old code finds nobody).
const addFromQr = fc.record({ actor: memberIndex, of: memberIndex, how: relation, old: mostly(false) }).map(
  (p) =>
    new Step(`contacts.addFromQr(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const of = addressee(model, p.actor, p.of, p.how);
      const ofId = model.member(of).id;
      const { token } = await book.qrCodes.mine(ofId);
      const current = model.qrToken(of);
      if (current === undefined) model.commitQrToken(of, token);
      else expect(token, "R13: the QR token is stable until re-issued").toBe(current);
      if (p.old) {
        const reissued = await book.qrCodes.reissue(ofId);
        expect(reissued.token, "R13: a re-issued code is a new one").not.toBe(token);
        model.commitQrToken(of, reissued.token);
      }
      const target = model.qrOwner(token);
      const expected = model.addLinked(p.actor, target);
      const actual = await attempt(() => book.contacts.addFromQr(model.member(p.actor).id, token));
      const both = agreed("contacts.addFromQr", actual, expected);
      if (both !== null && target !== null) settleAdd(model, p.actor, target, both.expected, both.actual);
    }),
);

// R14, R22: a customer contact typed in by hand.
const addCustomer = fc
  .record({
    actor: memberIndex,
    input: fc.record({
      familyName: fc.constantFrom("山田", "Smith"),
      givenName: fc.constantFrom(null, "太郎"),
      phone: fc.constantFrom(null, "03-5555-0000", "090-1234-5678"),
      email: fc.constantFrom("yamada@customer.example", "smith@customer.example"),
      company: fc.constantFrom(null, "Umbrella", "株式会社アンブレラ"),
    }),
  })
  .map(
    (p) =>
      new Step(`contacts.addCustomer(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const input: CustomerInput = p.input;
        const request: NewCustomerInput = {
          familyName: input.familyName,
          givenName: input.givenName,
          emails: [{ address: input.email }],
          company: input.company,
          ...(input.phone === null ? {} : { phones: [{ number: input.phone }] }),
        };
        const contact = await book.contacts.addCustomer(model.member(p.actor).id, request);
        model.commitCustomer(p.actor, input, contact.id);
        const stored = model.contact(contact.id);
        if (stored === undefined) throw new Error("the customer contact is not in the model");
        expect(contact).toEqual(model.expectedContact(stored));
      }),
  );

/** R18, R20: the inviter creates a link; answers its URL, or `null` when refused. */
async function createLinkChecked(
  model: Model,
  book: Partnerbook,
  inviter: number,
  options: { expiresInDays?: number; maxUses?: number },
): Promise<string | null> {
  const expected = model.createLink(inviter, options);
  const actual = await attempt(() => book.invitations.createLink(model.member(inviter).id, options));
  const both = agreed("invitations.createLink", actual, expected);
  if (both === null) return null;
  const { invitation, url } = both.actual;
  model.commitLink(inviter, invitation.id, url, both.expected.expiresAt, both.expected.maxUses);
  expect(invitation).toMatchObject(model.expectedInvitation(model.invitation(invitation.id)));
  return url;
}

/** R19: `redeemer` redeems `url`; both books are checked against the model. */
async function redeemChecked(model: Model, book: Partnerbook, redeemer: number, url: string): Promise<void> {
  const redeemerId = model.member(redeemer).id;
  const expected = model.redeem(redeemer, url);
  const actual = await attempt(() => book.invitations.redeem(redeemerId, url));
  const both = agreed("invitations.redeem", actual, expected);
  if (both === null) return;
  const plan = both.expected;
  const inviter = plan.invitation.inviter;
  expect(both.actual.invitationId).toBe(plan.invitation.id);
  settleAdd(model, redeemer, inviter, plan.forRedeemer, both.actual);
  if (plan.forInviter?.status === "added") {
    const inviterId = model.member(inviter).id;
    model.commitAdd(inviter, redeemer, plan.forInviter, await ownContactFor(book, inviterId, redeemerId));
  }
  if (plan.countsUse) model.commitRedeemed(plan.invitation);
}

const linkOptions = fc.record({
  expiresInDays: fc.option(fc.constantFrom(1, 3), { nil: undefined }),
  maxUses: fc.option(fc.constantFrom(1, 2), { nil: undefined }),
});

/** The options as the API takes them (no `undefined` values). */
const definedOptions = (options: { expiresInDays: number | undefined; maxUses: number | undefined }) => ({
  ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
  ...(options.maxUses === undefined ? {} : { maxUses: options.maxUses }),
});

// R18, R20: an invite link, with the organisation's expiry or its own, limited or not.
const createLink = fc.record({ inviter: memberIndex, options: linkOptions }).map(
  (p) =>
    new Step(`invitations.createLink(${JSON.stringify(p)})`, always, async (model, { book }) => {
      await createLinkChecked(model, book, p.inviter, definedOptions(p.options));
    }),
);

// R18, R19: a link handed over and redeemed at once — the usual way it goes.
const inviteByLink = fc
  .record({ inviter: memberIndex, redeemer: memberIndex, how: relation, options: linkOptions })
  .map(
    (p) =>
      new Step(`invitations.createLink+redeem(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const url = await createLinkChecked(model, book, p.inviter, definedOptions(p.options));
        if (url !== null)
          await redeemChecked(model, book, addressee(model, p.inviter, p.redeemer, p.how), url);
      }),
  );

// R17: email invitations in bulk; results per address, the mail carries the link.
const sendEmail = fc
  .record({
    inviter: memberIndex,
    addresses: fc.array(
      fc.constantFrom(
        "guest@example.org",
        " Guest@Example.org",
        "lee@globex.example",
        "sato@acme.example",
        "peter@initech.example",
        "not-an-address",
      ),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(
    (p) =>
      new Step(`invitations.sendEmail(${JSON.stringify(p)})`, always, async (model, { book, mailer }) => {
        const sentBefore = mailer?.messages.length ?? 0;
        const expected = model.sendEmail(p.inviter, p.addresses);
        const actual = await attempt(() =>
          book.invitations.sendEmail(model.member(p.inviter).id, p.addresses),
        );
        const both = agreed("invitations.sendEmail", actual, expected);
        if (both === null) return;
        expect(
          both.actual.map((result) => result.status),
          "R17: the answer per address",
        ).toEqual(both.expected.map((plan) => plan.status));
        const mails = mailer?.messages.slice(sentBefore) ?? [];
        for (const [i, plan] of both.expected.entries()) {
          if (plan.status !== "sent" && plan.status !== "already_invited") continue;
          // The mail leaves from the outbox after commit: one per invitation, but a batch's mails
          // need not leave in the order given (a store claims due mail oldest first, ties in any order).
          const at = mails.findIndex((message) => message.to === plan.email);
          const [mail] = at === -1 ? [] : mails.splice(at, 1);
          const id = both.actual[i]?.invitationId;
          expect(mail?.to, "R17: one mail per invitation").toBe(plan.email);
          const url = mail?.text.match(inviteUrlPattern)?.[0];
          if (url === undefined || id == null) throw new Error("an invitation without its mail or id");
          if (plan.reuses !== null) expect(id, "a re-sent invitation keeps its id").toBe(plan.reuses.id);
          model.commitEmailInvitation(p.inviter, plan, id, url);
        }
        expect(mails, "no mail beyond the invitations").toEqual([]);
      }),
  );

// R19: redeem an invite URL handed out earlier — current, re-sent, used, revoked or expired.
const redeem = fc.record({ redeemer: memberIndex, how: relation, pick: fc.nat({ max: 7 }) }).map(
  (p) =>
    new Step(
      `invitations.redeem(${JSON.stringify(p)})`,
      (model) => model.inviteUrls.length > 0,
      async (model, { book }) => {
        // The newest URLs are picked most: they are the ones most likely to work.
        const handedOut = model.inviteUrls[model.inviteUrls.length - 1 - (p.pick % model.inviteUrls.length)];
        if (handedOut === undefined) throw new Error("no invite URL to pick");
        await redeemChecked(
          model,
          book,
          addressee(model, handedOut.inviter, p.redeemer, p.how),
          handedOut.url,
        );
      },
    ),
);

// R19: the inviter (or, refused, someone else) revokes an invitation.
const revoke = fc.record({ byInviter: mostly(true), other: memberIndex, pick: fc.nat() }).map(
  (p) =>
    new Step(
      `invitations.revoke(${JSON.stringify(p)})`,
      (model) => model.invitations.length > 0,
      async (model, { book }) => {
        const invitation = model.invitations[p.pick % model.invitations.length];
        if (invitation === undefined) throw new Error("no invitation to pick");
        const actor = p.byInviter ? invitation.inviter : p.other;
        const expected = model.revoke(actor, invitation.id);
        const actual = await attempt(() => book.invitations.revoke(model.member(actor).id, invitation.id));
        const both = agreed("invitations.revoke", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitRevoke(invitation.id);
        expect(both.actual).toMatchObject(model.expectedInvitation(invitation));
      },
    ),
);

// R19, R20: what each member can still see redeemed.
const listPending = fc.record({ member: memberIndex }).map(
  (p) =>
    new Step(`invitations.listPending(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const pending = await book.invitations.listPending(model.member(p.member).id);
      expect(sortedIds(pending.map((invitation) => invitation.id))).toEqual(
        sortedIds(model.pending(p.member).map((invitation) => invitation.id)),
      );
    }),
);

// R24, R25, R27: the owner (or a co-editor, or someone refused) edits owner fields on the current (or a stale)
// version, sometimes naming a synced field or a customer's profile.
const edit = fc
  .record({
    actor: mostlyOwner,
    pick: contactPick,
    patch: fc.record(
      {
        familyName: fc.constantFrom(null, "佐藤", "Lee", "Gibbons"),
        memo: fc.constantFrom("", "call back on Monday", "会議 3/4"),
        tags: fc.constantFrom([], ["vip"], ["vip", "jp"]),
      },
      { requiredKeys: [] },
    ),
    touch: fc.constantFrom<SyncedTouch>("none", "none", "none", "none", "nickname", "profile.company"),
    company: fc.constantFrom(null, "Umbrella", "株式会社アンブレラ"),
    stale: mostly(false),
  })
  .map(
    (p) =>
      new Step(`contacts.edit(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
        const id = pickContact(model, p.pick, isLive);
        const actor = actorFor(model, id, p.actor);
        const expectedVersion = versionFor(model, id, p.stale);
        const patch: FieldPatch = p.patch;
        const input = {
          ...p.patch,
          ...(p.patch.tags === undefined ? {} : { tags: [...p.patch.tags] }),
          ...(p.touch === "nickname" ? { nickname: "Nick" } : {}),
          ...(p.touch === "profile.company" ? { profile: { company: p.company } } : {}),
          // R25: naming a synced field does not compile; the point here is the refusal at run time.
        } as unknown as ContactPatchInput;
        const expected = model.edit(actor, id, patch, p.touch, p.company, expectedVersion);
        const actual = await attempt(() =>
          book.contacts.edit(model.member(actor).id, id, input, { expectedVersion }),
        );
        const both = agreed("contacts.edit", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitEdit(id, both.expected.fields, both.expected.profile);
        const stored = model.contact(id);
        if (stored === undefined) throw new Error("an edited contact vanished from the model");
        expect(both.actual, "the edited contact").toEqual(model.expectedContact(stored));
      }),
  );

// R27: the owner (or someone else) shares a contact with the organisation, or takes it back.
const share = fc
  .record({
    actor: mostlyOwner,
    pick: contactPick,
    visibility: fc.constantFrom("organisation" as const, "private" as const),
    coEditing: fc.boolean(),
    stale: mostly(false),
  })
  .map(
    (p) =>
      new Step(`contacts.share(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
        const id = pickContact(model, p.pick, isLive);
        const actor = actorFor(model, id, p.actor);
        const expectedVersion = versionFor(model, id, p.stale);
        const sharing: Sharing = { visibility: p.visibility, coEditing: p.coEditing };
        const expected = model.share(actor, id, sharing, expectedVersion);
        const actual = await attempt(() =>
          book.contacts.share(
            model.member(actor).id,
            id,
            { visibility: p.visibility, coEditing: p.coEditing },
            { expectedVersion },
          ),
        );
        const both = agreed("contacts.share", actual, expected);
        if (both === null) return;
        if (both.expected.changed) model.commitShare(id, sharing);
        const stored = model.contact(id);
        if (stored === undefined) throw new Error("a shared contact vanished from the model");
        expect(both.actual, "the shared contact").toEqual(model.expectedContact(stored));
      }),
  );

// R30, R31: the owner (or someone else) deletes a contact into the trash.
const trashDelete = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.delete(${JSON.stringify(p)})`, canPick(p.pick, isLive), async (model, { book }) => {
      const id = pickContact(model, p.pick, isLive);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashDelete(actor, id);
      const actual = await attempt(() => book.trash.delete(model.member(actor).id, id));
      const both = agreed("trash.delete", actual, expected);
      if (both === null) return;
      model.commitDelete(id, both.expected);
      const stored = model.contact(id);
      if (stored === undefined) throw new Error("a deleted contact vanished from the model");
      expect(both.actual.contact, "the trashed contact").toEqual(model.expectedContact(stored));
      expect(both.actual.purgeAt).toEqual(both.expected.purgeAt);
      expect(both.actual.daysLeft).toBe(model.organisationOf(actor).trashRetentionDays);
    }),
);

// R32: the owner (or someone else) restores a contact from the trash.
const restore = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.restore(${JSON.stringify(p)})`, canPick(p.pick, inTrash), async (model, { book }) => {
      const id = pickContact(model, p.pick, inTrash);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashed(actor, id);
      const actual = await attempt(() => book.trash.restore(model.member(actor).id, id));
      const both = agreed("trash.restore", actual, expected);
      if (both === null) return;
      model.commitRestore(id);
      expect(both.actual, "R32: restored as it was, synced fields current").toEqual(
        model.expectedContact(both.expected),
      );
    }),
);

// R34: the owner (or someone else) deletes a contact from the trash for good.
const purge = fc.record({ actor: mostlyOwner, pick: contactPick }).map(
  (p) =>
    new Step(`trash.purge(${JSON.stringify(p)})`, canPick(p.pick, inTrash), async (model, { book }) => {
      const id = pickContact(model, p.pick, inTrash);
      const actor = actorFor(model, id, p.actor);
      const expected = model.trashed(actor, id);
      const actual = await attempt(() => book.trash.purge(model.member(actor).id, id));
      if (agreed("trash.purge", actual, expected) !== null) model.commitPurge(id);
    }),
);

// R33: the clean-up job, in batches of any size.
const purgeExpired = fc.record({ batchSize: fc.option(fc.constantFrom(1, 2, 500), { nil: undefined }) }).map(
  (p) =>
    new Step(`trash.purgeExpired(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const removed = await book.trash.purgeExpired(
        p.batchSize === undefined ? undefined : { batchSize: p.batchSize },
      );
      expect(removed, "R33: every contact past retention, once").toBe(model.commitPurgeExpired());
    }),
);

// R27, R31, R3, R5: anyone reads a contact and asks whether they can talk through it.
const view = fc
  .record({ viewer: actorOf("colleague", "colleague", "anyone", "owner"), pick: contactPick })
  .map(
    (p) =>
      new Step(
        `contacts.get+talkAccess(${JSON.stringify(p)})`,
        canPick(p.pick, anyContact),
        async (model, { book }) => {
          const id = pickContact(model, p.pick, anyContact);
          const viewer = actorFor(model, id, p.viewer);
          const viewerId = model.member(viewer).id;
          const readable = model.reach(id, viewer, "refuse");
          const read = agreed("contacts.get", await attempt(() => book.contacts.get(viewerId, id)), readable);
          if (read !== null) expect(read.actual).toEqual(model.expectedContact(read.expected));
          const talkable = model.reach(id, viewer, "allow");
          const talk = agreed(
            "contacts.talkAccess",
            await attempt(() => book.contacts.talkAccess(viewerId, id)),
            talkable,
          );
          if (talk !== null) expect(talk.actual).toEqual(model.talkAccess(talk.expected, viewer));
        },
      ),
  );

// R26, R28: a member looks through one tab of their book for a name, a company, a nickname or
// a note — typed in another width or kana, or not at all (everything on the tab).
const findInBook = fc
  .record({
    viewer: memberIndex,
    tab: fc.constantFrom("customers" as const, "external" as const),
    query: fc.constantFrom(
      "",
      "globex",
      "ＧＬＯＢＥＸ",
      "アクメ",
      "あくめ",
      "ミン",
      "suzu",
      "佐藤",
      "call back",
      "umbrella",
    ),
  })
  .map(
    (p) =>
      new Step(`contacts.list(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const viewer = model.member(p.viewer).id;
        const found = await wholeBook(book, viewer, { tab: p.tab, query: p.query });
        expect(
          sortedIds(found.map((entry) => entry.contact.id)),
          `R26, R28: ${p.query} on the ${p.tab} tab`,
        ).toEqual(sortedIds(model.find(p.viewer, p.tab, p.query).map((contact) => contact.id)));
      }),
  );

// Time passes: minutes, hours, days, weeks, months.
const advanceClock = fc
  .oneof(
    fc.integer({ min: 1, max: 59 }).map((n) => n * minute),
    fc.integer({ min: 1, max: 23 }).map((n) => n * hour),
    fc.integer({ min: 1, max: 13 }).map((n) => n * day),
    fc.integer({ min: 1, max: 3 }).map((n) => n * 30 * day),
  )
  .map(
    (ms) =>
      new Step(`clock.advance(${ms / minute} min)`, always, async (model, { clock }) => {
        clock.advance(ms);
        model.now += ms;
      }),
  );

// R32, R33, R20: time moves to just before, exactly at, or just after the next deadline.
const toNextDeadline = fc.constantFrom(-1, 0, 1).map(
  (offset) =>
    new Step(
      `clock.toNextDeadline(${offset} ms)`,
      (model) => model.nextDeadline() !== null,
      async (model, { clock }) => {
        const deadline = model.nextDeadline();
        if (deadline === null) return;
        model.now = Math.max(model.now, deadline + offset);
        clock.set(new Date(model.now));
      },
    ),
);

/** Every command, for `fc.commands`; the contact life cycle weighs more, so runs go deep. */
export const allCommands: fc.Arbitrary<fc.AsyncCommand<Model, Real>>[] = [
  setLinkingPolicy,
  setLinkingPolicy,
  renameOrganisation,
  updateProfile,
  setPhoneSearch,
  reissueQr,
  searchByWorksId,
  searchByPhone,
  addFromSearch,
  addFromSearch,
  addFromSearch,
  addFromQr,
  addCustomer,
  createLink,
  inviteByLink,
  sendEmail,
  redeem,
  redeem,
  revoke,
  listPending,
  edit,
  edit,
  share,
  trashDelete,
  trashDelete,
  restore,
  restore,
  purge,
  purgeExpired,
  view,
  findInBook,
  advanceClock,
  toNextDeadline,
];
