// What the purge bench's contacts on every store share: their surnames, and the length of a day.
export const day = 24 * 60 * 60 * 1000;
export const surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];
