// The world the callers work in, built through the API: organisations with their admin, and
// customer contacts.
import type { ContactId, Member, MemberId, Organisation, Partnerbook } from "partnerbook";

/** A customer contact as a caller would type it in; `n` makes phone and email unique. */
function customerInput(n: number) {
  const digits = String(10_000_000 + n).slice(-8);
  return {
    familyName: "山田",
    givenName: `太郎${n}`,
    familyNameReading: "ヤマダ",
    givenNameReading: "タロウ",
    phones: [{ number: `090-${digits.slice(0, 4)}-${digits.slice(4)}` }],
    emails: [{ address: `taro${n}@example.co.jp` }],
    company: "株式会社サンプル商事",
    memo: "初回登録",
  };
}

/** An organisation on the standard plan, created through the API, and its admin. */
export async function createOrganisation(
  book: Partnerbook,
  name: string,
  worksId: string,
  nickname?: string,
): Promise<{ organisation: Organisation; admin: Member }> {
  return book.organisations.create({
    name,
    plan: "standard",
    admin: { worksId, displayName: `${name} 管理者`, ...(nickname === undefined ? {} : { nickname }) },
  });
}

/** Each admin adds `count` customer contacts (admins in parallel); their ids, per admin. */
export async function addCustomers(
  book: Partnerbook,
  admins: readonly MemberId[],
  count: number,
  serialBase: number,
): Promise<ContactId[][]> {
  return Promise.all(
    admins.map(async (admin, a) => {
      const ids: ContactId[] = [];
      for (let i = 0; i < count; i++) {
        const contact = await book.contacts.addCustomer(admin, customerInput(serialBase + a * count + i));
        ids.push(contact.id);
      }
      return ids;
    }),
  );
}
