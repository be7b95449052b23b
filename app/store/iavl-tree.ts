/**
 * The IAVL+ tree algorithms: reads over any persisted version, and the working (mutable) tree that
 * applies one version's writes by path copying.
 *
 * The shape of the tree (and therefore its hash) depends on the exact insert, remove and rebalance
 * steps, so these follow cosmos/iavl v1 `MutableTree.recursiveSet`, `recursiveRemove`, `balance` and
 * `rotateLeft/Right` step for step. Two differences that do not change any hash: a working node is
 * changed in place instead of being cloned again (IAVL clones, then discards the original), and a
 * path is only copied once a change is certain (IAVL clones while descending, and a remove of a
 * missing key throws the clones away).
 *
 * Orphans: every persisted node that leaves the tree in the working version V is recorded; it was
 * live in versions [node.version, V - 1], which is what pruning needs to know.
 */
import { compareBytes } from "./bytes";
import { EMPTY_HASH, hashSubtree, IavlNode } from "./iavl-node";
import type { Bytes, KVPair } from "./types";

/** Loads persisted nodes by key; `hash` is the hash its parent (or the commit info) recorded. */
export interface NodeSource {
  load(version: number, nonce: number, hash: Bytes): IavlNode;
}

export function leftChild(src: NodeSource, n: IavlNode): IavlNode {
  return n.leftNode ?? src.load(n.leftVersion, n.leftNonce, n.leftHash as Bytes);
}

export function rightChild(src: NodeSource, n: IavlNode): IavlNode {
  return n.rightNode ?? src.load(n.rightVersion, n.rightNonce, n.rightHash as Bytes);
}

export function treeGet(src: NodeSource, root: IavlNode | undefined, key: Bytes): Bytes | undefined {
  if (root === undefined) return undefined;
  let n = root;
  while (!n.isLeaf) n = compareBytes(key, n.key) < 0 ? leftChild(src, n) : rightChild(src, n);
  return compareBytes(n.key, key) === 0 ? n.value : undefined;
}

/**
 * In-order traversal of the leaves with start <= key < end. Nodes are loaded as the walk reaches
 * them, so stopping early costs O(log n) loads. Left subtrees hold keys < node.key, right ones >=.
 */
export function* treeIterate(
  src: NodeSource,
  root: IavlNode | undefined,
  start?: Bytes,
  end?: Bytes,
  reverse = false,
): IterableIterator<KVPair> {
  if (root === undefined) return;
  const stack: IavlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as IavlNode;
    if (n.isLeaf) {
      if ((start === undefined || compareBytes(n.key, start) >= 0) && (end === undefined || compareBytes(n.key, end) < 0)) {
        yield { key: n.key, value: n.value as Bytes };
      }
      continue;
    }
    const wantLeft = start === undefined || compareBytes(start, n.key) < 0;
    const wantRight = end === undefined || compareBytes(n.key, end) < 0;
    // The stack pops last-in first, so push the side to visit second first.
    if (reverse) {
      if (wantLeft) stack.push(leftChild(src, n));
      if (wantRight) stack.push(rightChild(src, n));
    } else {
      if (wantRight) stack.push(rightChild(src, n));
      if (wantLeft) stack.push(leftChild(src, n));
    }
  }
}

export function rootHashOf(root: IavlNode | undefined): Bytes {
  return root === undefined ? EMPTY_HASH : hashSubtree(root);
}

interface Removal {
  /** What replaces the subtree (undefined: it became empty). */
  readonly node: IavlNode | undefined;
  /** The subtree's new leftmost key when it changed, for the ancestor whose `key` must follow. */
  readonly newKey: Bytes | undefined;
}

/** The tree of version `version` being built from the previous version's root. */
export class WorkingTree {
  /** Persisted nodes that left the tree in this version, in the order they left. */
  readonly orphans: IavlNode[] = [];
  private updated = false;

  constructor(
    private readonly src: NodeSource,
    public root: IavlNode | undefined,
    readonly version: number,
  ) {}

  /** Sets key to value; returns true when the key existed (an update). */
  set(key: Bytes, value: Bytes): boolean {
    if (this.root === undefined) {
      this.root = IavlNode.leaf(key, value, this.version);
      return false;
    }
    this.updated = false;
    this.root = this.setRec(this.root, key, value);
    return this.updated;
  }

  /** Removes key; returns false (and changes nothing) when it is absent. */
  remove(key: Bytes): boolean {
    if (this.root === undefined) return false;
    const r = this.removeRec(this.root, key);
    if (r === undefined) return false;
    this.root = r.node;
    return true;
  }

  hash(): Bytes {
    return rootHashOf(this.root);
  }

  /**
   * Gives every new node its node key (version, nonce), nonces in pre-order from 1 as IAVL v1's
   * `saveNewNodes` does, then turns in-memory child links into stored references. Returns the new
   * nodes, ready to encode. Must follow `hash()`.
   */
  assignNodeKeys(): IavlNode[] {
    const out: IavlNode[] = [];
    if (this.root === undefined || this.root.persisted) return out;
    hashSubtree(this.root);
    let nonce = 0;
    const visit = (n: IavlNode): void => {
      nonce++;
      if (nonce > 0xffff_ffff) throw new Error("iavl: too many new nodes in one version");
      n.nonce = nonce;
      if (n.leftNode !== undefined) visit(n.leftNode);
      if (n.rightNode !== undefined) visit(n.rightNode);
      out.push(n);
    };
    visit(this.root);
    // Every new node now has its key, so links can become stored references.
    for (const n of out) n.linkSavedChildren();
    return out;
  }

  private orphan(n: IavlNode): void {
    if (n.persisted) this.orphans.push(n);
  }

  /** The node itself if it is a working node, else a working copy (and the original is orphaned). */
  private writable(n: IavlNode): IavlNode {
    if (!n.persisted) {
      n.hash = undefined;
      return n;
    }
    this.orphans.push(n);
    return n.cloneInner(this.version);
  }

  private setRec(node: IavlNode, key: Bytes, value: Bytes): IavlNode {
    const version = this.version;
    if (node.isLeaf) {
      const c = compareBytes(key, node.key);
      if (c === 0) {
        this.orphan(node);
        this.updated = true;
        return IavlNode.leaf(key, value, version);
      }
      const inner = new IavlNode(c < 0 ? node.key : key, undefined, 1, 2, version);
      const leaf = IavlNode.leaf(key, value, version);
      if (c < 0) {
        inner.setLeft(leaf);
        inner.setRight(node);
      } else {
        inner.setLeft(node);
        inner.setRight(leaf);
      }
      return inner;
    }
    const n = this.writable(node);
    if (compareBytes(key, n.key) < 0) n.setLeft(this.setRec(leftChild(this.src, n), key, value));
    else n.setRight(this.setRec(rightChild(this.src, n), key, value));
    if (this.updated) return n; // same keys below: height and size unchanged
    n.calcHeightAndSize();
    return this.balance(n);
  }

  private removeRec(node: IavlNode, key: Bytes): Removal | undefined {
    if (node.isLeaf) {
      if (compareBytes(key, node.key) !== 0) return undefined;
      this.orphan(node);
      return { node: undefined, newKey: undefined };
    }
    if (compareBytes(key, node.key) < 0) {
      const r = this.removeRec(leftChild(this.src, node), key);
      if (r === undefined) return undefined;
      if (r.node === undefined) {
        // The left child was the removed leaf: this node gives way to its right subtree, whose
        // leftmost key (this node's key) becomes the subtree's new leftmost key.
        const right = rightChild(this.src, node);
        this.orphan(node);
        return { node: right, newKey: node.key };
      }
      const n = this.writable(node);
      n.setLeft(r.node);
      n.calcHeightAndSize();
      return { node: this.balance(n), newKey: r.newKey };
    }
    const r = this.removeRec(rightChild(this.src, node), key);
    if (r === undefined) return undefined;
    if (r.node === undefined) {
      const left = leftChild(this.src, node);
      this.orphan(node);
      return { node: left, newKey: undefined };
    }
    const n = this.writable(node);
    n.setRight(r.node);
    if (r.newKey !== undefined) n.key = r.newKey;
    n.calcHeightAndSize();
    return { node: this.balance(n), newKey: undefined };
  }

  /** `n` must be a working node. */
  private balance(n: IavlNode): IavlNode {
    const b = n.balance;
    if (b > 1) {
      const left = leftChild(this.src, n);
      if (left.balance >= 0) return this.rotateRight(n);
      n.setLeft(this.rotateLeft(left));
      return this.rotateRight(n);
    }
    if (b < -1) {
      const right = rightChild(this.src, n);
      if (right.balance <= 0) return this.rotateLeft(n);
      n.setRight(this.rotateRight(right));
      return this.rotateLeft(n);
    }
    return n;
  }

  private rotateRight(node: IavlNode): IavlNode {
    const n = this.writable(node);
    const l = this.writable(leftChild(this.src, n));
    n.setLeft(rightChild(this.src, l));
    l.setRight(n);
    n.calcHeightAndSize();
    l.calcHeightAndSize();
    return l;
  }

  private rotateLeft(node: IavlNode): IavlNode {
    const n = this.writable(node);
    const r = this.writable(rightChild(this.src, n));
    n.setRight(leftChild(this.src, r));
    r.setLeft(n);
    n.calcHeightAndSize();
    r.calcHeightAndSize();
    return r;
  }
}
