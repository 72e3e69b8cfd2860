import fc from "fast-check";
import type { ContactId, LinkingPolicyPatchInput, MemberId, Partnerbook } from "../../../src/index.js";
import {
  type AddPlan,
  type ContactState,
  type Model,
  memberCount,
  organisationCount,
  type PolicyPatch,
  protagonists,
} from "../model.js";
import { expect } from "./expect.js";
import { checkInvariants, wholeBook } from "./invariants.js";
import type { Real } from "./outcomes.js";

// The step type, and how a command picks its members, contacts and versions.

/** One command: a label for the report, when it applies, and what it does to both sides. */
export class Step implements fc.AsyncCommand<Model, Real> {
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

export const always = () => true;

/**
 * A member, most often one of a few protagonists — the admins, and a colleague at Acme — so
 * that short runs keep coming back to the same pairs and go deep.
 */
export const memberIndex = fc.oneof(
  { arbitrary: fc.constantFrom(...protagonists), weight: 2 },
  { arbitrary: fc.nat({ max: memberCount - 1 }), weight: 1 },
);
export const organisationIndex = fc.nat({ max: organisationCount - 1 });
export const mostly = (value: boolean) => fc.constantFrom(value, value, value, !value);
/** Who acts on a contact: its owner, a colleague of the owner (R27, R30), or anyone. */
type Actor = { readonly who: "owner" | "colleague" | "anyone"; readonly raw: number };
export const actorOf = (...who: Actor["who"][]) =>
  fc.record({ who: fc.constantFrom(...who), raw: memberIndex });
/** Mostly the owner; sometimes a colleague or anyone, to be refused or to co-edit. */
export const mostlyOwner = actorOf("owner", "owner", "owner", "colleague", "anyone");

export function actorFor(model: Model, id: ContactId, actor: Actor): number {
  const owner = model.ownerOf(id);
  if (actor.who === "owner") return owner;
  return actor.who === "colleague" ? colleagueOf(model, owner, actor.raw) : actor.raw;
}
/**
 * A contact to act on: usually one the command can act on (`focus`), sometimes any stored
 * or purged one, so that refusals are exercised too.
 */
export const contactPick = fc.record({ index: fc.nat(), focus: mostly(true) });
type ContactPick = { readonly index: number; readonly focus: boolean };

type Fits = (model: Readonly<Model>) => (contact: ContactState) => boolean;
export const isLive: Fits = () => (contact) => contact.trash === null;
export const inTrash: Fits = (model) => (contact) => contact.trash !== null && !model.isGone(contact);
export const anyContact: Fits = () => () => true;

/**
 * When a command on a picked contact applies: there is a contact at all, and a focused pick
 * waits until there is one that fits (so runs are not spent on refusals for want of one).
 */
export const canPick = (pick: ContactPick, fits: Fits) => (model: Readonly<Model>) =>
  model.contactIds().length > 0 && (!pick.focus || model.contacts.some(fits(model)));

/** The contact a pick names, among those that fit when focused, else among all. */
export function pickContact(model: Model, pick: ContactPick, fits: Fits): ContactId {
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
export const relation = fc.constantFrom<Relation>("known", "external", "external", "anyone");

/**
 * The other party, seen from `actor`: someone they already know (either holds a linked
 * contact for the other, trashed or not — R15's cases), a member of another organisation, or
 * anyone at all (themselves, a colleague). `raw` chooses among them.
 */
export function addressee(model: Model, actor: number, raw: number, how: Relation): number {
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
export function versionFor(model: Model, id: ContactId, stale: boolean): number {
  const version = model.contact(id)?.version ?? 1;
  return !stale ? version : version > 1 ? version - 1 : version + 1;
}

/** The members of organisation `index` whose position bit is set in `mask`. */
export function membersByMask(model: Model, index: number, mask: number): number[] {
  return model.members
    .filter((member) => member.organisation === index)
    .filter((_, position) => (mask & (1 << position)) !== 0)
    .map((member) => member.index);
}

/** A policy change in the API's terms: ids for indices. */
export function policyInput(model: Model, patch: PolicyPatch): LinkingPolicyPatchInput {
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
export async function ownContactFor(
  book: Partnerbook,
  owner: MemberId,
  target: MemberId,
): Promise<ContactId> {
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
export function settleAdd(
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
