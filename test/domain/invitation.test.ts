import { describe, expect, it } from "vitest";
import { invitationExpiry } from "../../src/domain/invitation.js";
import {
  asMemberId,
  asOrganisationId,
  composeInvitationMail,
  defaultInvitationExpiryDays,
  type Invitation,
  type InvitationId,
  invitationTokenFrom,
  invitationUrl,
  redeemRefusal,
} from "../../src/index.js";

const hour = 3_600_000;
const day = 24 * hour;
const createdAt = new Date("2026-04-01T09:30:00.000Z");
const later = (instant: Date, ms: number) => new Date(instant.getTime() + ms);
const token = "V1StGXR8_Z5jdHi6B-myT0Aa";

/** A pending invite link made at `createdAt`, living 14 days; override what a test is about. */
function anInvitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: "inv_1" as InvitationId,
    kind: "link",
    inviterId: asMemberId("mem_1"),
    organisationId: asOrganisationId("org_1"),
    tokenHash: "0".repeat(64),
    email: null,
    createdAt,
    expiresAt: later(createdAt, 14 * day),
    maxUses: null,
    uses: 0,
    revokedAt: null,
    version: 1,
    ...overrides,
  };
}

describe("redeemRefusal", () => {
  it("R19: a fresh invitation can be redeemed", () => {
    expect(redeemRefusal(anInvitation(), createdAt)).toBeNull();
  });

  it("R20: an invitation is expired exactly at expiresAt and still fine 1 ms before", () => {
    const invitation = anInvitation();
    expect(redeemRefusal(invitation, later(invitation.expiresAt, -1))).toBeNull();
    expect(redeemRefusal(invitation, invitation.expiresAt)).toBe("expired");
    expect(redeemRefusal(invitation, later(invitation.expiresAt, day))).toBe("expired");
  });

  it("R20: an email invitation used once is used up", () => {
    const email = anInvitation({ kind: "email", email: "tanaka@example.jp", maxUses: 1 });
    expect(redeemRefusal(email, createdAt)).toBeNull();
    expect(redeemRefusal({ ...email, uses: 1 }, createdAt)).toBe("used_up");
  });

  it("R18: a link with maxUses k is fine after k - 1 uses and used up after k", () => {
    const link = anInvitation({ maxUses: 3 });
    expect(redeemRefusal({ ...link, uses: 2 }, createdAt)).toBeNull();
    expect(redeemRefusal({ ...link, uses: 3 }, createdAt)).toBe("used_up");
  });

  it("R18: a link without maxUses is never used up", () => {
    expect(redeemRefusal(anInvitation({ uses: 1_000_000 }), createdAt)).toBeNull();
  });

  it("R19: a revoked invitation is refused as revoked", () => {
    expect(redeemRefusal(anInvitation({ revokedAt: later(createdAt, hour) }), createdAt)).toBe("revoked");
  });

  it("R19: revoked wins over used up and expired; used up wins over expired", () => {
    const expiredAt = later(createdAt, 15 * day);
    const everything = anInvitation({ revokedAt: createdAt, maxUses: 1, uses: 1 });
    expect(redeemRefusal(everything, expiredAt)).toBe("revoked");
    expect(redeemRefusal({ ...everything, revokedAt: null }, expiredAt)).toBe("used_up");
    expect(redeemRefusal({ ...everything, revokedAt: null, uses: 0 }, expiredAt)).toBe("expired");
  });
});

describe("invitationExpiry", () => {
  it("R20: the default expiry is 14 days, exactly 336 hours later", () => {
    expect(defaultInvitationExpiryDays).toBe(14);
    const expiry = invitationExpiry(createdAt, defaultInvitationExpiryDays);
    expect(expiry.getTime() - createdAt.getTime()).toBe(336 * hour);
    expect(expiry.toISOString()).toBe("2026-04-15T09:30:00.000Z");
  });

  it("R20: a configured expiry of d days is d × 24 hours, whatever the calendar", () => {
    for (const days of [1, 7, 30, 365]) {
      expect(invitationExpiry(createdAt, days).getTime() - createdAt.getTime()).toBe(days * day);
    }
  });

  it("R20: computing an expiry does not touch the instant it starts from", () => {
    const now = new Date(createdAt);
    invitationExpiry(now, 14);
    expect(now).toEqual(createdAt);
  });
});

describe("invitationTokenFrom", () => {
  it("R19: a raw token is read as itself", () => {
    expect(invitationTokenFrom(token)).toBe(token);
  });

  it("R19: surrounding whitespace of a pasted token or URL is ignored", () => {
    expect(invitationTokenFrom(`  ${token}\n`)).toBe(token);
    expect(invitationTokenFrom(`\t https://app.example.com/invite/${token} \n`)).toBe(token);
  });

  it("R19: an invite URL gives the token in its last path segment", () => {
    expect(invitationTokenFrom(`https://app.example.com/invite/${token}`)).toBe(token);
    expect(invitationTokenFrom(`https://app.example.com/invite/${token}/`)).toBe(token);
    expect(invitationTokenFrom(`https://app.example.com/a/b/invite/${token}#top`)).toBe(token);
  });

  it("R19: an invite URL with a token query parameter gives that token", () => {
    expect(invitationTokenFrom(`https://app.example.com/invite?token=${token}`)).toBe(token);
    expect(invitationTokenFrom(`https://app.example.com/redeem?lang=ja&token=${token}`)).toBe(token);
  });

  it("R19: garbage is no token", () => {
    for (const input of ["", "   ", "not a token", "https://", "mailto:someone@example.com", "ftp:/"]) {
      expect(invitationTokenFrom(input)).toBeNull();
    }
  });

  it("R19: a too-short token, raw or in a URL, is no token", () => {
    expect(invitationTokenFrom("abc123")).toBeNull();
    expect(invitationTokenFrom(token.slice(0, 15))).toBeNull();
    expect(invitationTokenFrom("https://app.example.com/invite/abc123")).toBeNull();
    expect(invitationTokenFrom("https://app.example.com/invite")).toBeNull();
  });

  it("R19: a token with characters outside the URL-safe alphabet is no token", () => {
    for (const bad of [`${token}!`, `${token.slice(0, 10)} ${token.slice(10)}`, `${token}=`, `${token}+/`]) {
      expect(invitationTokenFrom(bad)).toBeNull();
    }
    expect(invitationTokenFrom(`https://app.example.com/invite?token=${token}%21`)).toBeNull();
  });

  it("R19: an over-long token is no token", () => {
    expect(invitationTokenFrom("a".repeat(128))).toBe("a".repeat(128));
    expect(invitationTokenFrom("a".repeat(129))).toBeNull();
  });
});

describe("invitationUrl", () => {
  it("R18: the URL is the base URL, one slash, then the token", () => {
    expect(invitationUrl("https://app.example.com/invite", token)).toBe(
      `https://app.example.com/invite/${token}`,
    );
  });

  it("R18: trailing slashes of the base URL are not doubled", () => {
    expect(invitationUrl("https://app.example.com/invite/", token)).toBe(
      `https://app.example.com/invite/${token}`,
    );
    expect(invitationUrl("https://app.example.com/invite///", token)).toBe(
      `https://app.example.com/invite/${token}`,
    );
  });

  it("R18: the URL reads back as its token", () => {
    expect(invitationTokenFrom(invitationUrl("https://app.example.com/invite/", token))).toBe(token);
  });
});

describe("composeInvitationMail", () => {
  const facts = {
    inviterName: "佐藤 花子",
    company: "Acme 株式会社",
    url: `https://app.example.com/invite/${token}`,
    // Late in the UTC day: the date shown must be the recipient's, whatever the machine's zone.
    expiresAt: new Date("2026-04-15T23:30:00.000Z"),
  };

  it("R17: the Japanese mail names the inviter and company and carries the URL and expiry date", () => {
    const mail = composeInvitationMail({ ...facts, locale: "ja" });
    expect(mail.subject).toContain("佐藤 花子");
    expect(mail.subject).toContain("Acme 株式会社");
    expect(mail.subject).toContain("招待");
    expect(mail.text).toContain("佐藤 花子");
    expect(mail.text).toContain("Acme 株式会社");
    expect(mail.text.split("\n")).toContain(facts.url);
    expect(mail.text).toContain("2026年4月16日");
  });

  it("R17: the English mail names the inviter and company and carries the URL and expiry date", () => {
    const mail = composeInvitationMail({ ...facts, locale: "en" });
    expect(mail.subject).toContain("佐藤 花子");
    expect(mail.subject).toContain("Acme 株式会社");
    expect(mail.subject).toMatch(/invited you/);
    expect(mail.text).toContain("佐藤 花子");
    expect(mail.text).toContain("Acme 株式会社");
    expect(mail.text.split("\n")).toContain(facts.url);
    expect(mail.text).toContain("15 April 2026");
  });

  it("R17: the expiry is shown in the recipient's time zone — Japan time for Japanese mail, UTC for English, or the one given — whatever the machine's", () => {
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati"; // UTC+14: 23:30 UTC is already the next day there
    try {
      expect(composeInvitationMail({ ...facts, locale: "en" }).text).toContain(
        "15 April 2026 at 23:30 (UTC)",
      );
      // 23:30 UTC is 08:30 the next morning in Tokyo.
      expect(composeInvitationMail({ ...facts, locale: "ja" }).text).toContain(
        "2026年4月16日 8:30（日本時間）",
      );
      expect(
        composeInvitationMail({ ...facts, locale: "en", timeZone: "America/Los_Angeles" }).text,
      ).toContain("15 April 2026 at 16:30 (America/Los_Angeles)");
    } finally {
      if (zone === undefined) Reflect.deleteProperty(process.env, "TZ");
      else process.env.TZ = zone;
    }
  });

  it("R17: the two languages are different texts", () => {
    const ja = composeInvitationMail({ ...facts, locale: "ja" });
    const en = composeInvitationMail({ ...facts, locale: "en" });
    expect(ja.subject).not.toBe(en.subject);
    expect(ja.text).not.toBe(en.text);
    expect(ja.text).not.toContain("invited you");
  });
});
