/**
 * Loads persisted IAVL nodes of one store from lmdb, through a bounded LRU of decoded nodes shared
 * by all stores (persisted nodes never change, so a cached node is always valid until pruned).
 */
import { decodeNode, type IavlNode } from "./iavl-node";
import type { NodeSource } from "./iavl-tree";
import type { BinaryDb } from "./flat-store";
import { nodeRecordKey } from "./layout";
import type { LruCache } from "./lru-cache";
import type { Bytes } from "./types";

export type NodeCache = LruCache<string, IavlNode>;

export function nodeCacheKey(storeId: number, version: number, nonce: number): string {
  return `${storeId}/${version}/${nonce}`;
}

export class StoreNodeSource implements NodeSource {
  constructor(
    private readonly nodes: BinaryDb,
    private readonly cache: NodeCache,
    readonly storeId: number,
  ) {}

  load(version: number, nonce: number, hash: Bytes): IavlNode {
    const ck = nodeCacheKey(this.storeId, version, nonce);
    const hit = this.cache.get(ck);
    if (hit !== undefined) return hit;
    const buf = this.nodes.get(nodeRecordKey(this.storeId, version, nonce));
    if (buf === undefined) {
      throw new Error(`store: IAVL node ${version}/${nonce} of store #${this.storeId} is missing (pruned version or corrupt database)`);
    }
    const node = decodeNode(buf, version, nonce, hash);
    this.cache.set(ck, node);
    return node;
  }

  /** Makes a node just written by a commit available without a read. */
  remember(node: IavlNode): void {
    this.cache.set(nodeCacheKey(this.storeId, node.version, node.nonce), node);
  }
}
