/**
 * Records handed out by the memory store are shared, not copied; freezing them makes an
 * accidental mutation by a caller throw (in strict mode) instead of corrupting the store.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
