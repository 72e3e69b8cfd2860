import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "../../src/domain/masking.js";
import type { PartnerbookError } from "../../src/index.js";
import { customerWith, editCustomer, hostileWorld, onEveryStore, type Scene } from "./hostile-input-world.js";

const { scenes } = hostileWorld();

describe("error messages do not echo a phone number or an email address in full (they end up in logs)", () => {
  it("maskEmail keeps the first character and the domain; maskPhone at most the last two digits", () => {
    expect(maskEmail("taro@example.co.jp")).toBe("t***@example.co.jp");
    expect(maskEmail("not an address")).toBe("***");
    expect(maskPhone("090-1234-5678")).toBe("***78");
    expect(maskPhone("12345")).toBe("***");
  });

  /** Every form a logger may write an error in. */
  const printed = (error: unknown) =>
    [String(error), JSON.stringify(error), inspect((error as PartnerbookError).details, { depth: 10 })].join(
      "\n",
    );

  /** The digits of a phone, five at a time: no run of five of them may be printed. */
  const digitRuns = (phone: string) => {
    const digits = phone.replace(/[^0-9]/g, "");
    return Array.from({ length: Math.max(digits.length - 4, 0) }, (_, i) => digits.slice(i, i + 5));
  };

  const badPhones = [
    "0120-444-444-444-444",
    "+81 3 1234 5678 9999 0000",
    "12345678901234567890",
    "090-1234-5678 内線 22",
    "+99 123 456 7890",
  ];

  it.each(badPhones)(
    "a phone that is not one (%s) is VALIDATION, and no form of the error prints it",
    async (phone) => {
      const calls: [(string | number)[], (s: Scene) => Promise<unknown>][] = [
        [
          ["mobilePhone"],
          (s) =>
            s.book.members.create(s.admin.id, { worksId: "ito", displayName: "伊藤", mobilePhone: phone }),
        ],
        [["mobilePhone"], (s) => s.book.members.updateProfile(s.sato.id, { mobilePhone: phone })],
        [
          ["phones", 0, "number"],
          (s) => s.book.contacts.addCustomer(s.sato.id, customerWith({ phones: [{ number: phone }] })),
        ],
        [["phones", 0, "number"], (s) => editCustomer(s, { phones: [{ number: phone }] })],
        [[], (s) => s.book.search.byPhone(s.sato.id, phone)],
      ];
      for (const [path, call] of calls) {
        await onEveryStore(scenes, "VALIDATION", path, call);
        for (const scene of scenes) {
          const text = printed(await call(scene).catch((error: unknown) => error));
          expect(text).not.toContain(phone);
          for (const run of digitRuns(phone)) expect(text).not.toContain(run);
        }
      }
    },
  );

  const badEmails = [
    "hanako.private@example",
    "hanako.private@@example.co.jp",
    "hanako private@example.co.jp",
    `hanako.private${"x".repeat(250)}@example.co.jp`,
  ];

  it.each(badEmails)(
    "an email that is not one (%s) is VALIDATION, and no form of the error prints it",
    async (email) => {
      const calls: [(string | number)[], (s: Scene) => Promise<unknown>][] = [
        [["email"], (s) => s.book.members.create(s.admin.id, { worksId: "ito", displayName: "伊藤", email })],
        [["email"], (s) => s.book.members.updateProfile(s.sato.id, { email })],
        [
          ["emails", 0, "address"],
          (s) => s.book.contacts.addCustomer(s.sato.id, customerWith({ emails: [{ address: email }] })),
        ],
        [["emails", 0, "address"], (s) => editCustomer(s, { emails: [{ address: email }] })],
      ];
      for (const [path, call] of calls) {
        await onEveryStore(scenes, "VALIDATION", path, call);
        for (const scene of scenes) {
          const text = printed(await call(scene).catch((error: unknown) => error));
          expect(text).not.toContain(email);
          expect(text).not.toContain("hanako");
        }
      }
    },
  );
});
