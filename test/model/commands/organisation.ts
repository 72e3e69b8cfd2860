import fc from "fast-check";
import {
  organisationCount,
  type PartnersModel,
  type PolicyPatch,
  type ProfilePatch,
  phoneBook,
  type ScopeModel,
} from "../model.js";
import { expect } from "./expect.js";
import { agreed, attempt } from "./outcomes.js";
import { always, memberIndex, membersByMask, mostly, organisationIndex, policyInput, Step } from "./picks.js";

// Commands on organisations and members: linking policy, names, profiles, QR codes (R1–R13, R23).

// R1–R6: an admin (or, refused, someone else) changes the switch, the scope or the partners.
export const setLinkingPolicy = fc
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
export const renameOrganisation = fc
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
export const updateProfile = fc
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
export const setPhoneSearch = fc.record({ member: memberIndex, allowed: fc.boolean() }).map(
  (p) =>
    new Step(`setPhoneSearch(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const actual = await book.members.setPhoneSearch(model.member(p.member).id, p.allowed);
      model.commitPhoneSearch(p.member, p.allowed);
      expect(actual).toMatchObject(model.expectedMember(p.member));
    }),
);

// R13: a member re-issues their QR code; the old one stops working.
export const reissueQr = fc.record({ member: memberIndex }).map(
  (p) =>
    new Step(`qrCodes.reissue(${JSON.stringify(p)})`, always, async (model, { book }) => {
      const previous = model.qrToken(p.member);
      const { token } = await book.qrCodes.reissue(model.member(p.member).id);
      expect(token).not.toBe(previous);
      model.commitQrToken(p.member, token);
    }),
);
