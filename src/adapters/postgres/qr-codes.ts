import type { MemberId } from "../../domain/ids.js";
import { PartnerbookError } from "../../errors.js";
import type { QrCodeRepository } from "../../ports/store.js";
import { text } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { select } from "./statements.js";

export function qrCodeRepository(sql: SqlQueryable): QrCodeRepository {
  return {
    // R20: only the token's hash is stored, and looked up.
    findMember: async (tokenHash) => {
      const [row] = await select(sql, "select member_id from partnerbook_qr_codes where token_hash = $1", [
        tokenHash,
      ]);
      return row === undefined ? null : (row.member_id as MemberId);
    },
    get: async (memberId) => {
      const [row] = await select(
        sql,
        "select generation, token_hash from partnerbook_qr_codes where member_id = $1",
        [memberId],
      );
      return row === undefined
        ? null
        : { generation: Number(row.generation), tokenHash: text(row.token_hash) };
    },
    // R13: a new code replaces the member's old one. A token already issued, to anyone,
    // even to this member, is never issued again: CONFLICT (another member: unique index).
    set: async (memberId, { generation, tokenHash }) => {
      const written = await select(
        sql,
        `insert into partnerbook_qr_codes (member_id, generation, token_hash) values ($1, $2, $3)
         on conflict (member_id) do update
           set generation = excluded.generation, token_hash = excluded.token_hash
         where partnerbook_qr_codes.token_hash <> excluded.token_hash
         returning member_id`,
        [memberId, generation, tokenHash],
      );
      if (written.length === 0) throw new PartnerbookError("CONFLICT", "token already issued");
    },
  };
}
