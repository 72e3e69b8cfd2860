/** Index of `value` in the ascending array `ids`, or where it would be inserted. */
export function lowerBound(ids: readonly string[], value: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Inserts `value` into the ascending array `ids` unless it is already there. */
export function insertSorted(ids: string[], value: string): void {
  const at = lowerBound(ids, value);
  if (ids[at] !== value) ids.splice(at, 0, value);
}

/** Removes `value` from the ascending array `ids` if it is there. */
export function removeSorted(ids: string[], value: string): void {
  const at = lowerBound(ids, value);
  if (ids[at] === value) ids.splice(at, 1);
}
