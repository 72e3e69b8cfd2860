// The words of a typical contact: a company, a memo of about 40 characters, a mobile phone;
// drawn with seeded randomness so every run builds the same world.

import { at, prng } from "./seeded.js";

/** An element of `list` chosen by `random`. */
export const pick = <T>(list: readonly T[], random: () => number): T =>
  at(list, Math.floor(random() * list.length));

/** `count` indexes in [0, size), uniformly at random: the order in which a bench visits records. */
export function randomPicks(size: number, count: number, seed: number): Uint32Array {
  const random = prng(seed);
  const picks = new Uint32Array(count);
  for (let i = 0; i < count; i++) picks[i] = Math.floor(random() * size);
  return picks;
}

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
export const emailDomains = ["example.co.jp", "example.jp", "example.com", "example.ne.jp"];
const memoEvents = ["展示会", "商談会", "セミナー", "交流会", "説明会", "新年会"];
const memoTopics = ["新製品", "見積もり", "保守契約", "業務提携", "導入支援", "追加発注", "価格改定"];
const memoWhen = ["来週", "来月", "月末", "来期", "年明け", "連休明け"];
const memoNotes = ["担当者は決裁権あり。", "紹介者は営業部長。", "資料を送付済み。", "要フォロー。"];

export function companyName(random: () => number): string {
  const stem = pick(companyStems, random);
  const industry = pick(industries, random);
  return random() < 0.5 ? `株式会社${stem}${industry}` : `${stem}${industry}株式会社`;
}

/** About 40 characters, e.g. 「4月の展示会で名刺交換。見積もりの件で来月に打ち合わせ予定。資料を送付済み。」 */
export function memo(random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  return `${month}月の${pick(memoEvents, random)}で名刺交換。${pick(memoTopics, random)}の件で${pick(memoWhen, random)}に打ち合わせ予定。${pick(memoNotes, random)}`;
}

/** A Japanese mobile number: typed with hyphens, matched in E.164. */
export function mobile(serial: number): { raw: string; e164: string } {
  const prefix = ["090", "080", "070"][serial % 3] as string;
  const digits = String(10_000_000 + (serial % 90_000_000)).padStart(8, "0");
  return {
    raw: `${prefix}-${digits.slice(0, 4)}-${digits.slice(4)}`,
    e164: `+81${prefix.slice(1)}${digits}`,
  };
}

/** A copy whose strings are fresh flat strings, as parsing a request body gives them. */
export const fresh = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
