import type { InvitationRepository } from "../../ports/store.js";
import { invitationCodec } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { getById, insertRecord, lockClause, selectRecords, updateRecord } from "./statements.js";

export function invitationRepository(sql: SqlQueryable): InvitationRepository {
  return {
    get: (id, options) => getById(sql, invitationCodec, id, options),
    findByTokenHash: async (hash, options) =>
      (await selectRecords(sql, invitationCodec, `where token_hash = $1${lockClause(options)}`, [hash]))[0] ??
      null,
    findByInviterAndEmail: async (inviterId, email, options) =>
      (
        await selectRecords(
          sql,
          invitationCodec,
          `where inviter_id = $1 and email = $2${lockClause(options)}`,
          [inviterId, email],
        )
      )[0] ?? null,
    listByInviter: (inviterId) =>
      selectRecords(sql, invitationCodec, "where inviter_id = $1 order by created_at desc, id desc", [
        inviterId,
      ]),
    insert: (invitation) => insertRecord(sql, invitationCodec, invitation),
    update: (invitation, expected) => updateRecord(sql, invitationCodec, invitation, expected),
  };
}
