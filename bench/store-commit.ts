/**
 * Commit cost of the IAVL multistore versus the number of changed keys.
 *
 *   npx tsx bench/store-commit.ts [stateKeys]       (or STORE_BENCH_KEYS=200000)
 *
 * Builds a state of `stateKeys` keys (default 1 000 000) in commits of 100 000, then measures blocks
 * that change 1k / 10k / 100k keys (half updates of existing keys, half inserts), each split into
 * staging (branch writes), workingHash (tree updates + hashing) and commit (persisting). Prints
 * figures only; asserts nothing.
 */
import { hash } from "node:crypto";
import { mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openCommitMultiStore } from "../app/store/commit-multi-store";
import { PRUNE_NOTHING } from "../app/store/pruning";
import type { CommitMultiStore } from "../app/store/types";

const stateKeys = Number(process.argv[2] ?? process.env.STORE_BENCH_KEYS ?? 1_000_000);
const BATCH = 100_000;

/** 20-byte address-like keys under a module prefix, spread uniformly (as hashed addresses are). */
function keyOf(i: number): Uint8Array {
  const h = hash("sha256", `key-${i}`, "buffer");
  const k = new Uint8Array(22);
  k[0] = 0x02;
  k[1] = 20;
  k.set(h.subarray(0, 20), 2);
  return k;
}

function valueOf(i: number, round: number): Uint8Array {
  const v = new Uint8Array(40);
  v.set(hash("sha256", `value-${i}-${round}`, "buffer"));
  return v;
}

interface Measure {
  readonly changed: number;
  readonly stageMs: number;
  readonly hashMs: number;
  readonly commitMs: number;
  readonly nodesWritten: number;
  readonly bytesWritten: number;
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

function block(cms: CommitMultiStore, writes: readonly [number, number][]): Measure {
  let t = process.hrtime.bigint();
  const br = cms.branch();
  const bank = br.getStore("bank");
  for (const [i, round] of writes) bank.set(keyOf(i), valueOf(i, round));
  br.write();
  const stageMs = ms(t);
  t = process.hrtime.bigint();
  cms.workingHash();
  const hashMs = ms(t);
  t = process.hrtime.bigint();
  cms.commit();
  const commitMs = ms(t);
  const s = cms.lastCommitStats();
  return { changed: writes.length, stageMs, hashMs, commitMs, nodesWritten: s.nodesWritten, bytesWritten: s.bytesWritten };
}

function dirSize(path: string): number {
  return readdirSync(path).reduce((n, f) => n + statSync(join(path, f)).size, 0);
}

function row(label: string, m: Measure): string {
  const cells = [
    label.padEnd(22),
    String(m.changed).padStart(8),
    m.stageMs.toFixed(0).padStart(9),
    m.hashMs.toFixed(0).padStart(12),
    m.commitMs.toFixed(0).padStart(10),
    ((m.hashMs + m.commitMs) / m.changed * 1000).toFixed(1).padStart(11),
    String(m.nodesWritten).padStart(10),
    (m.nodesWritten / m.changed).toFixed(2).padStart(11),
    (m.bytesWritten / 1e6).toFixed(1).padStart(9),
  ];
  return cells.join(" ");
}

const HEADER = [
  "block".padEnd(22),
  "changed".padStart(8),
  "stage ms".padStart(9),
  "workHash ms".padStart(12),
  "commit ms".padStart(10),
  "µs/key h+c".padStart(11),
  "nodes".padStart(10),
  "nodes/key".padStart(11),
  "MB written".padStart(9),
].join(" ");

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-"));
  const cms = openCommitMultiStore({ path: dir, storeNames: ["bank", "acc", "staking"], pruning: PRUNE_NOTHING });
  console.log(`store-commit bench: state ${stateKeys} keys, batch ${BATCH}, node cache default, lmdb at ${dir}`);
  console.log(HEADER);
  try {
    let next = 0;
    let round = 1;
    while (next < stateKeys) {
      const n = Math.min(BATCH, stateKeys - next);
      const writes: [number, number][] = [];
      for (let i = 0; i < n; i++) writes.push([next + i, 0]);
      next += n;
      console.log(row(`build → ${next}`, block(cms, writes)));
    }
    console.log(`state built: ${next} keys, lmdb ${(dirSize(dir) / 1e6).toFixed(0)} MB`);

    let seed = 12345;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (const changed of [1_000, 10_000, 100_000]) {
      for (let rep = 0; rep < (changed === 100_000 ? 2 : 3); rep++) {
        round++;
        const writes: [number, number][] = [];
        for (let i = 0; i < changed; i++) {
          if (i % 2 === 0) writes.push([rand(next), round]); // update
          else writes.push([next++, round]); // insert
        }
        console.log(row(`${changed / 1000}k changed #${rep + 1}`, block(cms, writes)));
      }
    }
    console.log(`final: ${next} keys, version ${cms.lastCommitId().version}, lmdb ${(dirSize(dir) / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, js heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  } finally {
    void cms.close().then(() => rmSync(dir, { recursive: true, force: true }));
  }
}

main();
