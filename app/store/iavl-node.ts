/**
 * IAVL tree nodes: hashing (bit-for-bit as cosmos/iavl, so ICS23 `IavlSpec` proofs can be served) and
 * the on-disk encoding (ours; IAVL's storage format is not part of consensus).
 *
 * Hashes, as iavl `Node.writeHashBytes` (v1) computes them, varints being Go's zigzag `PutVarint`:
 *   leaf  = sha256( varint(0) ‖ varint(1) ‖ varint(version) ‖ uvarint-len ‖ key ‖ uvarint-len ‖ sha256(value) )
 *   inner = sha256( varint(height) ‖ varint(size) ‖ varint(version) ‖ uvarint-len ‖ leftHash ‖ uvarint-len ‖ rightHash )
 * which is what ics23's IavlSpec expects (leaf prefix 0x00, inner prefix 4..12 bytes, child size 33).
 *
 * Node keys are (version, nonce) as in IAVL v1: the version that created the node and its pre-order
 * position among that version's new nodes, stored big-endian (8 + 4 bytes) so they sort.
 */
import { hash as nodeHash } from "node:crypto";
import { putUvarint, putZigzagVarint, readU32BE, readUvarint, uvarintSize, writeU32BE, writeU64BE, decodeU64BE } from "./bytes";
import type { Bytes } from "./types";

export const HASH_LENGTH = 32;
export const NODE_KEY_LENGTH = 12;

export function sha256(data: Uint8Array): Bytes {
  return nodeHash("sha256", data, "buffer");
}

/** The hash of an empty tree (and of an empty multistore): sha256 of nothing. */
export const EMPTY_HASH: Bytes = sha256(new Uint8Array(0));

// Scratch space for hash preimages: keys are at most ~2 KB, so one buffer fits every preimage.
let scratch = Buffer.allocUnsafe(4096);

function scratchOf(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size * 2);
  return scratch;
}

export function leafHash(key: Bytes, value: Bytes, version: number): Bytes {
  const buf = scratchOf(2 + 10 + 10 + key.length + 1 + HASH_LENGTH);
  let off = 0;
  buf[off++] = 0; // height 0
  buf[off++] = 2; // size 1, zigzag
  off = putZigzagVarint(buf, off, version);
  off = putUvarint(buf, off, key.length);
  buf.set(key, off);
  off += key.length;
  buf[off++] = HASH_LENGTH;
  buf.set(sha256(value), off);
  off += HASH_LENGTH;
  return sha256(buf.subarray(0, off));
}

export function innerHash(height: number, size: number, version: number, left: Bytes, right: Bytes): Bytes {
  const buf = scratchOf(30 + 2 + left.length + right.length + 10);
  let off = putZigzagVarint(buf, 0, height);
  off = putZigzagVarint(buf, off, size);
  off = putZigzagVarint(buf, off, version);
  off = putUvarint(buf, off, left.length);
  buf.set(left, off);
  off += left.length;
  off = putUvarint(buf, off, right.length);
  buf.set(right, off);
  off += right.length;
  return sha256(buf.subarray(0, off));
}

/**
 * One node. Persisted nodes (nonce > 0) are immutable and may sit in the node cache. Nodes created
 * by the working (uncommitted) version have nonce 0 and may be changed in place until commit.
 *
 * An inner node refers to each child either by an in-memory node (`leftNode`, working nodes only)
 * or by the persisted child's node key, hash, height and size, which the parent stores so that
 * hashing and rebalancing rarely need to load the sibling of a changed path.
 */
export class IavlNode {
  /** Leaf: its key. Inner: the smallest key of the right subtree (IAVL's convention). */
  key: Bytes;
  /** Leaves only. */
  value: Bytes | undefined;
  height: number;
  size: number;
  version: number;
  /** 0 until the node is saved. */
  nonce = 0;
  hash: Bytes | undefined;

  leftNode: IavlNode | undefined = undefined;
  leftVersion = 0;
  leftNonce = 0;
  leftHash: Bytes | undefined = undefined;
  leftHeight = 0;
  leftSize = 0;

  rightNode: IavlNode | undefined = undefined;
  rightVersion = 0;
  rightNonce = 0;
  rightHash: Bytes | undefined = undefined;
  rightHeight = 0;
  rightSize = 0;

  constructor(key: Bytes, value: Bytes | undefined, height: number, size: number, version: number) {
    this.key = key;
    this.value = value;
    this.height = height;
    this.size = size;
    this.version = version;
    this.hash = undefined;
  }

  static leaf(key: Bytes, value: Bytes, version: number): IavlNode {
    return new IavlNode(key, value, 0, 1, version);
  }

  get isLeaf(): boolean {
    return this.height === 0;
  }

  get persisted(): boolean {
    return this.nonce !== 0;
  }

  get leftChildHeight(): number {
    return this.leftNode !== undefined ? this.leftNode.height : this.leftHeight;
  }

  get rightChildHeight(): number {
    return this.rightNode !== undefined ? this.rightNode.height : this.rightHeight;
  }

  get leftChildSize(): number {
    return this.leftNode !== undefined ? this.leftNode.size : this.leftSize;
  }

  get rightChildSize(): number {
    return this.rightNode !== undefined ? this.rightNode.size : this.rightSize;
  }

  /** Points the left slot at `child`: by reference if persisted, in memory otherwise. */
  setLeft(child: IavlNode): void {
    this.hash = undefined;
    if (child.persisted) {
      this.leftNode = undefined;
      this.leftVersion = child.version;
      this.leftNonce = child.nonce;
      this.leftHash = child.hash;
      this.leftHeight = child.height;
      this.leftSize = child.size;
    } else {
      this.leftNode = child;
      this.leftNonce = 0;
      this.leftHash = undefined;
    }
  }

  setRight(child: IavlNode): void {
    this.hash = undefined;
    if (child.persisted) {
      this.rightNode = undefined;
      this.rightVersion = child.version;
      this.rightNonce = child.nonce;
      this.rightHash = child.hash;
      this.rightHeight = child.height;
      this.rightSize = child.size;
    } else {
      this.rightNode = child;
      this.rightNonce = 0;
      this.rightHash = undefined;
    }
  }

  calcHeightAndSize(): void {
    const lh = this.leftChildHeight;
    const rh = this.rightChildHeight;
    this.height = (lh > rh ? lh : rh) + 1;
    this.size = this.leftChildSize + this.rightChildSize;
  }

  /** Left height minus right height. */
  get balance(): number {
    return this.leftChildHeight - this.rightChildHeight;
  }

  /**
   * Replaces in-memory child links by stored references once the children have node keys and
   * hashes; this node's own hash does not change (same children).
   */
  linkSavedChildren(): void {
    const l = this.leftNode;
    if (l !== undefined) {
      this.leftVersion = l.version;
      this.leftNonce = l.nonce;
      this.leftHash = l.hash;
      this.leftHeight = l.height;
      this.leftSize = l.size;
      this.leftNode = undefined;
    }
    const r = this.rightNode;
    if (r !== undefined) {
      this.rightVersion = r.version;
      this.rightNonce = r.nonce;
      this.rightHash = r.hash;
      this.rightHeight = r.height;
      this.rightSize = r.size;
      this.rightNode = undefined;
    }
  }

  /** A working copy of a persisted inner node (children by reference), for path copying. */
  cloneInner(version: number): IavlNode {
    const n = new IavlNode(this.key, undefined, this.height, this.size, version);
    n.leftVersion = this.leftVersion;
    n.leftNonce = this.leftNonce;
    n.leftHash = this.leftHash;
    n.leftHeight = this.leftHeight;
    n.leftSize = this.leftSize;
    n.rightVersion = this.rightVersion;
    n.rightNonce = this.rightNonce;
    n.rightHash = this.rightHash;
    n.rightHeight = this.rightHeight;
    n.rightSize = this.rightSize;
    return n;
  }
}

/** Computes (and caches) the hash of a working node and of every unhashed node below it. */
export function hashSubtree(node: IavlNode): Bytes {
  if (node.hash !== undefined) return node.hash;
  if (node.isLeaf) {
    node.hash = leafHash(node.key, node.value as Bytes, node.version);
    return node.hash;
  }
  const l = node.leftNode !== undefined ? hashSubtree(node.leftNode) : (node.leftHash as Bytes);
  const r = node.rightNode !== undefined ? hashSubtree(node.rightNode) : (node.rightHash as Bytes);
  node.hash = innerHash(node.height, node.size, node.version, l, r);
  return node.hash;
}

// ---- storage encoding ----------------------------------------------------------------------------
//
// leaf:  0x00 ‖ uvarint(len key) ‖ key ‖ value (rest of the record)
// inner: height u8 ‖ uvarint size ‖ uvarint(len key) ‖ key
//        ‖ left  (u64 version ‖ u32 nonce ‖ hash[32] ‖ u8 height ‖ uvarint size)
//        ‖ right (u64 version ‖ u32 nonce ‖ hash[32] ‖ u8 height)            right size = size - left size
// The node's own version and nonce are its record key; its own hash is kept by its parent (or, for a
// root, by the commit info), so neither is stored in the record.

const CHILD_FIXED = 8 + 4 + HASH_LENGTH + 1;

/** Encodes a saved node whose children are all saved (their refs filled in). */
export function encodeNode(n: IavlNode): Buffer {
  if (n.isLeaf) {
    const value = n.value as Bytes;
    const out = Buffer.allocUnsafe(1 + uvarintSize(n.key.length) + n.key.length + value.length);
    out[0] = 0;
    let off = putUvarint(out, 1, n.key.length);
    out.set(n.key, off);
    off += n.key.length;
    out.set(value, off);
    return out;
  }
  if (n.height > 255) throw new Error("iavl: tree height overflow");
  const len = 1 + uvarintSize(n.size) + uvarintSize(n.key.length) + n.key.length + 2 * CHILD_FIXED + uvarintSize(n.leftSize);
  const out = Buffer.allocUnsafe(len);
  out[0] = n.height;
  let off = putUvarint(out, 1, n.size);
  off = putUvarint(out, off, n.key.length);
  out.set(n.key, off);
  off += n.key.length;
  writeU64BE(out, off, n.leftVersion);
  writeU32BE(out, off + 8, n.leftNonce);
  out.set(n.leftHash as Bytes, off + 12);
  out[off + 44] = n.leftHeight;
  off = putUvarint(out, off + 45, n.leftSize);
  writeU64BE(out, off, n.rightVersion);
  writeU32BE(out, off + 8, n.rightNonce);
  out.set(n.rightHash as Bytes, off + 12);
  out[off + 44] = n.rightHeight;
  return out;
}

export function decodeNode(buf: Uint8Array, version: number, nonce: number, hash: Bytes): IavlNode {
  const height = buf[0] as number;
  if (height === 0) {
    const [klen, off] = readUvarint(buf, 1);
    const n = new IavlNode(buf.subarray(off, off + klen), buf.subarray(off + klen), 0, 1, version);
    n.nonce = nonce;
    n.hash = hash;
    return n;
  }
  const [size, afterSize] = readUvarint(buf, 1);
  const [klen, afterLen] = readUvarint(buf, afterSize);
  let off = afterLen;
  const n = new IavlNode(buf.subarray(off, off + klen), undefined, height, size, version);
  off += klen;
  n.leftVersion = decodeU64BE(buf, off);
  n.leftNonce = readU32BE(buf, off + 8);
  n.leftHash = buf.subarray(off + 12, off + 44);
  n.leftHeight = buf[off + 44] as number;
  [n.leftSize, off] = readUvarint(buf, off + 45);
  n.rightVersion = decodeU64BE(buf, off);
  n.rightNonce = readU32BE(buf, off + 8);
  n.rightHash = buf.subarray(off + 12, off + 44);
  n.rightHeight = buf[off + 44] as number;
  n.rightSize = size - n.leftSize;
  n.nonce = nonce;
  n.hash = hash;
  return n;
}
