/**
 * A bounded cache with least-recently-used-like eviction, in two generations: entries are added to
 * `young`; when `young` reaches half the capacity it becomes `old` and the previous `old` is dropped
 * whole; a hit in `old` moves the entry back to `young`. So anything used within the last
 * capacity/2 insertions stays, and the total never exceeds the capacity.
 *
 * Why not one Map in insertion order (delete + re-set on hit, evict `keys().next()`): V8 leaves
 * deleted Map slots in place until a rehash, and finding the oldest entry walks over all of them,
 * which made every eviction O(n) and a 300k-node commit take tens of seconds. Dropping a whole
 * generation is O(1) per insertion. Iteration order never reaches anything hashed.
 */
export class LruCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`invalid cache capacity: ${capacity}`);
    this.half = Math.max(1, Math.floor(capacity / 2));
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.insert(key, o);
    }
    return o;
  }

  set(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.old.delete(key);
    this.insert(key, value);
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  private insert(key: K, value: V): void {
    if (!this.young.has(key) && this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
