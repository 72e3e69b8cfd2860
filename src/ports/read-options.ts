/** How a repository reads: `lock` holds the record(s) read until the transaction ends. */
export interface ReadOptions {
  readonly lock?: boolean;
}
