import type { GroupId, MemberId } from "../../domain/ids.js";
import type { Party } from "../../domain/linking.js";
import type { MemberRepository } from "../../ports/store.js";
import { fromJsonb, memberCodec, organisationCodec, type Row } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { deleteRecord, getById, insertRecord, select, selectRecords, updateRecord } from "./statements.js";

/**
 * R10: the parties of the members `match` selects (a condition on `c`, a member), in id order —
 * or, when it selects none, `standIn`'s. One statement, and one party's worth of work at least,
 * whether the member exists or not (see the port).
 */
async function selectCandidates(
  sql: SqlQueryable,
  match: string,
  params: unknown[],
  standIn: MemberId,
): Promise<Party[]> {
  const rows = await select(
    sql,
    `with found as (select c.id from partnerbook_members c where ${match}),
       wanted as (select id from found
                  union all
                  select $${params.length + 1}::text collate "C" where not exists (select from found))
     select to_jsonb(m) as member, to_jsonb(o) as organisation
     from wanted w
       join partnerbook_members m on m.id = w.id
       join partnerbook_organisations o on o.id = m.organisation_id
     order by m.id`,
    [...params, standIn],
  );
  return rows.map((row) => ({
    member: memberCodec.read(fromJsonb<Row>(row.member)),
    organisation: organisationCodec.read(fromJsonb<Row>(row.organisation)),
  }));
}

export function memberRepository(sql: SqlQueryable): MemberRepository {
  return {
    get: (id, options) => getById(sql, memberCodec, id, options),
    // One round trip for what every use-case loads about its actor.
    getParty: async (id) => {
      const [row] = await select(
        sql,
        `select to_jsonb(m) as member, to_jsonb(o) as organisation,
           array(select g.id from partnerbook_groups g where g.members @> jsonb_build_array(m.id)
                 order by g.name, g.id) as group_ids
         from partnerbook_members m join partnerbook_organisations o on o.id = m.organisation_id
         where m.id = $1`,
        [id],
      );
      if (row === undefined) return null;
      return {
        member: memberCodec.read(fromJsonb<Row>(row.member)),
        organisation: organisationCodec.read(fromJsonb<Row>(row.organisation)),
        groupIds: row.group_ids as GroupId[],
      };
    },
    listByOrganisation: (organisationId, { after, limit }) =>
      after === null
        ? selectRecords(sql, memberCodec, "where organisation_id = $1 order by id limit $2", [
            organisationId,
            limit,
          ])
        : selectRecords(sql, memberCodec, "where organisation_id = $1 and id > $2 order by id limit $3", [
            organisationId,
            after,
            limit,
          ]),
    findByWorksId: async (normalised) =>
      (await selectRecords(sql, memberCodec, "where works_id_key = $1", [normalised]))[0] ?? null,
    findByPhone: (e164) =>
      selectRecords(sql, memberCodec, "where mobile_phone_e164 = $1 order by id", [e164]),
    findCandidatesByWorksId: (normalised, standIn) =>
      selectCandidates(sql, "c.works_id_key = $1", [normalised], standIn),
    // R8: filtered in the statement, so a member who does not allow it is never read out.
    findCandidatesByPhone: (e164, standIn) =>
      selectCandidates(sql, "c.mobile_phone_e164 = $1 and c.allow_search_by_phone", [e164], standIn),
    findByEmail: (email) =>
      selectRecords(sql, memberCodec, "where email_key = $1 order by id", [email.toLowerCase()]),
    insert: (member) => insertRecord(sql, memberCodec, member),
    update: (member, expected) => updateRecord(sql, memberCodec, member, expected),
    delete: (id, expected) => deleteRecord(sql, memberCodec.table, id, expected),
  };
}
