import type { MemberId } from "../../domain/ids.js";
import { PartnerbookError } from "../../errors.js";
import type {
  EventRepository,
  GroupRepository,
  InvitationRepository,
  MemberRepository,
  OrganisationRepository,
  QrCodeRepository,
  Store,
  StoreTransaction,
} from "../../ports/store.js";
import { contactRepository } from "./contacts.js";
import {
  eventParams,
  groupCodec,
  invitationCodec,
  memberCodec,
  organisationCodec,
  readEvent,
} from "./rows.js";
import type { SqlClient, SqlQueryable } from "./sql-client.js";
import { storeError } from "./sql-errors.js";
import { deleteRecord, getById, insertRecord, select, selectRecords, updateRecord } from "./statements.js";

function organisationRepository(sql: SqlQueryable): OrganisationRepository {
  return {
    get: (id) => getById(sql, organisationCodec, id),
    insert: (organisation) => insertRecord(sql, organisationCodec, organisation),
    update: (organisation, expected) => updateRecord(sql, organisationCodec, organisation, expected),
  };
}

function memberRepository(sql: SqlQueryable): MemberRepository {
  return {
    get: (id) => getById(sql, memberCodec, id),
    findByWorksId: async (normalised) =>
      (await selectRecords(sql, memberCodec, "where works_id_key = $1", [normalised]))[0] ?? null,
    findByPhone: (e164) =>
      selectRecords(sql, memberCodec, "where mobile_phone_e164 = $1 order by id", [e164]),
    findByEmail: (email) =>
      selectRecords(sql, memberCodec, "where email_key = $1 order by id", [email.toLowerCase()]),
    insert: (member) => insertRecord(sql, memberCodec, member),
    update: (member, expected) => updateRecord(sql, memberCodec, member, expected),
    delete: (id, expected) => deleteRecord(sql, memberCodec.table, id, expected),
  };
}

function groupRepository(sql: SqlQueryable): GroupRepository {
  return {
    get: (id) => getById(sql, groupCodec, id),
    listByOrganisation: (organisationId) =>
      selectRecords(sql, groupCodec, "where organisation_id = $1 order by name, id", [organisationId]),
    listByMember: (memberId) =>
      selectRecords(sql, groupCodec, "where members @> jsonb_build_array($1::text) order by name, id", [
        memberId,
      ]),
    insert: (group) => insertRecord(sql, groupCodec, group),
    update: (group, expected) => updateRecord(sql, groupCodec, group, expected),
    delete: (id, expected) => deleteRecord(sql, groupCodec.table, id, expected),
  };
}

function invitationRepository(sql: SqlQueryable): InvitationRepository {
  return {
    get: (id) => getById(sql, invitationCodec, id),
    findByTokenHash: async (hash) =>
      (await selectRecords(sql, invitationCodec, "where token_hash = $1", [hash]))[0] ?? null,
    findByInviterAndEmail: async (inviterId, email) =>
      (
        await selectRecords(sql, invitationCodec, "where inviter_id = $1 and email = $2", [inviterId, email])
      )[0] ?? null,
    listByInviter: (inviterId) =>
      selectRecords(sql, invitationCodec, "where inviter_id = $1 order by created_at desc, id desc", [
        inviterId,
      ]),
    insert: (invitation) => insertRecord(sql, invitationCodec, invitation),
    update: (invitation, expected) => updateRecord(sql, invitationCodec, invitation, expected),
  };
}

function qrCodeRepository(sql: SqlQueryable): QrCodeRepository {
  return {
    findMember: async (token) => {
      const [row] = await select(sql, "select member_id from partnerbook_qr_codes where token = $1", [token]);
      return row === undefined ? null : (row.member_id as MemberId);
    },
    get: async (memberId) => {
      const [row] = await select(sql, "select token from partnerbook_qr_codes where member_id = $1", [
        memberId,
      ]);
      return row === undefined ? null : (row.token as string);
    },
    // R13: a new token replaces the member's old one. A token already issued, to anyone,
    // even to this member, is never issued again: CONFLICT (another member: unique index).
    set: async (memberId, token) => {
      const written = await select(
        sql,
        `insert into partnerbook_qr_codes (member_id, token) values ($1, $2)
         on conflict (member_id) do update set token = excluded.token
         where partnerbook_qr_codes.token <> excluded.token
         returning member_id`,
        [memberId, token],
      );
      if (written.length === 0) throw new PartnerbookError("CONFLICT", "token already issued");
    },
  };
}

function eventRepository(sql: SqlQueryable): EventRepository {
  return {
    // R35: taking the next number locks the counter row until this transaction ends, so the
    // log has no gaps and sequences become visible in order.
    append: async (event) => {
      const [row] = await select(
        sql,
        `with next as (
           update partnerbook_event_counter set last_sequence = last_sequence + 1 returning last_sequence
         )
         insert into partnerbook_events (sequence, id, type, at, actor_id, payload)
         select last_sequence, $1, $2, $3, $4, $5::jsonb from next
         returning sequence, id, type, at, actor_id, payload`,
        eventParams(event),
      );
      if (row === undefined) throw new Error("partnerbook_event_counter has no row: run migrate()");
      return readEvent(row);
    },
    list: async ({ after, limit }) =>
      (
        await select(
          sql,
          `select sequence, id, type, at, actor_id, payload from partnerbook_events
           where sequence > $1 order by sequence limit $2`,
          [after, limit],
        )
      ).map(readEvent),
  };
}

function repositories(sql: SqlQueryable): StoreTransaction {
  return {
    organisations: organisationRepository(sql),
    members: memberRepository(sql),
    groups: groupRepository(sql),
    contacts: contactRepository(sql),
    invitations: invitationRepository(sql),
    qrCodes: qrCodeRepository(sql),
    events: eventRepository(sql),
  };
}

/**
 * A {@link Store} on PostgreSQL (a server through node-postgres, or PGlite). Each
 * `transaction` is one SQL transaction at the database's isolation level (READ COMMITTED by
 * default): writes are checked against the version read (`WHERE id = $1 AND version = $2`), so
 * of two transactions updating one record, the second waits for the first and then fails with
 * `CONFLICT`. Run {@link migrate} once before use.
 *
 * A statement PostgreSQL refuses (a duplicate key, a foreign key) aborts the SQL transaction:
 * the repository throws `CONFLICT`, and unlike the memory store the transaction cannot carry
 * on after catching it — it rolls back and `transaction` throws `CONFLICT` even if `fn` did not.
 *
 * @example
 * const client = fromPg(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(client);
 * const book = createPartnerbook({ store: postgresStore(client) });
 */
export function postgresStore(client: SqlClient): Store {
  return {
    async transaction(fn) {
      try {
        return await client.transaction(async (sql) => {
          let failed: unknown = null;
          const guarded: SqlQueryable = {
            query: (text, params) =>
              sql.query(text, params).catch((error: unknown) => {
                failed ??= error;
                throw storeError(error);
              }),
          };
          const result = await fn(repositories(guarded));
          if (failed !== null) {
            throw new PartnerbookError(
              "CONFLICT",
              "a statement of this transaction failed, so none of it was kept",
            );
          }
          return result;
        });
      } catch (error) {
        // COMMIT itself may fail (a serialisation failure, a deferred constraint).
        throw storeError(error);
      }
    },
  };
}
