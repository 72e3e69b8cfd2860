// What the people in a company world are called and what their owners note about them, drawn
// so that every query the scale benches search for hits the SAME fraction of a book at every
// size: a page's cost at 1M over its cost at 10k then compares like with like.
//
// The query words appear nowhere else: 渡辺/ワタナベ and 山田/ヤマダ only as surnames (no other
// surname, company, department or memo holds them, and no given name starts with 田 or なべ to
// make one across the family + given join), the rare term only in the memos chosen for it.
import { at } from "../../bench/seeded.js";
import { foldForSearch } from "../../src/domain/folding.js";

/** A person's name in kanji with its katakana reading, as an owner types it. */
export interface PersonName {
  readonly family: string;
  readonly familyReading: string;
  readonly given: string;
  readonly givenReading: string;
}

type Written = readonly [kanji: string, reading: string];

/** "佐藤/サトウ 鈴木/スズキ …" → pairs: long lists stay a few lines. */
const pairs = (list: string): readonly Written[] =>
  list
    .split(/\s+/)
    .filter((entry) => entry !== "")
    .map((entry) => entry.split("/") as unknown as Written);

const commonSurname: Written = ["渡辺", "ワタナベ"];
const twoKanjiSurname: Written = ["山田", "ヤマダ"];
/** Fractions of all contacts (and members) with each query surname. */
const commonShare = 0.05;
const twoKanjiShare = 0.02;

const otherSurnames = pairs(`
  佐藤/サトウ 鈴木/スズキ 高橋/タカハシ 田中/タナカ 伊藤/イトウ 山本/ヤマモト 中村/ナカムラ 小林/コバヤシ
  加藤/カトウ 吉田/ヨシダ 佐々木/ササキ 山口/ヤマグチ 松本/マツモト 井上/イノウエ 木村/キムラ 林/ハヤシ
  斎藤/サイトウ 清水/シミズ 山崎/ヤマザキ 森/モリ 池田/イケダ 橋本/ハシモト 阿部/アベ 石川/イシカワ
  山下/ヤマシタ 中島/ナカジマ 石井/イシイ 小川/オガワ 前田/マエダ 岡田/オカダ 長谷川/ハセガワ 藤田/フジタ
  後藤/ゴトウ 近藤/コンドウ 村上/ムラカミ 遠藤/エンドウ 青木/アオキ 坂本/サカモト 福田/フクダ 太田/オオタ
  西村/ニシムラ 藤井/フジイ 金子/カネコ 岡本/オカモト 藤原/フジワラ 中野/ナカノ 三浦/ミウラ 原田/ハラダ
  中川/ナカガワ 松田/マツダ 竹内/タケウチ 小野/オノ 田村/タムラ 中山/ナカヤマ 和田/ワダ 石田/イシダ
  森田/モリタ 上田/ウエダ 内田/ウチダ 柴田/シバタ 酒井/サカイ 宮崎/ミヤザキ 横山/ヨコヤマ 高木/タカギ
`);

const givenNames = pairs(`
  翔太/ショウタ 大輔/ダイスケ 拓也/タクヤ 健太/ケンタ 亮/リョウ 直樹/ナオキ 和也/カズヤ 達也/タツヤ
  誠/マコト 浩二/コウジ 隆/タカシ 剛/ツヨシ 修/オサム 博之/ヒロユキ 健一/ケンイチ 裕介/ユウスケ
  陽翔/ハルト 蓮/レン 悠真/ユウマ 湊/ミナト 樹/イツキ 蒼/アオイ 陸/リク 一郎/イチロウ 正人/マサト
  陽菜/ヒナ 結衣/ユイ 美咲/ミサキ さくら/サクラ 花子/ハナコ 愛/アイ 彩/アヤ 真由美/マユミ 恵子/ケイコ
  裕子/ユウコ 直美/ナオミ 明美/アケミ 智子/トモコ 洋子/ヨウコ 幸子/サチコ 香織/カオリ 麻衣/マイ
  千尋/チヒロ 遥/ハルカ 美穂/ミホ 沙織/サオリ 理恵/リエ 綾香/アヤカ 詩織/シオリ 瞳/ヒトミ 凛/リン
`);

const companyStems =
  "日本 東京 大和 富士 三和 北斗 青葉 光 大洋 中央 新星 みなと さくら ミライ オリオン".split(" ");
const industries = "商事 物産 工業 電機 建設 システムズ 製作所 運輸 食品 不動産".split(" ");
const departments = "営業部 営業企画部 総務部 経理部 人事部 開発部 技術部 購買部 広報部 海外事業部".split(
  " ",
);
const titles = "部長 課長 係長 主任 担当".split(" ");
const memoEvents = "展示会 商談会 セミナー 交流会 説明会".split(" ");
const memoTopics = "新製品 見積もり 保守契約 業務提携 導入支援 追加発注 価格改定".split(" ");
const memoWhen = "来週 来月 月末 来期 年明け".split(" ");

/** The rare term, in the memo of one contact in {@link rareEvery}. */
const rareTerm = "ロケット";
export const rareEvery = 10_000;

/**
 * The queries the benches search for, folded as `foldForSearch` folds a typed query — what
 * `BookQuery.text` holds. Shares are of the whole book (the world counts its actual matches).
 */
export const companyQueries = {
  /** Nothing holds it: the page costs a walk over everything the viewer sees. */
  none: foldForSearch("ぴよぴよ"),
  /** One contact in 10,000, by a memo keyword. */
  rare: foldForSearch(rareTerm),
  /** R28: the hiragana of a common surname's katakana reading, about 5%. */
  common: foldForSearch("わたなべ"),
  /** A two-kanji surname, about 2%. */
  twoKanji: foldForSearch(twoKanjiSurname[0]),
  /** Two kana that many readings hold (ヤマモト, ナカヤマ, ヤマダ…): too short for trigrams. */
  kana: foldForSearch("やま"),
} as const;

export type QueryName = keyof typeof companyQueries;

const pick = <T>(list: readonly T[], random: () => number): T => at(list, Math.floor(random() * list.length));

export function personName(random: () => number): PersonName {
  const draw = random();
  const [family, familyReading] =
    draw < commonShare
      ? commonSurname
      : draw < commonShare + twoKanjiShare
        ? twoKanjiSurname
        : pick(otherSurnames, random);
  const [given, givenReading] = pick(givenNames, random);
  return { family, familyReading, given, givenReading };
}

export function companyName(random: () => number): string {
  const name = `${pick(companyStems, random)}${pick(industries, random)}`;
  return random() < 0.5 ? `株式会社${name}` : `${name}株式会社`;
}

export const department = (random: () => number): string => pick(departments, random);

export const title = (random: () => number): string | null => (random() < 0.6 ? pick(titles, random) : null);

/** About 35 characters; `rare` adds the rare term. */
export function memo(random: () => number, rare: boolean): string {
  const month = 1 + Math.floor(random() * 12);
  const met = `${month}月の${pick(memoEvents, random)}で名刺交換。`;
  const next = `${pick(memoTopics, random)}の件で${pick(memoWhen, random)}に打ち合わせ予定。`;
  return rare ? `${met}${rareTerm}部品の引き合いあり。${next}` : `${met}${next}`;
}
