import { describe, expect, it } from "vitest";
import { emptyOwnerFields } from "../../src/domain/contact.js";
import { privateSharing } from "../../src/domain/sharing.js";
import {
  asContactId,
  type Contact,
  decideTalkAccess,
  defaultLinkingPolicy,
  type Party,
} from "../../src/index.js";
import { aMember, anOrganisation } from "../../src/testing/records.js";

const at = new Date("2026-04-01T00:00:00.000Z");

function aParty(id: string, linkingOn = true): Party {
  const organisation = anOrganisation(`org_${id}`, {
    linking: { ...defaultLinkingPolicy("free"), enabled: linkingOn },
  });
  return { organisation, member: aMember(`mem_${id}`, organisation.id) };
}

const viewer = aParty("viewer");
const target = aParty("target");

function aLinkedContact(trash: Contact["trash"] = null): Contact {
  return {
    id: asContactId("con_1"),
    kind: "linked",
    ownerId: viewer.member.id,
    organisationId: viewer.organisation.id,
    targetMemberId: target.member.id,
    targetOrganisationId: target.organisation.id,
    fields: emptyOwnerFields,
    synced: { nickname: null, company: target.organisation.name, photoUrl: null },
    groups: [],
    sharing: privateSharing,
    trash,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

describe("decideTalkAccess", () => {
  it("R3: a live linked contact with both sides open can be talked to", () => {
    expect(decideTalkAccess(aLinkedContact(), viewer, target)).toEqual({
      canTalk: true,
      canViewHistory: true,
      reason: "ok",
    });
  });

  it("R31: a trashed contact allows neither talk nor history", () => {
    const trashed = aLinkedContact({ trashedAt: at, purgeAt: new Date("2026-05-01T00:00:00.000Z") });
    expect(decideTalkAccess(trashed, viewer, target)).toEqual({
      canTalk: false,
      canViewHistory: false,
      reason: "in_trash",
    });
  });

  it("R5: a suspended link refuses talk but keeps history readable", () => {
    expect(decideTalkAccess(aLinkedContact(), viewer, aParty("target", false))).toEqual({
      canTalk: false,
      canViewHistory: true,
      reason: "linking_suspended",
    });
  });

  it("R5: a person who no longer exists cannot be talked to; history stays", () => {
    expect(decideTalkAccess(aLinkedContact(), viewer, null)).toEqual({
      canTalk: false,
      canViewHistory: true,
      reason: "member_gone",
    });
  });

  it("R14: a customer contact has nobody to talk to", () => {
    const customer: Contact = {
      ...aLinkedContact(),
      kind: "customer",
      profile: { nickname: null, company: null, photoUrl: null },
    } as Contact;
    expect(decideTalkAccess(customer, viewer, null).reason).toBe("customer_contact");
  });
});
