// Worlds for the benchmarks, built fast: records are written straight through
// `store.transaction(tx => tx.….insert(…))` in batches, not through the public API (which
// would parse, check limits and record an event per contact). Everything here goes through the
// `Store` port only, so the same worlds can be built on any adapter: pass its `makeStore`.
//
// The data is typical of a Japanese B2B address book: family and given names in kanji with
// katakana readings, one mobile phone, one email, a company and a memo of about 40 characters.
// About 30% of a book's contacts are linked to external users of a handful of partner
// organisations, the rest are customers typed in by hand. R15 allows one contact per owner and
// external user, so in ONE member's book every linked contact needs its own external member:
// a book of N holds 0.3·N of them, spread over five partner organisations.
//
// Each record goes through a JSON round trip before it is stored, so that its strings are
// separate flat strings as a request body would deliver them, not shared references into the
// name lists (which would flatter the memory figures).
import {
  type Contact,
  type ContactId,
  type CustomerContact,
  createPartnerbook,
  fixedWindowRateLimiter,
  type LinkedContact,
  type Member,
  type MemberId,
  manualClock,
  type Organisation,
  type OrganisationId,
  type Partnerbook,
  privateSharing,
  randomIds,
  type Store,
  type StoreTransaction,
  searchTextOf,
} from "partnerbook";

import { at, fixtureTime, prng } from "./seeded.js";

export { at, fixtureTime, prng };

/** Makes an empty store of the adapter under test. */
export type MakeStore = () => Store | Promise<Store>;

/**
 * When contact `serial` was added (and last changed): a minute apart each, all before
 * `fixtureTime`. Distinct instants, as a real book has, so no two contacts share a Date.
 */
const addedAt = (serial: number) => new Date(fixtureTime.getTime() - (serial % 1_000_000_000) * 60_000);

/** Contacts (or members) per store transaction while filling. */
const batchSize = 5_000;

// ── deterministic randomness ────────────────────────────────────────────────────────────────

const pick = <T>(list: readonly T[], random: () => number): T => at(list, Math.floor(random() * list.length));

/** `count` indexes in [0, size), uniformly at random: the order in which a bench visits records. */
export function randomPicks(size: number, count: number, seed: number): Uint32Array {
  const random = prng(seed);
  const picks = new Uint32Array(count);
  for (let i = 0; i < count; i++) picks[i] = Math.floor(random() * size);
  return picks;
}

// ── names and words ─────────────────────────────────────────────────────────────────────────

type Name = readonly [kanji: string, reading: string, romaji: string];

const surnames: readonly Name[] = [
  ["佐藤", "サトウ", "sato"],
  ["鈴木", "スズキ", "suzuki"],
  ["高橋", "タカハシ", "takahashi"],
  ["田中", "タナカ", "tanaka"],
  ["伊藤", "イトウ", "ito"],
  ["渡辺", "ワタナベ", "watanabe"],
  ["山本", "ヤマモト", "yamamoto"],
  ["中村", "ナカムラ", "nakamura"],
  ["小林", "コバヤシ", "kobayashi"],
  ["加藤", "カトウ", "kato"],
  ["吉田", "ヨシダ", "yoshida"],
  ["山田", "ヤマダ", "yamada"],
  ["佐々木", "ササキ", "sasaki"],
  ["山口", "ヤマグチ", "yamaguchi"],
  ["松本", "マツモト", "matsumoto"],
  ["井上", "イノウエ", "inoue"],
  ["木村", "キムラ", "kimura"],
  ["林", "ハヤシ", "hayashi"],
  ["斎藤", "サイトウ", "saito"],
  ["清水", "シミズ", "shimizu"],
  ["山崎", "ヤマザキ", "yamazaki"],
  ["森", "モリ", "mori"],
  ["池田", "イケダ", "ikeda"],
  ["橋本", "ハシモト", "hashimoto"],
  ["阿部", "アベ", "abe"],
  ["石川", "イシカワ", "ishikawa"],
  ["山下", "ヤマシタ", "yamashita"],
  ["中島", "ナカジマ", "nakajima"],
  ["石井", "イシイ", "ishii"],
  ["小川", "オガワ", "ogawa"],
  ["前田", "マエダ", "maeda"],
  ["岡田", "オカダ", "okada"],
  ["長谷川", "ハセガワ", "hasegawa"],
  ["藤田", "フジタ", "fujita"],
  ["後藤", "ゴトウ", "goto"],
  ["近藤", "コンドウ", "kondo"],
  ["村上", "ムラカミ", "murakami"],
  ["遠藤", "エンドウ", "endo"],
  ["青木", "アオキ", "aoki"],
  ["坂本", "サカモト", "sakamoto"],
  ["斉藤", "サイトウ", "saito"],
  ["福田", "フクダ", "fukuda"],
  ["太田", "オオタ", "ota"],
  ["西村", "ニシムラ", "nishimura"],
  ["藤井", "フジイ", "fujii"],
  ["金子", "カネコ", "kaneko"],
  ["岡本", "オカモト", "okamoto"],
  ["藤原", "フジワラ", "fujiwara"],
  ["中野", "ナカノ", "nakano"],
  ["三浦", "ミウラ", "miura"],
  ["原田", "ハラダ", "harada"],
  ["中川", "ナカガワ", "nakagawa"],
  ["松田", "マツダ", "matsuda"],
  ["竹内", "タケウチ", "takeuchi"],
  ["小野", "オノ", "ono"],
  ["田村", "タムラ", "tamura"],
  ["中山", "ナカヤマ", "nakayama"],
  ["和田", "ワダ", "wada"],
  ["石田", "イシダ", "ishida"],
  ["森田", "モリタ", "morita"],
  ["上田", "ウエダ", "ueda"],
  ["原", "ハラ", "hara"],
  ["内田", "ウチダ", "uchida"],
  ["柴田", "シバタ", "shibata"],
  ["酒井", "サカイ", "sakai"],
  ["宮崎", "ミヤザキ", "miyazaki"],
  ["横山", "ヨコヤマ", "yokoyama"],
  ["高木", "タカギ", "takagi"],
  ["安藤", "アンドウ", "ando"],
  ["宮本", "ミヤモト", "miyamoto"],
  ["大野", "オオノ", "ono"],
  ["小島", "コジマ", "kojima"],
  ["谷口", "タニグチ", "taniguchi"],
  ["今井", "イマイ", "imai"],
  ["工藤", "クドウ", "kudo"],
  ["高田", "タカダ", "takada"],
  ["増田", "マスダ", "masuda"],
  ["丸山", "マルヤマ", "maruyama"],
  ["杉山", "スギヤマ", "sugiyama"],
  ["村田", "ムラタ", "murata"],
  ["大塚", "オオツカ", "otsuka"],
  ["新井", "アライ", "arai"],
  ["小山", "コヤマ", "koyama"],
  ["平野", "ヒラノ", "hirano"],
  ["藤本", "フジモト", "fujimoto"],
  ["河野", "コウノ", "kono"],
  ["上野", "ウエノ", "ueno"],
  ["野口", "ノグチ", "noguchi"],
  ["武田", "タケダ", "takeda"],
  ["松井", "マツイ", "matsui"],
  ["千葉", "チバ", "chiba"],
  ["岩崎", "イワサキ", "iwasaki"],
  ["菅原", "スガワラ", "sugawara"],
  ["木下", "キノシタ", "kinoshita"],
  ["久保", "クボ", "kubo"],
  ["佐野", "サノ", "sano"],
  ["野村", "ノムラ", "nomura"],
  ["松尾", "マツオ", "matsuo"],
  ["市川", "イチカワ", "ichikawa"],
  ["菊地", "キクチ", "kikuchi"],
];

const givenNames: readonly Name[] = [
  ["翔太", "ショウタ", "shota"],
  ["大輔", "ダイスケ", "daisuke"],
  ["拓也", "タクヤ", "takuya"],
  ["健太", "ケンタ", "kenta"],
  ["亮", "リョウ", "ryo"],
  ["直樹", "ナオキ", "naoki"],
  ["和也", "カズヤ", "kazuya"],
  ["達也", "タツヤ", "tatsuya"],
  ["誠", "マコト", "makoto"],
  ["浩二", "コウジ", "koji"],
  ["隆", "タカシ", "takashi"],
  ["剛", "ツヨシ", "tsuyoshi"],
  ["修", "オサム", "osamu"],
  ["博之", "ヒロユキ", "hiroyuki"],
  ["健一", "ケンイチ", "kenichi"],
  ["裕介", "ユウスケ", "yusuke"],
  ["雄太", "ユウタ", "yuta"],
  ["陽翔", "ハルト", "haruto"],
  ["蓮", "レン", "ren"],
  ["悠真", "ユウマ", "yuma"],
  ["大翔", "ヒロト", "hiroto"],
  ["湊", "ミナト", "minato"],
  ["樹", "イツキ", "itsuki"],
  ["蒼", "アオイ", "aoi"],
  ["悠人", "ユウト", "yuto"],
  ["颯太", "ソウタ", "sota"],
  ["陸", "リク", "riku"],
  ["一郎", "イチロウ", "ichiro"],
  ["正人", "マサト", "masato"],
  ["康介", "コウスケ", "kosuke"],
  ["智也", "トモヤ", "tomoya"],
  ["秀樹", "ヒデキ", "hideki"],
  ["義男", "ヨシオ", "yoshio"],
  ["明", "アキラ", "akira"],
  ["勇気", "ユウキ", "yuki"],
  ["俊介", "シュンスケ", "shunsuke"],
  ["信也", "シンヤ", "shinya"],
  ["哲也", "テツヤ", "tetsuya"],
  ["純一", "ジュンイチ", "junichi"],
  ["徹", "トオル", "toru"],
  ["聡", "サトシ", "satoshi"],
  ["光太郎", "コウタロウ", "kotaro"],
  ["慎吾", "シンゴ", "shingo"],
  ["賢治", "ケンジ", "kenji"],
  ["茂", "シゲル", "shigeru"],
  ["克也", "カツヤ", "katsuya"],
  ["拓海", "タクミ", "takumi"],
  ["航", "ワタル", "wataru"],
  ["隼人", "ハヤト", "hayato"],
  ["圭", "ケイ", "kei"],
  ["陽菜", "ヒナ", "hina"],
  ["結衣", "ユイ", "yui"],
  ["美咲", "ミサキ", "misaki"],
  ["さくら", "サクラ", "sakura"],
  ["花子", "ハナコ", "hanako"],
  ["愛", "アイ", "ai"],
  ["彩", "アヤ", "aya"],
  ["真由美", "マユミ", "mayumi"],
  ["恵子", "ケイコ", "keiko"],
  ["由美子", "ユミコ", "yumiko"],
  ["裕子", "ユウコ", "yuko"],
  ["直美", "ナオミ", "naomi"],
  ["明美", "アケミ", "akemi"],
  ["久美子", "クミコ", "kumiko"],
  ["智子", "トモコ", "tomoko"],
  ["洋子", "ヨウコ", "yoko"],
  ["幸子", "サチコ", "sachiko"],
  ["恵", "メグミ", "megumi"],
  ["香織", "カオリ", "kaori"],
  ["麻衣", "マイ", "mai"],
  ["奈々", "ナナ", "nana"],
  ["千尋", "チヒロ", "chihiro"],
  ["遥", "ハルカ", "haruka"],
  ["美穂", "ミホ", "miho"],
  ["沙織", "サオリ", "saori"],
  ["理恵", "リエ", "rie"],
  ["綾香", "アヤカ", "ayaka"],
  ["詩織", "シオリ", "shiori"],
  ["瞳", "ヒトミ", "hitomi"],
  ["紗希", "サキ", "saki"],
  ["凛", "リン", "rin"],
  ["芽依", "メイ", "mei"],
  ["莉子", "リコ", "riko"],
  ["美月", "ミヅキ", "mizuki"],
  ["杏", "アン", "an"],
  ["結菜", "ユイナ", "yuina"],
  ["桜子", "サクラコ", "sakurako"],
  ["真央", "マオ", "mao"],
  ["菜々子", "ナナコ", "nanako"],
  ["楓", "カエデ", "kaede"],
  ["紀子", "ノリコ", "noriko"],
  ["京子", "キョウコ", "kyoko"],
  ["順子", "ジュンコ", "junko"],
  ["由紀", "ユキ", "yuki"],
  ["美香", "ミカ", "mika"],
  ["良子", "リョウコ", "ryoko"],
  ["文子", "フミコ", "fumiko"],
];

/**
 * R28: a hiragana query for the katakana reading ハルト (陽翔): one given name in a hundred,
 * spread evenly over the book's order, so about 1% of contacts match.
 */
export const commonReadingQuery = "はると";
/** A query nothing in the book matches: a page costs a walk over the whole book. */
export const absentQuery = "ぴよぴよ";

const companyStems = [
  "山田",
  "日本",
  "東京",
  "大和",
  "富士",
  "三和",
  "北斗",
  "青葉",
  "光",
  "大洋",
  "中央",
  "新星",
  "みなと",
  "さくら",
  "アクメ",
  "ミライ",
  "サンライズ",
  "グリーン",
  "ユニオン",
  "オリオン",
];
const industries = ["商事", "物産", "工業", "電機", "建設", "システムズ", "製作所", "運輸", "食品", "不動産"];
const emailDomains = ["example.co.jp", "example.jp", "example.com", "example.ne.jp"];
const memoEvents = ["展示会", "商談会", "セミナー", "交流会", "説明会", "新年会"];
const memoTopics = ["新製品", "見積もり", "保守契約", "業務提携", "導入支援", "追加発注", "価格改定"];
const memoWhen = ["来週", "来月", "月末", "来期", "年明け", "連休明け"];
const memoNotes = ["担当者は決裁権あり。", "紹介者は営業部長。", "資料を送付済み。", "要フォロー。"];

function companyName(random: () => number): string {
  const stem = pick(companyStems, random);
  const industry = pick(industries, random);
  return random() < 0.5 ? `株式会社${stem}${industry}` : `${stem}${industry}株式会社`;
}

/** About 40 characters, e.g. 「4月の展示会で名刺交換。見積もりの件で来月に打ち合わせ予定。資料を送付済み。」 */
function memo(random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  return `${month}月の${pick(memoEvents, random)}で名刺交換。${pick(memoTopics, random)}の件で${pick(memoWhen, random)}に打ち合わせ予定。${pick(memoNotes, random)}`;
}

/** A Japanese mobile number: typed with hyphens, matched in E.164. */
function mobile(serial: number): { raw: string; e164: string } {
  const prefix = ["090", "080", "070"][serial % 3] as string;
  const digits = String(10_000_000 + (serial % 90_000_000)).padStart(8, "0");
  return {
    raw: `${prefix}-${digits.slice(0, 4)}-${digits.slice(4)}`,
    e164: `+81${prefix.slice(1)}${digits}`,
  };
}

/** A copy whose strings are fresh flat strings, as parsing a request body gives them. */
const fresh = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// ── records ─────────────────────────────────────────────────────────────────────────────────

const openLinking = { enabled: true, scope: { kind: "all" }, partners: { kind: "any" } } as const;

function organisation(name: string, admin: MemberId): Organisation {
  return {
    id: randomIds.id("organisation") as OrganisationId,
    name,
    plan: "advanced",
    linking: openLinking,
    admins: [admin],
    trashRetentionDays: 30,
    invitationExpiryDays: 14,
    version: 1,
    createdAt: fixtureTime,
  };
}

/** An external (or home) member with a full profile; `serial` makes works ID and phone unique. */
function member(
  organisationId: OrganisationId,
  serial: number,
  domain: string,
  random: () => number,
  id = randomIds.id("member") as MemberId,
): Member {
  const family = pick(surnames, random);
  const given = pick(givenNames, random);
  const phone = mobile(serial);
  const record = fresh({
    id,
    organisationId,
    worksId: `${given[2]}.${family[2]}.${serial}@${domain}`,
    displayName: `${family[0]} ${given[0]}`,
    familyName: family[0],
    givenName: given[0],
    nickname: random() < 0.3 ? `${given[2]}` : null,
    photoUrl: random() < 0.5 ? `https://img.${domain}.example/u/${serial}.jpg` : null,
    mobilePhone: phone,
    email: `${given[2]}.${family[2]}${serial % 1000}@${domain}.example.jp`,
    // R8: 80% allow it; the phone search bench picks among those.
    allowSearchByPhone: random() < 0.8,
    version: 1,
  });
  return { ...record, createdAt: fixtureTime };
}

/** The owner's own fields of a typical contact: names, readings, a phone, an email, a memo. */
function ownerFields(family: Name, given: Name, serial: number, random: () => number) {
  const phone = mobile(serial);
  return {
    familyName: family[0],
    givenName: given[0],
    familyNameReading: family[1],
    givenNameReading: given[1],
    department: null,
    title: null,
    phones: [{ label: "携帯", e164: phone.e164, raw: phone.raw }],
    emails: [
      { label: null, address: `${given[2]}.${family[2]}${serial % 1000}@${pick(emailDomains, random)}` },
    ],
    addresses: [],
    websites: [],
    messengers: [],
    dates: [],
    memo: memo(random),
    tags: [],
    customFields: [],
  };
}

function customerContact(
  owner: MemberId,
  organisationId: OrganisationId,
  serial: number,
  random: () => number,
): CustomerContact {
  const record = fresh({
    id: randomIds.id("contact") as ContactId,
    kind: "customer" as const,
    ownerId: owner,
    organisationId,
    profile: { nickname: null, company: companyName(random), photoUrl: null },
    fields: ownerFields(pick(surnames, random), pick(givenNames, random), serial, random),
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
  });
  const at = addedAt(serial);
  return { ...record, createdAt: at, updatedAt: at };
}

/** A linked contact as `addFromSearch` makes it, then filled in by its owner (readings, memo…). */
function linkedContact(
  owner: MemberId,
  organisationId: OrganisationId,
  target: Member,
  targetOrganisation: Organisation,
  serial: number,
  random: () => number,
): LinkedContact {
  const family = surnames.find((name) => name[0] === target.familyName) ?? pick(surnames, random);
  const given = givenNames.find((name) => name[0] === target.givenName) ?? pick(givenNames, random);
  const record = fresh({
    id: randomIds.id("contact") as ContactId,
    kind: "linked" as const,
    ownerId: owner,
    organisationId,
    targetMemberId: target.id,
    targetOrganisationId: targetOrganisation.id,
    fields: ownerFields(family, given, serial, random),
    synced: { nickname: target.nickname, company: targetOrganisation.name, photoUrl: target.photoUrl },
    groups: [],
    sharing: privateSharing,
    trash: null,
    version: 1,
  });
  const at = addedAt(serial);
  return { ...record, createdAt: at, updatedAt: at };
}

// ── writing ─────────────────────────────────────────────────────────────────────────────────

/** Writes records in batches, one store transaction per batch. */
async function insertAll<T>(
  store: Store,
  count: number,
  make: (index: number) => T,
  insert: (tx: StoreTransaction, record: T) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < count; start += batchSize) {
    const end = Math.min(count, start + batchSize);
    const records: T[] = [];
    for (let i = start; i < end; i++) records.push(make(i));
    await store.transaction(async (tx) => {
      for (const record of records) await insert(tx, record);
    });
  }
}

async function insertOrganisations(store: Store, organisations: readonly Organisation[]): Promise<void> {
  await store.transaction(async (tx) => {
    for (const organisation of organisations) await tx.organisations.insert(organisation);
  });
}

const partnerNames = [
  "株式会社グローベックス",
  "合同会社ミナト物流",
  "アクメ工業株式会社",
  "株式会社北斗システムズ",
  "青葉商事株式会社",
];

/** The partnerbook the benches call: a fixed clock, and a search quota no bench reaches. */
export function benchPartnerbook(store: Store): Partnerbook {
  return createPartnerbook({
    store,
    clock: manualClock(new Date(fixtureTime.getTime() + 24 * 60 * 60 * 1000)),
    // The real fixed-window limiter (same cost per search), with a quota no bench reaches.
    searchLimiter: fixedWindowRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 }),
  });
}

// ── one member's book of N ──────────────────────────────────────────────────────────────────

/** One member's book of `size` contacts, and what the benches need to address it. */
export interface BookWorld {
  readonly store: Store;
  readonly book: Partnerbook;
  readonly size: number;
  /** The member whose book it is. */
  readonly owner: MemberId;
  /** A member of a second, small organisation: it has room to add contacts (R16). */
  readonly outsider: MemberId;
  /** Every contact of the book, in the order written. */
  readonly contactIds: readonly ContactId[];
  /** The external members the book's linked contacts point at. */
  readonly linkedTargets: readonly MemberId[];
  /** External members that allow phone search: their works IDs and typed phones. */
  readonly searchable: { readonly worksIds: readonly string[]; readonly phones: readonly string[] };
  /** External members nobody has added yet, for adds that must create a contact. */
  readonly freshTargets: readonly MemberId[];
  /** `searchTextOf` of every contact (what the store matches queries against), if asked for. */
  readonly searchTexts: readonly string[];
  readonly counts: { readonly customers: number; readonly linked: number; readonly externalMembers: number };
  readonly buildSeconds: number;
}

export interface BookWorldOptions {
  /** External members left unlinked for adds. Default 0. */
  readonly freshTargets?: number;
  /** Keep `searchTextOf` of every contact, for the bare-filter baseline. Default false. */
  readonly keepSearchTexts?: boolean;
  /** Share of linked contacts. Default 0.3. */
  readonly linkedShare?: number;
  readonly seed?: number;
}

/** Builds one member's book of `size` typical contacts. */
export async function buildBookWorld(
  makeStore: MakeStore,
  size: number,
  options: BookWorldOptions = {},
): Promise<BookWorld> {
  const started = performance.now();
  const random = prng(options.seed ?? 20260401);
  const store = await makeStore();
  const linkedShare = options.linkedShare ?? 0.3;
  const freshCount = options.freshTargets ?? 0;

  const ownerId = randomIds.id("member") as MemberId;
  const outsiderId = randomIds.id("member") as MemberId;
  const home = organisation("さくら商事株式会社", ownerId);
  const small = organisation("有限会社こもれび", outsiderId);
  const partners = partnerNames.map((name) => organisation(name, randomIds.id("member") as MemberId));
  await insertOrganisations(store, [home, small, ...partners]);

  const linked = Math.round(size * linkedShare);
  const externalCount = linked + freshCount;
  const externals: Member[] = [];
  const worksIds: string[] = [];
  const phones: string[] = [];
  await insertAll(
    store,
    externalCount + 2,
    (i) => {
      if (i === externalCount) return member(home.id, 9_000_001, "sakura", random, ownerId);
      if (i === externalCount + 1) return member(small.id, 9_000_002, "komorebi", random, outsiderId);
      const partner = at(partners, i % partners.length);
      const record = member(partner.id, i, `partner${i % partners.length}`, random);
      externals.push(record);
      if (record.allowSearchByPhone && record.mobilePhone !== null) {
        worksIds.push(record.worksId);
        phones.push(record.mobilePhone.raw);
      }
      return record;
    },
    (tx, record) => tx.members.insert(record),
  );

  // Kinds are interleaved evenly (every contact i with ⌊(i+1)·share⌋ > ⌊i·share⌋ is linked), so
  // every slice of the book — and every page — holds the same mix.
  const contactIds: ContactId[] = [];
  const linkedTargets: MemberId[] = [];
  const searchTexts: string[] = [];
  let nextTarget = 0;
  await insertAll(
    store,
    size,
    (i): Contact => {
      const isLinked = Math.floor((i + 1) * linkedShare) > Math.floor(i * linkedShare);
      let contact: Contact;
      if (isLinked) {
        const target = at(externals, nextTarget++);
        const targetOrganisation = at(
          partners,
          partners.findIndex((p) => p.id === target.organisationId),
        );
        contact = linkedContact(ownerId, home.id, target, targetOrganisation, 1_000_000 + i, random);
        linkedTargets.push(target.id);
      } else {
        contact = customerContact(ownerId, home.id, 1_000_000 + i, random);
      }
      contactIds.push(contact.id);
      if (options.keepSearchTexts) searchTexts.push(searchTextOf(contact));
      return contact;
    },
    (tx, contact) => tx.contacts.insert(contact),
  );
  const freshTargets = externals.slice(nextTarget).map((target) => target.id);
  return {
    store,
    book: benchPartnerbook(store),
    size,
    owner: ownerId,
    outsider: outsiderId,
    contactIds,
    linkedTargets,
    searchable: { worksIds, phones },
    freshTargets,
    searchTexts,
    counts: {
      customers: size - linkedTargets.length,
      linked: linkedTargets.length,
      externalMembers: externalCount,
    },
    buildSeconds: (performance.now() - started) / 1000,
  };
}

// ── many owners, a few popular external members (sync fan-out) ─────────────────────────────

/** A store of `total` contacts over many owners, with external members linked from `k` each. */
export interface SyncWorld {
  readonly store: Store;
  readonly book: Partnerbook;
  readonly total: number;
  readonly owners: number;
  /** For each fan-out `k`, an external member linked from exactly `k` contacts. */
  readonly targets: ReadonlyMap<number, MemberId>;
  readonly buildSeconds: number;
}

/**
 * `owners` members of one organisation share `total` contacts evenly; for each `k` in `fanOuts`,
 * owners 0…k−1 each hold one contact linked to that k's external member (R15: one per owner).
 * The rest are 30% linked to a pool of 1,000 other external members, 70% customers.
 */
export async function buildSyncWorld(
  makeStore: MakeStore,
  total: number,
  fanOuts: readonly number[],
  options: { readonly owners?: number; readonly seed?: number } = {},
): Promise<SyncWorld> {
  const started = performance.now();
  const random = prng(options.seed ?? 20260402);
  const ownerCount = options.owners ?? Math.max(...fanOuts);
  const perOwner = Math.floor(total / ownerCount);
  if (perOwner < fanOuts.length || perOwner * ownerCount !== total || Math.max(...fanOuts) > ownerCount) {
    throw new Error(`cannot spread ${total} contacts over ${ownerCount} owners with fan-outs ${fanOuts}`);
  }
  const store = await makeStore();
  const ownerIds = Array.from({ length: ownerCount }, () => randomIds.id("member") as MemberId);
  const home = organisation("さくら商事株式会社", at(ownerIds, 0));
  const partners = partnerNames.map((name) => organisation(name, randomIds.id("member") as MemberId));
  await insertOrganisations(store, [home, ...partners]);
  await insertAll(
    store,
    ownerCount,
    (i) => member(home.id, 8_000_000 + i, "sakura", random, at(ownerIds, i)),
    (tx, record) => tx.members.insert(record),
  );
  const poolSize = 1_000;
  const externals: Member[] = [];
  await insertAll(
    store,
    poolSize + fanOuts.length,
    (i) => {
      const record = member(at(partners, i % partners.length).id, i, `partner${i % partners.length}`, random);
      externals.push(record);
      return record;
    },
    (tx, record) => tx.members.insert(record),
  );
  const pool = externals.slice(0, poolSize);
  const popular = externals.slice(poolSize);
  const partnerOf = (target: Member) =>
    at(
      partners,
      partners.findIndex((p) => p.id === target.organisationId),
    );

  await insertAll(
    store,
    total,
    (i): Contact => {
      const ownerIndex = Math.floor(i / perOwner);
      const slot = i % perOwner;
      const owner = at(ownerIds, ownerIndex);
      const serial = 1_000_000 + i;
      if (slot < fanOuts.length) {
        const k = at(fanOuts, slot);
        if (ownerIndex < k) {
          const target = at(popular, slot);
          return linkedContact(owner, home.id, target, partnerOf(target), serial, random);
        }
      }
      if (random() < 0.3) {
        const target = at(pool, (ownerIndex * 31 + slot) % poolSize);
        return linkedContact(owner, home.id, target, partnerOf(target), serial, random);
      }
      return customerContact(owner, home.id, serial, random);
    },
    (tx, contact) => tx.contacts.insert(contact),
  );
  return {
    store,
    book: benchPartnerbook(store),
    total,
    owners: ownerCount,
    targets: new Map(fanOuts.map((k, slot) => [k, at(popular, slot).id])),
    buildSeconds: (performance.now() - started) / 1000,
  };
}
