/**
 * An ordered map keyed by bytes (memcmp order): a copy-on-write B+ tree.
 *
 * Why this shape: a block branch can receive 100k writes, so inserts must be O(log n) (a sorted
 * array would be O(n) per insert), and iterators must see the map as it was when they were created
 * while writes continue. `snapshot()` is O(1): it hands out the current root and switches the map to
 * a fresh owner token, so later writes copy the few nodes on their path instead of touching nodes a
 * snapshot can still reach. Writes with no snapshot outstanding mutate nodes in place (no copying).
 *
 * There is no removal: cache layers record deletes as tombstone values and drop the whole map on
 * `write()`, so the tree only grows, which keeps it simple (no merging/borrowing).
 */
import { compareBytes } from "./bytes";
import type { Bytes } from "./types";

/** Entries per leaf / children per branch before a split. */
const MAX_NODE = 64;

interface Owner {
  readonly tag: "owner";
}

interface LeafNode<V> {
  readonly leaf: true;
  owner: Owner;
  keys: Bytes[];
  vals: V[];
}

interface BranchNode<V> {
  readonly leaf: false;
  owner: Owner;
  /** keys[i] is a lower bound of every key in children[i + 1] and greater than every key in children[i]. */
  keys: Bytes[];
  children: TreeNode<V>[];
}

type TreeNode<V> = LeafNode<V> | BranchNode<V>;

function newOwner(): Owner {
  return { tag: "owner" };
}

/** First index i with keys[i] >= key. */
function lowerBound(keys: readonly Bytes[], key: Bytes): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(keys[mid] as Bytes, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with keys[i] > key. */
function upperBound(keys: readonly Bytes[], key: Bytes): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBytes(keys[mid] as Bytes, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A frozen view of a SortedBytesMap; never changes, whatever happens to the map afterwards. */
export class SortedSnapshot<V> {
  constructor(
    private readonly root: TreeNode<V>,
    readonly size: number,
  ) {}

  get(key: Bytes): V | undefined {
    return lookup(this.root, key);
  }

  /** Entries with start <= key < end (absent bound = open), ascending or descending. */
  entries(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<[Bytes, V]> {
    if (this.size === 0) return emptyIterator();
    return reverse ? iterateReverse(this.root, start, end) : iterateForward(this.root, start, end);
  }
}

export class SortedBytesMap<V> {
  private root: TreeNode<V>;
  private owner: Owner = newOwner();
  private count = 0;

  constructor() {
    this.root = { leaf: true, owner: this.owner, keys: [], vals: [] };
  }

  get size(): number {
    return this.count;
  }

  get(key: Bytes): V | undefined {
    return lookup(this.root, key);
  }

  /** Inserts or replaces. The key is stored as given: callers pass a private copy. */
  set(key: Bytes, value: V): void {
    this.root = this.writable(this.root);
    const split = this.insert(this.root, key, value);
    if (split !== undefined) {
      this.root = { leaf: false, owner: this.owner, keys: [split.sep], children: [this.root, split.right] };
    }
  }

  /** O(1); see the file comment. */
  snapshot(): SortedSnapshot<V> {
    this.owner = newOwner();
    return new SortedSnapshot(this.root, this.count);
  }

  clear(): void {
    this.owner = newOwner();
    this.root = { leaf: true, owner: this.owner, keys: [], vals: [] };
    this.count = 0;
  }

  /** Iterates a snapshot taken now, so the map may be written while iterating. */
  entries(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<[Bytes, V]> {
    return this.snapshot().entries(start, end, reverse);
  }

  private writable<N extends TreeNode<V>>(node: N): N {
    if (node.owner === this.owner) return node;
    if (node.leaf) {
      return { leaf: true, owner: this.owner, keys: node.keys.slice(), vals: node.vals.slice() } as LeafNode<V> as N;
    }
    return { leaf: false, owner: this.owner, keys: node.keys.slice(), children: node.children.slice() } as BranchNode<V> as N;
  }

  /** Inserts into a writable node; returns the new right sibling when the node split. */
  private insert(node: TreeNode<V>, key: Bytes, value: V): { sep: Bytes; right: TreeNode<V> } | undefined {
    if (node.leaf) {
      const i = lowerBound(node.keys, key);
      if (i < node.keys.length && compareBytes(node.keys[i] as Bytes, key) === 0) {
        node.vals[i] = value;
        return undefined;
      }
      node.keys.splice(i, 0, key);
      node.vals.splice(i, 0, value);
      this.count++;
      if (node.keys.length <= MAX_NODE) return undefined;
      const half = node.keys.length >>> 1;
      const right: LeafNode<V> = {
        leaf: true,
        owner: this.owner,
        keys: node.keys.splice(half),
        vals: node.vals.splice(half),
      };
      return { sep: right.keys[0] as Bytes, right };
    }
    const ci = upperBound(node.keys, key);
    const child = this.writable(node.children[ci] as TreeNode<V>);
    node.children[ci] = child;
    const split = this.insert(child, key, value);
    if (split === undefined) return undefined;
    node.keys.splice(ci, 0, split.sep);
    node.children.splice(ci + 1, 0, split.right);
    if (node.children.length <= MAX_NODE) return undefined;
    const half = node.children.length >>> 1;
    // children [0, half) stay; keys[half - 1] moves up as the separator.
    const rightChildren = node.children.splice(half);
    const rightKeys = node.keys.splice(half);
    const sep = node.keys.pop() as Bytes;
    return { sep, right: { leaf: false, owner: this.owner, keys: rightKeys, children: rightChildren } };
  }
}

function lookup<V>(root: TreeNode<V>, key: Bytes): V | undefined {
  let node = root;
  while (!node.leaf) node = node.children[upperBound(node.keys, key)] as TreeNode<V>;
  const i = lowerBound(node.keys, key);
  if (i < node.keys.length && compareBytes(node.keys[i] as Bytes, key) === 0) return node.vals[i];
  return undefined;
}

function emptyIterator<T>(): IterableIterator<T> {
  return [][Symbol.iterator]();
}

interface Frame<V> {
  node: BranchNode<V>;
  idx: number;
}

function* iterateForward<V>(root: TreeNode<V>, start?: Bytes, end?: Bytes): IterableIterator<[Bytes, V]> {
  const stack: Frame<V>[] = [];
  let node = root;
  while (!node.leaf) {
    const idx = start === undefined ? 0 : upperBound(node.keys, start);
    stack.push({ node, idx });
    node = node.children[idx] as TreeNode<V>;
  }
  let leaf: LeafNode<V> | undefined = node;
  let i = start === undefined ? 0 : lowerBound(leaf.keys, start);
  while (leaf !== undefined) {
    const keys: Bytes[] = leaf.keys;
    for (; i < keys.length; i++) {
      const k = keys[i] as Bytes;
      if (end !== undefined && compareBytes(k, end) >= 0) return;
      yield [k, leaf.vals[i] as V];
    }
    leaf = undefined;
    // Climb to the next unvisited subtree, then descend to its leftmost leaf.
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame<V>;
      if (top.idx + 1 < top.node.children.length) {
        top.idx++;
        let n = top.node.children[top.idx] as TreeNode<V>;
        while (!n.leaf) {
          stack.push({ node: n, idx: 0 });
          n = n.children[0] as TreeNode<V>;
        }
        leaf = n;
        i = 0;
        break;
      }
      stack.pop();
    }
  }
}

function* iterateReverse<V>(root: TreeNode<V>, start?: Bytes, end?: Bytes): IterableIterator<[Bytes, V]> {
  const stack: Frame<V>[] = [];
  let node = root;
  while (!node.leaf) {
    const idx = end === undefined ? node.children.length - 1 : lowerBound(node.keys, end);
    stack.push({ node, idx });
    node = node.children[idx] as TreeNode<V>;
  }
  let leaf: LeafNode<V> | undefined = node;
  let i = (end === undefined ? leaf.keys.length : lowerBound(leaf.keys, end)) - 1;
  while (leaf !== undefined) {
    const keys: Bytes[] = leaf.keys;
    for (; i >= 0; i--) {
      const k = keys[i] as Bytes;
      if (start !== undefined && compareBytes(k, start) < 0) return;
      yield [k, leaf.vals[i] as V];
    }
    leaf = undefined;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame<V>;
      if (top.idx > 0) {
        top.idx--;
        let n = top.node.children[top.idx] as TreeNode<V>;
        while (!n.leaf) {
          stack.push({ node: n, idx: n.children.length - 1 });
          n = n.children[n.children.length - 1] as TreeNode<V>;
        }
        leaf = n;
        i = n.keys.length - 1;
        break;
      }
      stack.pop();
    }
  }
}
