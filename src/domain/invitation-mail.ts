/** What an invitation email says, in the invitee's language. */
export interface InvitationMailFacts {
  readonly inviterName: string;
  readonly company: string;
  readonly url: string;
  readonly expiresAt: Date;
  readonly locale: "ja" | "en";
}

const dateIn = (instant: Date, locale: "ja" | "en") =>
  new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(instant);

/**
 * R17: the subject and body of an invitation email, Japanese or English.
 *
 * @example
 * composeInvitationMail({ inviterName: "佐藤 花子", company: "Acme", url, expiresAt, locale: "ja" }).subject
 * // "佐藤 花子さん（Acme）からの招待"
 */
export function composeInvitationMail(facts: InvitationMailFacts): { subject: string; text: string } {
  const until = dateIn(facts.expiresAt, facts.locale);
  if (facts.locale === "ja") {
    return {
      subject: `${facts.inviterName}さん（${facts.company}）からの招待`,
      text: [
        `${facts.company}の${facts.inviterName}さんから、トークでつながるための招待が届いています。`,
        "",
        "次のリンクを開くと、お互いの顧客/取引先に追加されます。",
        facts.url,
        "",
        `このリンクの有効期限は ${until}（UTC）です。心当たりがない場合は、このメールを破棄してください。`,
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
      `The link works until ${until} (UTC). If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
}
