/**
 * A bounded in-memory map whose entries expire. Least recently used entries are dropped first
 * when it is full. Time is a parameter (milliseconds), so callers and tests own the clock.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(readonly maxEntries: number) {}

  /** The live value under `key`, or undefined; a hit becomes the most recently used. */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` until `expiresAt`; an entry already expired is not stored. */
  set(key: string, value: V, expiresAt: number, now: number): void {
    this.entries.delete(key);
    if (expiresAt <= now) {
      return;
    }
    this.entries.set(key, { value, expiresAt });
    this.evict(now);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(now: number): void {
    if (this.entries.size <= this.maxEntries) {
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
      }
    }
    // Map iteration order is insertion order, and `get` re-inserts: the first key is the LRU.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) {
        break;
      }
      this.entries.delete(key);
    }
  }
}
