import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asciiWord,
  hostile,
  laced,
  legit,
  legitLine,
  notInOneLine,
  oneLine,
  tooLong,
} from "./hostile-input-text.js";
import { hostileWorld, type Target, url } from "./hostile-input-world.js";

const { adapters, eachTargetAnswersAlike } = hostileWorld();

const profileOf = (n: number) => ({ worksId: `user-${n}`, displayName: "利用者" });

const targets: readonly Target[] = [
  {
    name: "members.create displayName",
    path: ["displayName"],
    probes: oneLine(100),
    call: (s, value, n) => s.book.members.create(s.admin.id, { ...profileOf(n), displayName: value }),
  },
  {
    name: "members.create familyName",
    path: ["familyName"],
    probes: oneLine(100),
    call: (s, value, n) => s.book.members.create(s.admin.id, { ...profileOf(n), familyName: value }),
  },
  {
    name: "members.create worksId",
    path: ["worksId"],
    probes: fc.oneof(
      legit(asciiWord),
      hostile(laced(notInOneLine, asciiWord)),
      hostile(legitLine.filter((text) => /[^a-zA-Z0-9._@-]/.test(text))),
      hostile(tooLong(100)),
    ),
    call: (s, value, n) => s.book.members.create(s.admin.id, { ...profileOf(n), worksId: `${value}${n}` }),
  },
  {
    name: "members.create email",
    path: ["email"],
    probes: fc.oneof(
      legit(asciiWord.map((local) => `${local}@example.jp`)),
      hostile(laced(notInOneLine, asciiWord).map((local) => `${local}@example.jp`)),
      hostile(laced(notInOneLine, asciiWord).map((domain) => `taro@${domain}.example.jp`)),
      hostile(tooLong(254).map((local) => `${local}@example.jp`)),
    ),
    call: (s, value, n) => s.book.members.create(s.admin.id, { ...profileOf(n), email: value }),
  },
  {
    name: "members.create photoUrl",
    path: ["photoUrl"],
    probes: fc.oneof(
      legit(legitLine.map((text) => `https://photos.example.jp/${text}.png`)),
      hostile(laced(notInOneLine, legitLine).map((text) => `https://photos.example.jp/${text}.png`)),
      hostile(tooLong(2000).map((text) => `https://photos.example.jp/${text}`)),
    ),
    call: (s, value, n) => s.book.members.create(s.admin.id, { ...profileOf(n), photoUrl: value }),
  },
  {
    name: "members.updateProfile nickname",
    path: ["nickname"],
    probes: oneLine(100),
    call: (s, value) => s.book.members.updateProfile(s.sato.id, { nickname: value }),
  },
  {
    name: "members.updateProfile photoUrl",
    path: ["photoUrl"],
    probes: fc.oneof(
      legit(legitLine.map((text) => `https://photos.example.jp/${text}.png`)),
      hostile(laced(notInOneLine, legitLine).map((text) => `https://photos.example.jp/${text}.png`)),
    ),
    call: (s, value) => s.book.members.updateProfile(s.sato.id, { photoUrl: value }),
  },
  {
    name: "members.updateProfile email",
    path: ["email"],
    probes: fc.oneof(
      legit(asciiWord.map((local) => `${local}@example.jp`)),
      hostile(laced(notInOneLine, asciiWord).map((local) => `${local}@example.jp`)),
    ),
    call: (s, value) => s.book.members.updateProfile(s.sato.id, { email: value }),
  },
  {
    name: "organisations.create name",
    path: ["name"],
    probes: oneLine(200),
    call: (s, value, n) =>
      s.book.organisations.create({
        name: value,
        admin: { worksId: `org-admin-${n}`, displayName: "管理者" },
      }),
  },
  {
    name: "search.byWorksId",
    path: [],
    probes: fc.oneof(legit(asciiWord), hostile(laced(notInOneLine, asciiWord)), hostile(tooLong(100))),
    call: (s, value) => s.book.search.byWorksId(s.sato.id, value),
  },
];

describe("hostile input: memory, PGlite and the PostgreSQL server (when PARTNERBOOK_POSTGRES_URL is set) give the same answer", () => {
  it("the stores under test include the real server exactly when PARTNERBOOK_POSTGRES_URL is set", () => {
    expect(adapters.map((adapter) => adapter.name)).toEqual(
      url === "" ? ["memory", "PGlite"] : ["memory", "PGlite", "PostgreSQL server"],
    );
  });

  eachTargetAnswersAlike(targets);
});
