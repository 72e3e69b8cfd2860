import { describe, expect, it } from "vitest";
import { type IdSource, sequentialIds } from "../../src/index.js";
import { twoLinkableMembers, type World } from "../support/builders.js";
import {
  anInvitingWorld,
  expectRefusedUnchanged,
  inviteBaseUrl,
  linkedContactOf,
  mailedUrl,
  refusalOf,
  sha256,
  tokenOf,
} from "../support/inviting-world.js";
import { aRecordingWorld } from "../support/recording-store.js";

describe("R20: tokens", () => {
  it("R20: the store never holds a token, only its SHA-256 in hex", async () => {
    const world = anInvitingWorld();
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    await world.book.invitations.redeem(lee.id, url);
    const stored = JSON.stringify(world.store.snapshot());
    for (const token of [tokenOf(url), tokenOf(mailedUrl(world, "tanaka@example.jp"))]) {
      expect(stored).not.toContain(token);
      expect(stored).toContain(sha256(token));
    }
  });

  it("R20: with the default random ids, tokens carry at least 128 bits, are URL-safe and never repeat", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato } = await twoLinkableMembers(world);
    await world.book.invitations.sendEmail(sato.id, ["tanaka@example.jp"]);
    const tokens = [tokenOf(mailedUrl(world, "tanaka@example.jp"))];
    for (let i = 0; i < 20; i++) tokens.push(tokenOf((await world.book.invitations.createLink(sato.id)).url));
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(token.length * 6).toBeGreaterThanOrEqual(128);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("R20: a random-id link redeems both ways", async () => {
    const world = anInvitingWorld({ random: true });
    const { sato, lee } = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(sato.id);
    expect((await world.book.invitations.redeem(lee.id, url)).status).toBe("added");
    expect(linkedContactOf(world, sato.id, lee.id)).toBeDefined();
  });
});

describe("R20: a token is never issued twice", () => {
  /** Sequential ids whose token source is stuck on one value, as a broken source could be. */
  const stuckTokens = (): IdSource => {
    const ids = sequentialIds();
    return { id: (kind) => ids.id(kind), token: () => "stuck-token-0000000000" };
  };

  it("R20: a second link with a repeated token is a CONFLICT and creates nothing", async () => {
    const world = anInvitingWorld({ ids: stuckTokens() });
    const { sato } = await twoLinkableMembers(world);
    await world.book.invitations.createLink(sato.id);
    await expectRefusedUnchanged(world, () => world.book.invitations.createLink(sato.id), "CONFLICT");
  });

  it("R17, R20: an email invitation with a repeated token fails for its address alone", async () => {
    const world = anInvitingWorld({ ids: stuckTokens() });
    const { sato } = await twoLinkableMembers(world);
    const results = await world.book.invitations.sendEmail(sato.id, [
      "tanaka@example.jp",
      "suzuki@example.jp",
    ]);
    expect(results.map((result) => result.status)).toEqual(["sent", "send_failed"]);
    expect(world.store.snapshot().invitations.map((invitation) => invitation.email)).toEqual([
      "tanaka@example.jp",
    ]);
    expect(world.outbox.messages.map((message) => message.to)).toEqual(["tanaka@example.jp"]);
  });
});
describe("R10: one answer for every refusal on the other side, by invitation or by QR code", () => {
  type Scene = Awaited<ReturnType<typeof twoLinkableMembers>>;
  type RecordingWorld = World & { readonly calls: string[] };

  /** What `step` answered and the store calls it made; the store must be left as it was. */
  async function answerOf(world: RecordingWorld, step: () => Promise<unknown>) {
    const before = world.store.snapshot();
    world.calls.length = 0;
    const answer = (await refusalOf(step())).toJSON();
    const calls = [...world.calls];
    expect(world.store.snapshot()).toEqual(before);
    return { answer, calls };
  }

  /** Expects every answer — code, message, details — and every list of store calls to be the same. */
  function expectAllAlike(answers: readonly (readonly [string, Awaited<ReturnType<typeof answerOf>>])[]) {
    const [, first] = answers[0] ?? [];
    for (const [reason, { answer, calls }] of answers) {
      expect({ reason, answer }).toEqual({ reason, answer: first?.answer });
      expect({ reason, calls }).toEqual({ reason, calls: first?.calls });
    }
  }

  type Refuse = (world: World, scene: Scene) => Promise<unknown>;
  const offAt =
    (side: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        enabled: false,
      });
  const scopedAt =
    (side: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        scope: { kind: "listed", members: [scene[side].admin.id] },
      });
  const blocking =
    (side: "acme" | "globex", other: "acme" | "globex"): Refuse =>
    (world, scene) =>
      world.book.organisations.setLinkingPolicy(scene[side].admin.id, scene[side].organisation.id, {
        partners: { kind: "block", organisations: [scene[other].organisation.id] },
      });

  // Sato (Acme) invites; Lee (Globex) redeems.
  const inviterSideRefusals: readonly (readonly [string, Refuse])[] = [
    ["the inviter's organisation is off", offAt("acme")],
    ["the inviter is outside its scope", scopedAt("acme")],
    ["the inviter's organisation blocks the redeemer's", blocking("acme", "globex")],
    [
      "the inviter's organisation allows others only",
      (world, { acme }) =>
        world.book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
          partners: { kind: "allow", organisations: [] },
        }),
    ],
    ["the redeemer's organisation blocks the inviter's", blocking("globex", "acme")],
    [
      "the inviter is no longer a member",
      (world, { acme, sato }) =>
        world.book.members.remove(acme.admin.id, sato.id, { newOwner: acme.admin.id }),
    ],
  ];

  async function redeemRefused(refuse: Refuse) {
    const world = aRecordingWorld({ inviteBaseUrl });
    const scene = await twoLinkableMembers(world);
    const { url } = await world.book.invitations.createLink(scene.sato.id);
    await refuse(world, scene);
    return {
      world,
      scene,
      ...(await answerOf(world, () => world.book.invitations.redeem(scene.lee.id, url))),
    };
  }

  it("R10: every refusal on the inviter's side gives the identical code, message and details, after the same reads", async () => {
    const answers = [];
    for (const [reason, refuse] of inviterSideRefusals) {
      const { answer, calls } = await redeemRefused(refuse);
      answers.push([reason, { answer, calls }] as const);
    }
    expectAllAlike(answers);
    expect(answers[0]?.[1].answer).toMatchObject({ code: "NOT_FOUND", details: {} });
  });

  it("R10: that answer is the one an add from search gets for someone the other side's settings exclude", async () => {
    const { world, scene, answer } = await redeemRefused(offAt("acme"));
    const added = await refusalOf(world.book.contacts.addFromSearch(scene.lee.id, scene.sato.id));
    expect(answer).toEqual(added.toJSON());
  });

  it.each([
    ["off", offAt("globex"), "linking_off"],
    ["outside its scope", scopedAt("globex"), "out_of_scope"],
  ] as const)(
    "R10: the redeemer's own side %s stays an explicit LINKING_DISABLED naming why",
    async (_how, refuse, reason) => {
      const { answer } = await redeemRefused(refuse);
      expect(answer).toMatchObject({ code: "LINKING_DISABLED", details: { reason } });
    },
  );

  // Sato (Acme) scans a code Lee (Globex) held when it was shown.
  const holderSideRefusals: readonly (readonly [string, Refuse])[] = [
    ["the holder's organisation is off", offAt("globex")],
    ["the holder is outside its scope", scopedAt("globex")],
    ["the holder's organisation blocks the scanner's", blocking("globex", "acme")],
    ["the scanner's organisation blocks the holder's", blocking("acme", "globex")],
    [
      "the holder is no longer a member",
      (world, { globex, lee }) =>
        world.book.members.remove(globex.admin.id, lee.id, { newOwner: globex.admin.id }),
    ],
    [
      "the holder re-issued their code: nobody holds it",
      (world, { lee }) => world.book.qrCodes.reissue(lee.id),
    ],
  ];

  it("R10: scanning a QR code whose holder's side refuses gives the identical answer, after the same reads, as a code nobody holds", async () => {
    const answers = [];
    for (const [reason, refuse] of holderSideRefusals) {
      const world = aRecordingWorld({ inviteBaseUrl });
      const scene = await twoLinkableMembers(world);
      const { token } = await world.book.qrCodes.mine(scene.lee.id);
      await refuse(world, scene);
      answers.push([
        reason,
        await answerOf(world, () => world.book.contacts.addFromQr(scene.sato.id, token)),
      ] as const);
    }
    expectAllAlike(answers);
    expect(answers[0]?.[1].answer).toMatchObject({ code: "NOT_FOUND", details: {} });
  });
});
