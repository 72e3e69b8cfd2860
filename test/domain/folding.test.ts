import { describe, expect, it } from "vitest";
import { foldForSearch } from "../../src/domain/folding.js";

describe("foldForSearch", () => {
  it("R28: hiragana, katakana and half-width katakana fold together (やまだ = ヤマダ = ﾔﾏﾀﾞ)", () => {
    expect(foldForSearch("ヤマダ")).toBe("やまだ");
    expect(foldForSearch("ﾔﾏﾀﾞ")).toBe("やまだ");
    expect(foldForSearch("やまだ")).toBe("やまだ");
  });

  it("R28: voiced and semi-voiced marks on half-width kana compose (ﾊﾟﾝ = パン, ｶﾞｰﾃﾞﾝ = ガーデン)", () => {
    expect(foldForSearch("ﾊﾟﾝ")).toBe(foldForSearch("パン"));
    expect(foldForSearch("ｶﾞｰﾃﾞﾝ")).toBe(foldForSearch("ガーデン"));
  });

  it("R28: the long vowel mark is kept, so ｺｰﾋｰ = コーヒー but not コヒ", () => {
    expect(foldForSearch("ｺｰﾋｰ")).toBe(foldForSearch("コーヒー"));
    expect(foldForSearch("コヒ")).not.toBe(foldForSearch("コーヒー"));
  });

  it("R28: full-width and half-width letters and case fold together (ＡＣＭＥ = acme)", () => {
    expect(foldForSearch("ＡＣＭＥ")).toBe("acme");
    expect(foldForSearch("Acme")).toBe("acme");
    expect(foldForSearch("ａｃｍｅ１２３")).toBe("acme123");
  });

  it("R28: ㈱ and (株) mean 株式会社, (有) 有限会社", () => {
    expect(foldForSearch("㈱アクメ")).toBe(foldForSearch("株式会社アクメ"));
    expect(foldForSearch("(株)アクメ")).toBe(foldForSearch("株式会社 アクメ"));
    expect(foldForSearch("山田商店(有)")).toBe(foldForSearch("山田商店有限会社"));
  });

  it("R28: spaces, including the ideographic space, do not matter (山田 太郎 = 山田　太郎 = 山田太郎)", () => {
    expect(foldForSearch("山田 太郎")).toBe("山田太郎");
    expect(foldForSearch("山田　太郎")).toBe("山田太郎");
  });

  it("R28: kanji stay as they are: 佐藤 is not さとう", () => {
    expect(foldForSearch("佐藤")).toBe("佐藤");
    expect(foldForSearch("佐藤")).not.toBe(foldForSearch("さとう"));
  });

  it("R28: ヴ and small ヵ ヶ fold to their hiragana forms", () => {
    expect(foldForSearch("ヴァイオリン")).toBe("ゔぁいおりん");
    expect(foldForSearch("ヶ")).toBe("ゖ");
  });
});
