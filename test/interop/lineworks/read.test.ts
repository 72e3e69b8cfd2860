import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lineWorksContactOf, readLineWorksContacts } from "../../../src/interop.js";
import { aRecord } from "../vcard/records.js";

const response = readFileSync(
  new URL("../fixtures/lineworks-contacts-response.json", import.meta.url),
  "utf8",
);
const options = {
  tagNames: new Map([["tag-vip", "VIP"]]),
  customPropertyLabels: new Map([["customerRank", "顧客ランク"]]),
};

describe("reading a LINE WORKS contacts list response", () => {
  const page = readLineWorksContacts(response, options);

  it("gives one entry per contact and the next page's cursor", () => {
    expect(page.entries.map((entry) => entry.ok)).toEqual([true, true, true]);
    expect(page.nextCursor).toBe("bmV4dC1wYWdlLTI");
  });

  it("a customer: names with furigana, typed phones and emails, events, tags and custom properties", () => {
    expect(page.entries[0]).toEqual({
      ok: true,
      index: 0,
      contactId: "c0a8f3e2-1b4d-4f6a-9e2c-7d5b3a1f0e91",
      record: aRecord(
        {
          familyName: "高橋",
          givenName: "健一",
          familyNameReading: "たかはし",
          givenNameReading: "けんいち",
          department: "購買部",
          title: "部長",
          phones: [
            { label: "携帯", e164: "+819011112222", raw: "090-1111-2222" },
            { label: "会社", e164: "+81333334444", raw: "03-3333-4444" },
            { label: "会社FAX", e164: "+81333334445", raw: "03-3333-4445" },
            { label: "直通", e164: "+81333334400", raw: "03-3333-4400" },
          ],
          emails: [
            { label: "会社", address: "k.takahashi@hokuto.example.co.jp" },
            { label: null, address: "ken.t@example.jp" },
          ],
          addresses: [{ label: "会社", value: "〒060-0001 北海道札幌市中央区北1条西2-3" }],
          websites: [{ label: "会社", value: "https://hokuto.example.co.jp/" }],
          messengers: [{ label: "X", value: "@hokuto_ken" }],
          dates: [
            { label: "誕生日", date: "1978-11-03" },
            { label: "取引開始日", date: "2019-04-01" },
          ],
          memo: "年末に訪問予定。\n担当替えあり。",
          tags: ["VIP"],
          customFields: [
            { label: "顧客ランク", value: "A" },
            { label: "contractNo", value: "K-1029" },
            { label: "contractNo", value: "K-1107" },
          ],
        },
        { profile: { nickname: "ケン", company: "株式会社北斗物産", photoUrl: null } },
      ),
      permission: {
        accessibleRange: "MEMBER",
        masterUserId: "u-tanaka@partnerbook-demo",
        isCoEditing: true,
        accessibleMembers: [{ id: "org-sales", type: "ORGUNIT" }],
      },
      linkedExternalUser: null,
      issues: [
        { code: "NOT_MAPPED", path: "/contactTagIds/1", message: 'the tag id "tag-unknown" has no tag name' },
      ],
      extras: [
        { path: "/organizations/1", value: { name: "北斗ホールディングス", primary: false } },
        { path: "/createdTime", value: "2026-09-01T10:00:00+09:00" },
        { path: "/modifiedTime", value: "2026-11-20T17:30:00+09:00" },
      ],
    });
  });

  it("R23: an external message contact's nickname and company are read as synced", () => {
    const entry = page.entries[1];
    if (!entry?.ok) throw new Error("expected a record");
    expect(entry.record).toEqual(
      aRecord(
        {
          familyName: "中村",
          givenName: "美咲",
          familyNameReading: "ナカムラ",
          givenNameReading: "ミサキ",
          emails: [{ label: "会社", address: "misaki.nakamura@nansei.example.com" }],
        },
        {
          profile: { nickname: "みさき@南星", company: "南星システム株式会社", photoUrl: null },
          synced: ["nickname", "company"],
        },
      ),
    );
    expect(entry.linkedExternalUser).toEqual({
      id: "32deb574-6a1c-4b2f-9d0e-5c4b3a2f1e0d",
      type: "WORKS",
      buddyUserIds: ["u-tanaka@partnerbook-demo"],
    });
    expect(entry.permission).toEqual({ accessibleRange: "ALL", isCoEditing: false });
  });

  it("a contact with bad values is read without them, each an issue at its JSON path", () => {
    const entry = page.entries[2];
    expect(entry?.ok && entry.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["INVALID_VALUE", "/contactName/lastName"],
      ["INVALID_PHONE", "/telephones/0/telephone"],
      ["INVALID_EMAIL", "/emails/0/email"],
    ]);
  });
});

describe("writing a LINE WORKS contact", () => {
  it("the customer of the fixture, read and written again, is the body it came from less what the API adds (R27 permission passed through)", () => {
    const source = JSON.parse(response).contacts[0];
    const entry = readLineWorksContacts(response, options).entries[0];
    if (!entry?.ok || entry.permission === null) throw new Error("expected a record");
    const { contact, issues } = lineWorksContactOf(entry.record, {
      permission: entry.permission,
      tagIds: new Map([["VIP", "tag-vip"]]),
      customPropertyNames: new Map([
        ["顧客ランク", "customerRank"],
        ["contractNo", "contractNo"],
      ]),
    });
    expect(issues).toEqual([]);
    const {
      contactId,
      linkedExternalUser,
      createdTime,
      modifiedTime,
      organizations: [organization],
      contactTagIds: [knownTag],
      ...rest
    } = source;
    // TWITTER, being retired, is written as X.
    const messengers = [{ ...rest.messengers[0], protocol: { type: "X" } }];
    expect(contact).toEqual({
      ...rest,
      messengers,
      organizations: [organization],
      contactTagIds: [knownTag],
    });
  });
});
