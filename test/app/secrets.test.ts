import { describe, expect, it } from "vitest";
import { deriveToken, seal, UnsealError, unseal } from "../../src/app/secrets.js";

// R20: the helpers behind QR tokens that are never stored and mail that is kept sealed.

const secret = "secrets test: a fixed, public secret of 32+ characters";
const other = "secrets test: another secret, also 32+ characters";

describe("deriveToken", () => {
  it("R20: the same inputs give the same 192-bit token, as 32 base64url characters", async () => {
    const token = await deriveToken(secret, "qr", "mem_1", 1);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await deriveToken(secret, "qr", "mem_1", 1)).toBe(token);
  });

  it("R20: another secret, purpose, member or generation gives another token, and parts never run together", async () => {
    const tokens = await Promise.all([
      deriveToken(secret, "qr", "mem_1", 1),
      deriveToken(other, "qr", "mem_1", 1),
      deriveToken(secret, "other", "mem_1", 1),
      deriveToken(secret, "qr", "mem_2", 1),
      deriveToken(secret, "qr", "mem_1", 2),
      deriveToken(secret, "qr", "mem_1", "1"),
      deriveToken(secret, "qr", "mem_1", 11),
      deriveToken(secret, "qr", "mem_11"),
      deriveToken(secret, "qr", "mem", "_11"),
    ]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});

describe("seal and unseal", () => {
  it("R20: a sealed text opens with the same secret, whatever it holds", async () => {
    for (const text of ["", "招待 ㈱アクメ 🎉", '{"to":"a@example.jp"}', "x".repeat(100_000)]) {
      const sealed = await seal(secret, text);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      expect(await unseal(secret, sealed)).toBe(text);
    }
  });

  it("R20: the sealed form shows nothing of the text, and sealing twice gives two forms (a fresh IV each time)", async () => {
    const text = "https://app.example/invite/V1StGXR8_Z5jdHi6B-myTq3xK9pLm2Nw";
    const sealed = await Promise.all(Array.from({ length: 200 }, () => seal(secret, text)));
    expect(new Set(sealed).size).toBe(200);
    expect(new Set(sealed.map((form) => form.split(".")[1])).size).toBe(200);
    for (const form of sealed) expect(form).not.toContain("V1StGXR8");
  });

  it("R20: unsealing with another secret fails cleanly with UnsealError", async () => {
    const sealed = await seal(secret, "the mail");
    const failure = await unseal(other, sealed).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnsealError);
    expect(failure).toMatchObject({
      name: "UnsealError",
      message: "the message was sealed with another secret, or altered: it cannot be opened",
    });
  });

  it("R20: a sealed text altered anywhere does not open", async () => {
    const sealed = await seal(secret, "the mail");
    const flip = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === "A" ? "B" : "A"}${text.slice(at + 1)}`;
    const ivAt = 3;
    const ciphertextAt = sealed.lastIndexOf(".") + 1;
    for (const altered of [flip(sealed, ivAt), flip(sealed, ciphertextAt), flip(sealed, sealed.length - 2)]) {
      await expect(unseal(secret, altered)).rejects.toBeInstanceOf(UnsealError);
    }
  });

  it("R20: what is not a sealed text is refused as such", async () => {
    const sealed = await seal(secret, "the mail");
    const [, iv, ciphertext] = sealed.split(".");
    for (const text of [
      "",
      "plain text",
      `v2.${iv}.${ciphertext}`,
      `${sealed}.extra`,
      `v1.${iv}`,
      `v1.abc.${ciphertext}`,
    ]) {
      await expect(unseal(secret, text)).rejects.toMatchObject({
        name: "UnsealError",
        message: "not a message sealed by partnerbook (v1.<iv>.<ciphertext>)",
      });
    }
  });
});
