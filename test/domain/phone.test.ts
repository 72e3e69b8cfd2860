import { describe, expect, it } from "vitest";
import { normalisePhone } from "../../src/index.js";

describe("normalisePhone", () => {
  it("R8: a Japanese mobile number typed with hyphens becomes E.164 in the JP region", () => {
    expect(normalisePhone("090-1234-5678", "JP")).toEqual({ e164: "+819012345678", raw: "090-1234-5678" });
  });

  it("R8: the number is kept exactly as typed, untrimmed, for display", () => {
    expect(normalisePhone("  090 1234 5678 ", "JP")).toEqual({
      e164: "+819012345678",
      raw: "  090 1234 5678 ",
    });
  });

  it.each([
    ["full-width digits and dashes", "０９０−１２３４−５６７８"],
    ["full-width digits, ASCII hyphens", "０９０-１２３４-５６７８"],
    ["ideographic spaces", "090　1234　5678"],
    ["ASCII spaces", "090 1234 5678"],
    ["no separators", "09012345678"],
    ["parentheses", "(090) 1234-5678"],
    ["+81 with spaces", "+81 90 1234 5678"],
    ["+81 with hyphens", "+81-90-1234-5678"],
    ["already E.164", "+819012345678"],
    ["full-width plus and digits", "＋８１９０１２３４５６７８"],
  ])("R8: %s normalise to the same E.164 number", (_form, typed) => {
    expect(normalisePhone(typed, "JP")?.e164).toBe("+819012345678");
  });

  it.each([
    ["letters", "abc"],
    ["empty", ""],
    ["only spaces", "   "],
    ["only punctuation", "---"],
    ["too short", "12"],
    ["too long", "123456789012345678"],
    ["a lone plus", "+"],
    ["a doubled plus", "++819012345678"],
    ["words and a few digits", "hello 090"],
    ["an emoji", "😀"],
  ])("R8: %s is not a phone number", (_what, typed) => {
    expect(normalisePhone(typed, "JP")).toBeNull();
  });

  it("R8: a national number is read in the region it is given", () => {
    expect(normalisePhone("(415) 555-2671", "US")).toEqual({
      e164: "+14155552671",
      raw: "(415) 555-2671",
    });
    expect(normalisePhone("020 7946 0958", "GB")?.e164).toBe("+442079460958");
  });

  it("R8: a Japanese national number is not a number in another region", () => {
    expect(normalisePhone("090-1234-5678", "US")).toBeNull();
  });

  it("R8: a number with a country code ignores the region", () => {
    expect(normalisePhone("+81 90-1234-5678", "US")?.e164).toBe("+819012345678");
    expect(normalisePhone("+1 415 555 2671", "JP")?.e164).toBe("+14155552671");
  });
});

describe("normalisePhone refuses what is not only a number", () => {
  it.each(["abc090-1234-5678", "call me at 090-1234-5678", "090-1234-5678abc", "090-1234-567a"])(
    "R11: %s is malformed, not a number found inside text",
    (raw) => {
      expect(normalisePhone(raw, "JP")).toBeNull();
    },
  );

  it("R8: a result longer than E.164's 15 digits is refused", () => {
    expect(normalisePhone("0081-90-1234-5678", "JP")).toBeNull();
  });
});
