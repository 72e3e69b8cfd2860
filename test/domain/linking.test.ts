import { describe, expect, it } from "vitest";
import { asMemberId, asOrganisationId, type MemberId, type OrganisationId } from "../../src/domain/ids.js";
import {
  acceptsPartner,
  canLink,
  inScope,
  linkState,
  ownSideRefusal,
  type Party,
} from "../../src/domain/linking.js";
import type { Member } from "../../src/domain/member.js";
import {
  contactLimit,
  defaultLinkingPolicy,
  isAdmin,
  type LinkingPolicy,
  type Organisation,
} from "../../src/domain/organisation.js";
import {
  aMember as aMemberRecord,
  anOrganisation as anOrganisationRecord,
} from "../../src/testing/records.js";

function anOrganisation(id: string, linking: Partial<LinkingPolicy> = {}): Organisation {
  return anOrganisationRecord(id, { linking: { ...defaultLinkingPolicy("free"), ...linking } });
}

function aMember(id: string, organisation: Organisation): Member {
  return aMemberRecord(id, organisation.id);
}

function aParty(memberId: string, organisation: Organisation): Party {
  return { organisation, member: aMember(memberId, organisation) };
}

const acmeId = asOrganisationId("org_acme");
const globexId = asOrganisationId("org_globex");
const initechId = asOrganisationId("org_initech");
const satoId = asMemberId("mem_sato");
const leeId = asMemberId("mem_lee");

/** Sato of Acme and Lee of Globex, each organisation with the given policy. */
function satoAndLee(
  acme: Partial<LinkingPolicy> = {},
  globex: Partial<LinkingPolicy> = {},
): { sato: Party; lee: Party } {
  return {
    sato: aParty(satoId, anOrganisation(acmeId, acme)),
    lee: aParty(leeId, anOrganisation(globexId, globex)),
  };
}

const listed = (...members: MemberId[]) => ({ kind: "listed" as const, members });
const allow = (...organisations: OrganisationId[]) => ({ kind: "allow" as const, organisations });
const block = (...organisations: OrganisationId[]) => ({ kind: "block" as const, organisations });

describe("defaultLinkingPolicy", () => {
  it("R1: a free organisation starts with external linking on", () => {
    expect(defaultLinkingPolicy("free").enabled).toBe(true);
  });

  it("R1: standard and advanced organisations start with external linking off", () => {
    expect(defaultLinkingPolicy("standard").enabled).toBe(false);
    expect(defaultLinkingPolicy("advanced").enabled).toBe(false);
  });

  it("R1: every plan starts with all members in scope and any partner accepted", () => {
    for (const plan of ["free", "standard", "advanced"] as const) {
      const { scope, partners } = defaultLinkingPolicy(plan);
      expect(scope).toEqual({ kind: "all" });
      expect(partners).toEqual({ kind: "any" });
    }
  });
});

describe("contactLimit", () => {
  it("R16: a free organisation may hold 500 contacts", () => {
    expect(contactLimit("free")).toBe(500);
  });

  it("R16: a paid organisation may hold 100,000 contacts", () => {
    expect(contactLimit("standard")).toBe(100_000);
    expect(contactLimit("advanced")).toBe(100_000);
  });
});

describe("isAdmin", () => {
  it("R6: only a listed admin counts as an admin of the organisation", () => {
    const acme = { ...anOrganisation(acmeId), admins: [satoId] };
    expect(isAdmin(acme, satoId)).toBe(true);
    expect(isAdmin(acme, leeId)).toBe(false);
  });
});

describe("inScope", () => {
  it("R2: scope all includes every member", () => {
    expect(inScope({ kind: "all" }, satoId)).toBe(true);
  });

  it("R2: a listed scope includes the listed members only", () => {
    expect(inScope(listed(satoId), satoId)).toBe(true);
    expect(inScope(listed(satoId), leeId)).toBe(false);
  });

  it("R2: an empty listed scope includes nobody", () => {
    expect(inScope(listed(), satoId)).toBe(false);
  });

  it("R2: two listed scopes are answered each on its own members", () => {
    expect(inScope(listed(satoId), leeId)).toBe(false);
    expect(inScope(listed(leeId), leeId)).toBe(true);
    expect(inScope(listed(satoId, leeId), satoId)).toBe(true);
  });
});

describe("acceptsPartner", () => {
  it("R4: the rule any accepts every partner organisation", () => {
    expect(acceptsPartner({ kind: "any" }, globexId)).toBe(true);
  });

  it("R4: an allow-list accepts the listed organisations and no other", () => {
    expect(acceptsPartner(allow(globexId), globexId)).toBe(true);
    expect(acceptsPartner(allow(globexId), initechId)).toBe(false);
    expect(acceptsPartner(allow(), globexId)).toBe(false);
  });

  it("R4: a block-list refuses the listed organisations and accepts every other", () => {
    expect(acceptsPartner(block(globexId), globexId)).toBe(false);
    expect(acceptsPartner(block(globexId), initechId)).toBe(true);
    expect(acceptsPartner(block(), globexId)).toBe(true);
  });
});

describe("ownSideRefusal", () => {
  it("R1: a member whose organisation has linking off is refused on their own side", () => {
    expect(ownSideRefusal(satoAndLee({ enabled: false }).sato)).toBe("linking_off");
  });

  it("R2: a member outside a listed scope is refused on their own side", () => {
    expect(ownSideRefusal(satoAndLee({ scope: listed(leeId) }).sato)).toBe("out_of_scope");
  });

  it("R2: a member inside a listed scope of an enabled organisation is open", () => {
    expect(ownSideRefusal(satoAndLee({ scope: listed(satoId) }).sato)).toBeNull();
  });

  it("R1: the switch is checked before the scope", () => {
    expect(ownSideRefusal(satoAndLee({ enabled: false, scope: listed() }).sato)).toBe("linking_off");
  });

  it("R4: partner lists are not part of one's own side", () => {
    expect(ownSideRefusal(satoAndLee({ partners: allow() }).sato)).toBeNull();
  });
});

describe("canLink", () => {
  it("R3: two members of enabled organisations, both in scope, may link", () => {
    const { sato, lee } = satoAndLee();
    expect(canLink(sato, lee)).toEqual({ ok: true });
    expect(canLink(lee, sato)).toEqual({ ok: true });
  });

  it("R3: linking needs the partner organisation switched on", () => {
    const { sato, lee } = satoAndLee({}, { enabled: false });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "linking_off", side: "partner" });
  });

  it("R3: linking needs one's own organisation switched on", () => {
    const { sato, lee } = satoAndLee({}, { enabled: false });
    expect(canLink(lee, sato)).toEqual({ ok: false, reason: "linking_off", side: "self" });
  });

  it("R3: linking is refused when both organisations are off", () => {
    const { sato, lee } = satoAndLee({ enabled: false }, { enabled: false });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "linking_off", side: "self" });
  });

  it("R2: a member outside their organisation's scope cannot link", () => {
    const { sato, lee } = satoAndLee({ scope: listed() });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "out_of_scope", side: "self" });
  });

  it("R2: a member outside their organisation's scope cannot be linked with", () => {
    const { sato, lee } = satoAndLee({ scope: listed() });
    expect(canLink(lee, sato)).toEqual({ ok: false, reason: "out_of_scope", side: "partner" });
  });

  it("R2: members listed in both scopes may link", () => {
    const { sato, lee } = satoAndLee({ scope: listed(satoId) }, { scope: listed(leeId) });
    expect(canLink(sato, lee)).toEqual({ ok: true });
  });

  it("R3: two members of the same organisation are never external to each other", () => {
    const acme = anOrganisation(acmeId);
    const decision = canLink(aParty(satoId, acme), aParty("mem_suzuki", acme));
    expect(decision).toEqual({ ok: false, reason: "same_organisation" });
  });

  it("R3: a member cannot link with themselves", () => {
    const party = aParty(satoId, anOrganisation(acmeId));
    expect(canLink(party, party)).toEqual({ ok: false, reason: "same_organisation" });
  });

  it("R4: an allow-list that names the partner lets the link through", () => {
    const { sato, lee } = satoAndLee({ partners: allow(globexId) });
    expect(canLink(sato, lee)).toEqual({ ok: true });
    expect(canLink(lee, sato)).toEqual({ ok: true });
  });

  it("R4: an allow-list that does not name the partner refuses, both ways", () => {
    const { sato, lee } = satoAndLee({ partners: allow(initechId) });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "partner_not_allowed", side: "self" });
    expect(canLink(lee, sato)).toEqual({ ok: false, reason: "partner_not_allowed", side: "partner" });
  });

  it("R4: a block-list entry refuses the link both ways", () => {
    const { sato, lee } = satoAndLee({}, { partners: block(acmeId) });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "partner_not_allowed", side: "partner" });
    expect(canLink(lee, sato)).toEqual({ ok: false, reason: "partner_not_allowed", side: "self" });
  });

  it("R4: a block-list that names another organisation does not refuse", () => {
    const { sato, lee } = satoAndLee({}, { partners: block(initechId) });
    expect(canLink(sato, lee)).toEqual({ ok: true });
  });

  it("R3: the reason names one's own side first when both sides refuse", () => {
    const { sato, lee } = satoAndLee({ scope: listed() }, { enabled: false });
    expect(canLink(sato, lee)).toEqual({ ok: false, reason: "out_of_scope", side: "self" });
    expect(canLink(lee, sato)).toEqual({ ok: false, reason: "linking_off", side: "self" });
  });
});

describe("linkState", () => {
  it("R5: a link between two open sides is active", () => {
    const { sato, lee } = satoAndLee();
    expect(linkState(sato, lee)).toBe("active");
  });

  it("R5: switching one organisation off suspends the link for both members", () => {
    const { sato, lee } = satoAndLee({}, { enabled: false });
    expect(linkState(sato, lee)).toBe("suspended");
    expect(linkState(lee, sato)).toBe("suspended");
  });

  it("R5: narrowing the scope suspends the link", () => {
    const { sato, lee } = satoAndLee({ scope: listed() });
    expect(linkState(sato, lee)).toBe("suspended");
  });

  it("R5: blocking the partner suspends the link", () => {
    const { sato, lee } = satoAndLee({ partners: block(globexId) });
    expect(linkState(lee, sato)).toBe("suspended");
  });

  it("R5: switching back on resumes the link, since its state is derived and never stored", () => {
    const off = satoAndLee({ enabled: false });
    expect(linkState(off.sato, off.lee)).toBe("suspended");
    const on: Party = {
      ...off.sato,
      organisation: { ...off.sato.organisation, linking: defaultLinkingPolicy("free") },
    };
    expect(linkState(on, off.lee)).toBe("active");
  });
});

describe("inScope on a list that changes", () => {
  it("R2: a listed scope answers for the list as it is now, even if the array was changed", () => {
    const members: MemberId[] = [asMemberId("mem_a")];
    const scope = { kind: "listed" as const, members };
    expect(inScope(scope, asMemberId("mem_b"))).toBe(false);
    members.push(asMemberId("mem_b"));
    expect(inScope(scope, asMemberId("mem_b"))).toBe(true);
  });

  it("R2: a frozen listed scope is answered the same way on every call", () => {
    const scope = { kind: "listed" as const, members: Object.freeze([asMemberId("mem_a")]) };
    expect(inScope(scope, asMemberId("mem_a"))).toBe(true);
    expect(inScope(scope, asMemberId("mem_a"))).toBe(true);
    expect(inScope(scope, asMemberId("mem_b"))).toBe(false);
  });
});
