const halfWidthKana = /[\uff61-\uff9f]+/g;

/**
 * Half-width katakana widened (ｱﾝﾄﾞｳ → アンドウ) by NFKC, as R28's folding does, and nothing
 * else touched: old phones wrote half-width for want of room, not by choice.
 */
export const widenKana = (text: string): string =>
  text.replace(halfWidthKana, (run) => run.normalize("NFKC"));
