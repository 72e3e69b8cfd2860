import { describe, expect, it } from "vitest";
import { sealCursor } from "../../src/domain/cursor.js";
import { customerWith, hostileWorld, onEveryStore, type Scene, unsealed } from "./hostile-input-world.js";

const { scenes } = hostileWorld();

describe("the gaps issue 13 names, on every store", () => {
  const nul = "\u0000";

  it("a photoUrl with a NUL or a lone surrogate is VALIDATION at photoUrl (z.url alone took both)", async () => {
    for (const bad of [`https://photos.example.jp/a${nul}b.png`, "https://photos.example.jp/a\ud800b.png"]) {
      await onEveryStore(scenes, "VALIDATION", ["photoUrl"], (s) =>
        s.book.members.create(s.admin.id, { worksId: "ito", displayName: "伊藤", photoUrl: bad }),
      );
      await onEveryStore(scenes, "VALIDATION", ["photoUrl"], (s) =>
        s.book.members.updateProfile(s.sato.id, { photoUrl: bad }),
      );
      await onEveryStore(scenes, "VALIDATION", ["photoUrl"], (s) =>
        s.book.contacts.addCustomer(s.sato.id, customerWith({ photoUrl: bad })),
      );
    }
  });

  it("a page cursor with a NUL is VALIDATION at cursor: plain, in the old unsealed form, or forged with a correct checksum", async () => {
    const book = [
      `${nul}`,
      `abc${nul}`,
      unsealed([`やま${nul}だ`, "con_1"]),
      sealCursor("book", [`やま${nul}だ`, "con_1"]),
    ];
    for (const cursor of book) {
      await onEveryStore(scenes, "VALIDATION", ["cursor"], (s) =>
        s.book.contacts.list(s.sato.id, { cursor }),
      );
    }
    const trash = [
      `2026-05-01T00:00:00.000Z|con_1${nul}`,
      sealCursor("trash", ["2026-05-01T00:00:00.000Z", `con${nul}`]),
    ];
    for (const cursor of trash) {
      await onEveryStore(scenes, "VALIDATION", ["cursor"], (s) => s.book.trash.list(s.sato.id, { cursor }));
    }
  });

  it("cursors in the old unverified forms are refused: cursors are opaque and verified", async () => {
    await onEveryStore(scenes, "VALIDATION", ["cursor"], (s) =>
      s.book.contacts.list(s.sato.id, { cursor: unsealed(["やまだ", "con_1"]) }),
    );
    await onEveryStore(scenes, "VALIDATION", ["cursor"], (s) =>
      s.book.trash.list(s.sato.id, { cursor: "2026-05-01T00:00:00.000Z|con_1" }),
    );
  });

  it("a NUL as a book query is VALIDATION at query", async () => {
    await onEveryStore(scenes, "VALIDATION", ["query"], (s) =>
      s.book.contacts.list(s.sato.id, { query: nul }),
    );
    await onEveryStore(scenes, "VALIDATION", ["query"], (s) =>
      s.book.contacts.list(s.sato.id, { query: `山田${nul}` }),
    );
  });

  it("U+202E (right-to-left override) in a name is VALIDATION, wherever the name is", async () => {
    const spoof = "山田\u202e郎太";
    await onEveryStore(scenes, "VALIDATION", ["displayName"], (s) =>
      s.book.members.create(s.admin.id, { worksId: "ito", displayName: spoof }),
    );
    await onEveryStore(scenes, "VALIDATION", ["familyName"], (s) =>
      s.book.contacts.addCustomer(s.sato.id, customerWith({ familyName: spoof })),
    );
    await onEveryStore(scenes, "VALIDATION", ["name"], (s) =>
      s.book.groups.create(s.sato.id, { name: spoof }),
    );
    await onEveryStore(scenes, "VALIDATION", ["name"], (s) =>
      s.book.organisations.create({ name: spoof, admin: { worksId: "x-admin", displayName: "X" } }),
    );
  });

  it("legitimate text goes through alike everywhere: Japanese names, emoji, a multi-line memo, Arabic with its RLM mark", async () => {
    const member = (s: Scene) =>
      s.book.members.create(s.admin.id, {
        worksId: "hayashi",
        displayName: "林 𠮷子 😀",
        familyName: "林",
        givenName: "𠮷子",
        nickname: "👨‍👩‍👧 はやし",
        photoUrl: "https://photos.example.jp/林.png",
      });
    await onEveryStore(scenes, "ok", [], member);
    const customer = (s: Scene) =>
      s.book.contacts.addCustomer(s.sato.id, {
        familyName: "محمد\u200f",
        givenName: "عبد الله",
        familyNameReading: "ムハンマド",
        company: "株式会社アクメ",
        memo: "1行目\r\n2行目\n\t字下げ",
        addresses: [{ label: "本社", value: "〒100-0001\n東京都千代田区1-1" }],
        customFields: [{ label: "備考", value: "月曜\n水曜" }],
        emails: [{ address: "mohammed@example.jp" }],
      });
    await onEveryStore(scenes, "ok", [], customer);
    for (const scene of scenes) {
      const { items } = await scene.book.contacts.list(scene.sato.id, { query: "ムハンマド" });
      const fields = items.map((item) => item.contact.fields);
      expect(fields.map((f) => f.memo)).toEqual(["1行目\n2行目\n\t字下げ"]);
      expect(fields.map((f) => f.familyName)).toEqual(["محمد\u200f"]);
    }
  });
});
