// The measured callers: one editing memos through partnerbook, one running the plain UPDATE it
// is compared with.
import type { ContactId, MemberId, Partnerbook } from "partnerbook";
import type pg from "pg";
import type { Step } from "./concurrency-windows.js";

const memos = [
  "4月の展示会で名刺交換。見積もりの件で来月に打ち合わせ予定。資料を送付済み。",
  "商談会で紹介を受けた。保守契約の件で来週に再訪予定。担当者は決裁権あり。",
] as const;
/** The memo an edit at `version` writes: always different from the one stored at that version. */
const memoAt = (version: number) => memos[version & 1] as string;

const plainUpdate = `update partnerbook_contacts
  set fields = jsonb_set(fields, '{memo}', to_jsonb($1::text)), version = version + 1, updated_at = now()
  where id = $2 and version = $3 returning version`;

/** A caller editing `ids` round-robin through partnerbook; `versions` is shared with the plain caller. */
export function partnerbookEditor(
  book: Partnerbook,
  actor: MemberId,
  ids: readonly ContactId[],
  versions: Map<ContactId, number>,
): Step {
  let next = 0;
  return async () => {
    const id = ids[next++ % ids.length] as ContactId;
    const version = versions.get(id) ?? 1;
    const edited = await book.contacts.edit(
      actor,
      id,
      { memo: memoAt(version) },
      { expectedVersion: version },
    );
    if (edited.version !== version + 1)
      throw new Error(`edit of ${id} did not write (version ${edited.version})`);
    versions.set(id, edited.version);
  };
}

/** A caller running the plain UPDATE over `ids` round-robin. */
export function plainEditor(
  pool: pg.Pool,
  ids: readonly ContactId[],
  versions: Map<ContactId, number>,
): Step {
  let next = 0;
  return async () => {
    const id = ids[next++ % ids.length] as ContactId;
    const version = versions.get(id) ?? 1;
    const { rows } = await pool.query(plainUpdate, [memoAt(version), id, version]);
    if (rows.length !== 1) throw new Error(`plain update of ${id} at version ${version} matched nothing`);
    versions.set(id, Number(rows[0]?.version));
  };
}
