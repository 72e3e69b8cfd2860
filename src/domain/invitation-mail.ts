/** What an invitation email says, in the invitee's language. */
export interface InvitationMailFacts {
  readonly inviterName: string;
  readonly company: string;
  readonly url: string;
  readonly expiresAt: Date;
  readonly locale: "ja" | "en";
  /**
   * The IANA time zone the expiry is shown in: the recipient's. Defaults to `Asia/Tokyo` for
   * Japanese mail and `UTC` for English.
   */
  readonly timeZone?: string | undefined;
}

/** The zone a mail shows times in when the app names none. */
export const defaultMailTimeZone = (locale: "ja" | "en"): string => (locale === "ja" ? "Asia/Tokyo" : "UTC");

// Intl, not a time-zone library: every runtime partnerbook runs on carries the zone data.
const dateIn = (instant: Date, locale: "ja" | "en", timeZone: string) =>
  new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(instant);

const zoneNameIn = (timeZone: string, locale: "ja" | "en") =>
  locale === "ja" && timeZone === "Asia/Tokyo" ? "日本時間" : timeZone;

/**
 * R17: the subject and body of an invitation email, Japanese or English.
 *
 * @example
 * composeInvitationMail({ inviterName: "佐藤 花子", company: "Acme", url, expiresAt, locale: "ja" }).subject
 * // "佐藤 花子さん（Acme）からの招待"
 */
export function composeInvitationMail(facts: InvitationMailFacts): { subject: string; text: string } {
  const zone = facts.timeZone ?? defaultMailTimeZone(facts.locale);
  const until = dateIn(facts.expiresAt, facts.locale, zone);
  const zoneName = zoneNameIn(zone, facts.locale);
  if (facts.locale === "ja") {
    return {
      subject: `${facts.inviterName}さん（${facts.company}）からの招待`,
      text: [
        `${facts.company}の${facts.inviterName}さんから、トークでつながるための招待が届いています。`,
        "",
        "次のリンクを開くと、お互いの顧客/取引先に追加されます。",
        facts.url,
        "",
        `このリンクの有効期限は ${until}（${zoneName}）です。心当たりがない場合は、このメールを破棄してください。`,
      ].join("\n"),
    };
  }
  return {
    subject: `${facts.inviterName} (${facts.company}) invited you to connect`,
    text: [
      `${facts.inviterName} of ${facts.company} invited you to connect and talk.`,
      "",
      "Open this link to add each other as customers/partners:",
      facts.url,
      "",
      `The link works until ${until} (${zoneName}). If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
}
