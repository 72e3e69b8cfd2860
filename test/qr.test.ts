import jsQRModule from "jsqr";
import { describe, expect, it } from "vitest";
import { createPartnerbook, manualClock } from "../src/index.js";
import { memoryStore } from "../src/memory.js";
import { qrCodeSvg } from "../src/qr.js";
import { start, testSecret, twoLinkableMembers, type World } from "./support/builders.js";

// jsqr is CommonJS whose `module.exports` is the decoder and whose `.default` is the same
// function; under NodeNext the default import is typed as the whole module, so take `.default`.
const jsQR = jsQRModule.default;

/** What uqr draws: a white square of `size` units and one black 10×10 square per dark module. */
interface SvgGeometry {
  readonly size: number;
  readonly modules: readonly { readonly x: number; readonly y: number }[];
}

const unit = 10;

/** A world with the default random ids, so the QR codes carry production-shaped tokens. */
function aWorldWithRealTokens(): World {
  const store = memoryStore();
  const clock = manualClock(start);
  return { book: createPartnerbook({ store, clock, secret: testSecret }), store, clock };
}

/** Reads uqr's SVG back into geometry; throws if anything in it is not what we expect. */
function parseQrSvg(svg: string): SvgGeometry {
  const viewBox = /^<svg [^>]*viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (viewBox === null) throw new Error("no viewBox");
  const size = Number(viewBox[1]);
  if (Number(viewBox[2]) !== size) throw new Error("the QR code is not square");
  if (!svg.includes(`<rect fill="white" width="${size}" height="${size}"/>`)) {
    throw new Error("no white background covering the view box");
  }
  const path = /<path fill="black" d="([^"]*)"\/>/.exec(svg);
  if (path === null) throw new Error("no black path");
  const d = path[1] ?? "";
  const segment = /M(\d+),(\d+)h10v10h-10z/g;
  const modules = [...d.matchAll(segment)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
  if (d.replace(segment, "") !== "") throw new Error("the path holds more than unit squares");
  return { size, modules };
}

/** Paints the geometry at `pixelsPerModule`, black on white, as RGBA — what a camera sees. */
function rasterise({ size, modules }: SvgGeometry, pixelsPerModule = 4) {
  const scale = pixelsPerModule / unit;
  const width = Math.round(size * scale);
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const { x, y } of modules) {
    const left = Math.round(x * scale);
    const top = Math.round(y * scale);
    for (let row = top; row < top + pixelsPerModule; row++) {
      for (let col = left; col < left + pixelsPerModule; col++) {
        const at = (row * width + col) * 4;
        data[at] = 0;
        data[at + 1] = 0;
        data[at + 2] = 0;
      }
    }
  }
  return { data, width, height: width };
}

/** The text a scanner would read from the SVG, or `null` if it reads nothing. */
function decodeSvg(svg: string, pixelsPerModule = 4): string | null {
  const { data, width, height } = rasterise(parseQrSvg(svg), pixelsPerModule);
  return jsQR(data, width, height)?.data ?? null;
}

/** The tags of a document, checked to nest as one root element with nothing but tags in it. */
function rootElements(xml: string): string[] {
  const stack: string[] = [];
  const roots: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let at = 0;
  while (at < xml.length) {
    tag.lastIndex = at;
    const match = tag.exec(xml);
    if (match === null) throw new Error(`not a tag at ${at}: ${xml.slice(at, at + 30)}`);
    const [, closing, name = "", , selfClosing] = match;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      if (stack.length === 0) roots.push(name);
      if (!selfClosing) stack.push(name);
    }
    at = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
  return roots;
}

const token = "V1StGXR8_Z5jdHi6B-myTq3xK9pLm2Nw";
const inviteUrls = {
  short: "https://x.jp/i/abc",
  typical: `https://app.example.com/invite/${token}`,
  long: `https://partners.example-company.co.jp/invite/${token}?${new URLSearchParams({
    utm_source: "newsletter",
    utm_medium: "email",
    utm_campaign: "spring-partner-onboarding-2026",
    ref: "a".repeat(60),
  })}`,
  japanese: `https://app.example.jp/invite/${token}?from=${encodeURIComponent("佐藤 花子")}&company=${encodeURIComponent("株式会社アクメ")}`,
};

describe("R18: the QR SVG decodes back to the URL", () => {
  it("the long case really is long (~200 characters)", () => {
    expect(inviteUrls.long.length).toBeGreaterThanOrEqual(190);
    expect(inviteUrls.long.length).toBeLessThanOrEqual(230);
  });

  for (const [name, url] of Object.entries(inviteUrls)) {
    it(`${name} URL (${url.length} chars) reads back exactly`, () => {
      expect(decodeSvg(qrCodeSvg(url))).toBe(url);
    });
  }

  it("unencoded Japanese reads back too (byte mode, UTF-8)", () => {
    const url = "https://app.example.jp/招待?名前=佐藤花子";
    expect(decodeSvg(qrCodeSvg(url))).toBe(url);
  });

  it("the decoder is not fooled: an SVG with its modules removed reads as nothing", () => {
    const svg = qrCodeSvg(inviteUrls.typical);
    expect(decodeSvg(svg.replace(/ d="[^"]*"/, ' d=""'))).toBeNull();
    // Without the top-left finder pattern's first row, nothing is found either.
    expect(decodeSvg(svg.replace(/(M\d+,\d+h10v10h-10z){7}/, ""))).toBeNull();
  });

  it("reads back at 1, 2 and 8 pixels per module too", () => {
    const svg = qrCodeSvg(inviteUrls.japanese);
    for (const pixels of [1, 2, 8]) expect(decodeSvg(svg, pixels)).toBe(inviteUrls.japanese);
  });

  it("reads back with a wider border, and the border widens the view box by whole modules", () => {
    const narrow = parseQrSvg(qrCodeSvg(inviteUrls.typical));
    const wide = qrCodeSvg(inviteUrls.typical, { border: 4 });
    expect(parseQrSvg(wide).size - narrow.size).toBe(2 * 2 * unit);
    expect(decodeSvg(wide)).toBe(inviteUrls.typical);
  });

  it("an invite link from the book reads back to its URL, and that URL redeems", async () => {
    const world = aWorldWithRealTokens();
    const { sato, lee } = await twoLinkableMembers(world);
    const link = await world.book.invitations.createLink(sato.id, { maxUses: 5 });
    const scanned = decodeSvg(qrCodeSvg(link.url));
    expect(scanned).toBe(link.url);
    const redeemed = await world.book.invitations.redeem(lee.id, scanned ?? "");
    expect(redeemed.invitationId).toBe(link.invitation.id);
    expect(redeemed.contact.kind).toBe("linked");
  });

  it("is one well-formed <svg> element in the SVG namespace", () => {
    for (const url of Object.values(inviteUrls)) {
      const svg = qrCodeSvg(url);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.endsWith("</svg>")).toBe(true);
      expect(rootElements(svg)).toEqual(["svg"]);
      expect(svg.match(/<svg\b/g)).toHaveLength(1);
    }
  });

  it("draws whole modules on the grid, inside the view box", () => {
    const { size, modules } = parseQrSvg(qrCodeSvg(inviteUrls.long));
    expect(size % unit).toBe(0);
    expect(modules.length).toBeGreaterThan(0);
    for (const { x, y } of modules) {
      expect(x % unit).toBe(0);
      expect(y % unit).toBe(0);
      expect(x).toBeGreaterThanOrEqual(2 * unit);
      expect(y).toBeLessThan(size - 2 * unit);
    }
  });
});

describe("R13: a member's QR code", () => {
  it("decodes back to the token of qrCodes.mine, and re-issuing gives a different code", async () => {
    const world = aWorldWithRealTokens();
    const { sato, lee } = await twoLinkableMembers(world);
    const { token: first } = await world.book.qrCodes.mine(sato.id);
    const firstSvg = qrCodeSvg(first);
    expect(decodeSvg(firstSvg)).toBe(first);
    expect((await world.book.qrCodes.mine(sato.id)).token).toBe(first);

    const { token: second } = await world.book.qrCodes.reissue(sato.id);
    const secondSvg = qrCodeSvg(second);
    expect(second).not.toBe(first);
    expect(secondSvg).not.toBe(firstSvg);
    expect(decodeSvg(secondSvg)).toBe(second);

    // What a scanner reads is what the book accepts: the old code is dead, the new one adds.
    await expect(world.book.contacts.addFromQr(lee.id, decodeSvg(firstSvg) ?? "")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const added = await world.book.contacts.addFromQr(lee.id, decodeSvg(secondSvg) ?? "");
    expect(added.contact).toMatchObject({ kind: "linked", targetMemberId: sato.id });
  });
});
