import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { pathToFileURL } from "node:url";
import { open } from "lmdb";
import { ErrInvalidHeight } from "../errors";
import { toHex } from "./bytes";
import { MAX_KEY_LENGTH } from "./cache-kv-store";
import { appHashOf, decodeCommitInfo } from "./commit-info";
import { openCommitMultiStore } from "./commit-multi-store";
import { decodeNode, EMPTY_HASH, type IavlNode } from "./iavl-node";
import { DB_COMMITS, DB_NODES, nodeRecordKey } from "./layout";
import { PRUNE_EVERYTHING, PRUNE_NOTHING } from "./pruning";
import { b, makeTempDir, pairs, randomInt, seededRandom, str } from "./test-util";
import type { Bytes, CommitMultiStore, PruningOptions } from "./types";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function tmp(): string {
  const d = makeTempDir("store");
  cleanups.push(d.cleanup);
  return d.path;
}

const NAMES = ["bank", "acc"];

function openAt(path: string, pruning: PruningOptions = PRUNE_NOTHING, storeNames = NAMES): CommitMultiStore {
  return openCommitMultiStore({ path, storeNames, pruning, nodeCacheSize: 1000 });
}

type Write = readonly [store: string, key: string, value: string | null];

function stage(cms: CommitMultiStore, writes: readonly Write[]): void {
  const br = cms.branch();
  for (const [s, k, v] of writes) {
    if (v === null) br.getStore(s).delete(b(k));
    else br.getStore(s).set(b(k), b(v));
  }
  br.write();
}

function commitBlock(cms: CommitMultiStore, writes: readonly Write[]): string {
  stage(cms, writes);
  return toHex(cms.commit().hash);
}

function expectInvalidHeight(f: () => unknown): void {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(ErrInvalidHeight.is(caught)).toBe(true);
}

describe("CommitMultiStore", () => {
  it("commits versions, reads the latest through branches and past versions through their trees", async () => {
    const cms = openAt(tmp());
    expect(cms.lastCommitId()).toEqual({ version: 0, hash: EMPTY_HASH });
    expect(cms.earliestVersion()).toBe(0);
    expect(cms.storeNames).toEqual(["acc", "bank"]);
    commitBlock(cms, [
      ["bank", "a", "1"],
      ["bank", "b", "2"],
      ["bank", "c", "3"],
      ["acc", "x", "9"],
    ]);
    commitBlock(cms, [
      ["bank", "b", "22"],
      ["bank", "c", null],
      ["bank", "d", "4"],
      ["bank", "e", ""],
    ]);
    commitBlock(cms, [
      ["acc", "x", null],
      ["bank", "f", "5"],
    ]);
    expect(cms.lastCommitId().version).toBe(3);
    expect(cms.earliestVersion()).toBe(1);

    const bank = cms.branch().getStore("bank");
    expect(pairs(bank.iterate())).toEqual([
      ["a", "1"],
      ["b", "22"],
      ["d", "4"],
      ["e", ""],
      ["f", "5"],
    ]);
    expect(bank.get(b("e"))).toEqual(new Uint8Array(0));

    const v1 = cms.viewAt(1);
    expect(v1.version).toBe(1);
    expect(pairs(v1.getReader("bank").iterate())).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["c", "3"],
    ]);
    expect(pairs(v1.getReader("bank").iterate(b("b"), undefined, true))).toEqual([
      ["c", "3"],
      ["b", "2"],
    ]);
    expect(str(v1.getReader("acc").get(b("x")))).toBe("9");
    const v2 = cms.viewAt(2).getReader("bank");
    expect(str(v2.get(b("b")))).toBe("22");
    expect(v2.has(b("c"))).toBe(false);
    expect(pairs(v2.iterate(b("b"), b("e")))).toEqual([
      ["b", "22"],
      ["d", "4"],
    ]);
    const v3 = cms.viewAt(3);
    expect(v3.getReader("acc").has(b("x"))).toBe(false);
    expect(pairs(v3.getReader("bank").iterate(undefined, b("b"), true))).toEqual([["a", "1"]]);

    for (const bad of [0, 4, -1, 1.5, Number.NaN]) expectInvalidHeight(() => cms.viewAt(bad));
    expect(() => cms.viewAt(1).getReader("nope")).toThrow(/unknown store/);
    expect(() => cms.branch().getStore("nope")).toThrow(/unknown store/);
    await cms.close();
  });

  it("gives the same app hash for the same writes in any order or batching, and another for other content", async () => {
    const writes: Write[] = [];
    for (let i = 0; i < 300; i++) writes.push([i % 3 === 0 ? "acc" : "bank", `k${(i * 7919) % 1000}`, `v${i}`]);
    const base = openAt(tmp());
    commitBlock(base, writes.slice(0, 100));
    const baseHash = (cms: CommitMultiStore): void => {
      commitBlock(cms, writes.slice(0, 100));
    };

    const a = openAt(tmp());
    baseHash(a);
    stage(a, writes.slice(100));
    const ha = toHex(a.workingHash());

    const bStore = openAt(tmp());
    baseHash(bStore);
    const reversed = [...writes.slice(100)].reverse();
    stage(bStore, reversed.slice(0, 50));
    bStore.workingHash(); // an intermediate hash must not influence the final one
    stage(bStore, reversed.slice(50));
    stage(bStore, [["bank", "never-existed", null]]); // deleting a missing key changes nothing
    expect(toHex(bStore.workingHash())).toBe(ha);
    expect(toHex(bStore.commit().hash)).toBe(ha);
    expect(toHex(a.commit().hash)).toBe(ha);

    const c = openAt(tmp());
    baseHash(c);
    stage(c, [...writes.slice(100, 299), ["bank", writes[299]![1], "different"]]);
    expect(toHex(c.workingHash())).not.toBe(ha);

    // An empty block keeps the app hash (no tree changes), as IAVL does.
    expect(toHex(a.commit().hash)).toBe(ha);
    expect(a.lastCommitStats().nodesWritten).toBe(0);
    for (const s of [base, a, bStore, c]) await s.close();
  });

  it("lets InitChain stage genesis and block 1 add more before the first commit", async () => {
    const genesis: Write[] = [
      ["bank", "supply", "100"],
      ["acc", "alice", "1"],
    ];
    const block1: Write[] = [
      ["bank", "supply", "101"],
      ["acc", "bob", "2"],
    ];
    const x = openAt(tmp());
    stage(x, genesis);
    const genesisHash = x.workingHash();
    // A fresh branch sees the staged genesis writes (they belong to the coming version).
    expect(str(x.branch().getStore("acc").get(b("alice")))).toBe("1");
    stage(x, block1);
    const h1 = toHex(x.workingHash());
    expect(h1).not.toBe(toHex(genesisHash));

    const y = openAt(tmp());
    stage(y, [...block1, ["acc", "alice", "1"]]);
    expect(toHex(y.workingHash())).toBe(h1);
    expect(toHex(x.commit().hash)).toBe(h1);
    expect(x.lastCommitStats().changedKeys).toBe(3);
    await x.close();
    await y.close();
  });

  it("reopens at the last commit with its data, and continues exactly like a store never closed", async () => {
    const rand = seededRandom(3);
    const blocks: Write[][] = [];
    for (let v = 0; v < 8; v++) {
      const w: Write[] = [];
      for (let i = 0; i < 50; i++) w.push([rand() < 0.5 ? "acc" : "bank", `k${randomInt(rand, 200)}`, rand() < 0.2 ? null : `v${v}.${i}`]);
      blocks.push(w);
    }
    const pathA = tmp();
    let a = openAt(pathA);
    const b2 = openAt(tmp());
    for (let v = 0; v < 8; v++) {
      const ha = commitBlock(a, blocks[v]!);
      expect(commitBlock(b2, blocks[v]!)).toBe(ha);
      if (v === 3 || v === 6) {
        const before = a.lastCommitId();
        const data = pairs(a.branch().getStore("bank").iterate());
        await a.close();
        expect(() => a.lastCommitId()).toThrow(/closed/);
        a = openAt(pathA);
        expect(a.lastCommitId()).toEqual(before);
        expect(pairs(a.branch().getStore("bank").iterate())).toEqual(data);
        expect(pairs(a.viewAt(2).getReader("bank").iterate())).toEqual(pairs(b2.viewAt(2).getReader("bank").iterate()));
      }
    }
    await a.close();
    await b2.close();
  });

  it("after a crash before commit (staged and hashed, never committed) reopens at the previous version", async () => {
    const path = tmp();
    const cms = openAt(path);
    const h1 = commitBlock(cms, [["bank", "a", "1"]]);
    stage(cms, [
      ["bank", "a", "2"],
      ["bank", "b", "3"],
    ]);
    cms.workingHash();
    await cms.close();
    const again = openAt(path);
    expect(again.lastCommitId().version).toBe(1);
    expect(toHex(again.lastCommitId().hash)).toBe(h1);
    expect(pairs(again.branch().getStore("bank").iterate())).toEqual([["a", "1"]]);
    // and version 2 can still be made
    expect(commitBlock(again, [["bank", "c", "4"]])).not.toBe(h1);
    expect(again.lastCommitId().version).toBe(2);
    await again.close();
  });

  it("prunes old versions: they are refused, retained ones stay correct, and exactly the needed nodes remain", async () => {
    const path = tmp();
    const cms = openAt(path, { strategy: "custom", keepRecent: 3, interval: 5 });
    const unpruned = openAt(tmp());
    const rand = seededRandom(11);
    const snapshots = new Map<number, [string, string][]>();
    let pruned = 0;
    for (let v = 1; v <= 23; v++) {
      const w: Write[] = [];
      for (let i = 0; i < 40; i++) w.push(["bank", `k${randomInt(rand, 150)}`, rand() < 0.25 ? null : `v${v}.${i}`]);
      expect(commitBlock(cms, w)).toBe(commitBlock(unpruned, w));
      pruned += cms.lastCommitStats().nodesPruned;
      if (v % 5 !== 0) expect(cms.lastCommitStats().nodesPruned).toBe(0);
      snapshots.set(v, pairs(cms.branch().getStore("bank").iterate()));
    }
    // Prunes after 5, 10, 15, 20: the last one deleted every version <= 20 - 1 - 3 = 16.
    expect(cms.earliestVersion()).toBe(17);
    expect(pruned).toBeGreaterThan(0);
    for (const v of [1, 10, 16]) expectInvalidHeight(() => cms.viewAt(v));
    for (let v = 17; v <= 23; v++) {
      expect(pairs(cms.viewAt(v).getReader("bank").iterate())).toEqual(snapshots.get(v));
      expect(pairs(cms.viewAt(v).getReader("bank").iterate(b("k3"), b("k7"), true))).toEqual(
        pairs(unpruned.viewAt(v).getReader("bank").iterate(b("k3"), b("k7"), true)),
      );
    }
    await cms.close();
    await unpruned.close();

    // Every node left in the database is reachable from a retained version, and vice versa.
    const env = open({ path, maxDbs: 8 });
    const nodes = env.openDB<Uint8Array, Uint8Array>({ name: DB_NODES, keyEncoding: "binary", encoding: "binary" });
    const commits = env.openDB<Uint8Array, Uint8Array>({ name: DB_COMMITS, keyEncoding: "binary", encoding: "binary" });
    const stored = new Set([...nodes.getKeys()].map((k) => toHex(k)));
    const reachable = new Set<string>();
    const versions: number[] = [];
    for (const { value } of commits.getRange()) {
      const info = decodeCommitInfo(value);
      versions.push(info.version);
      for (const s of info.stores) {
        if (s.rootVersion === 0) continue;
        const walk = (version: number, nonce: number, hash: Bytes): void => {
          const k = nodeRecordKey(s.storeId, version, nonce);
          reachable.add(toHex(k));
          const n: IavlNode = decodeNode(nodes.get(k)!, version, nonce, hash);
          if (n.isLeaf) return;
          walk(n.leftVersion, n.leftNonce, n.leftHash!);
          walk(n.rightVersion, n.rightNonce, n.rightHash!);
        };
        walk(s.rootVersion, s.rootNonce, s.hash);
      }
    }
    expect(versions).toEqual([17, 18, 19, 20, 21, 22, 23]);
    expect([...stored].sort()).toEqual([...reachable].sort());
    await env.close();
  });

  it("keeps the two most recent versions (plus up to an interval) with the 'everything' strategy", async () => {
    const cms = openAt(tmp(), PRUNE_EVERYTHING);
    for (let v = 1; v <= 20; v++) commitBlock(cms, [["bank", `k${v % 4}`, `v${v}`]]);
    expect(cms.earliestVersion()).toBe(18);
    expectInvalidHeight(() => cms.viewAt(17));
    expect(str(cms.viewAt(18).getReader("bank").get(b("k2")))).toBe("v18");
    await cms.close();
  });

  it("matches a plain sorted-map model across many versions, branches and discarded transactions", async () => {
    const rand = seededRandom(2024);
    const cms = openAt(tmp());
    type Model = Map<string, string>;
    const committed: Record<string, Model> = { acc: new Map(), bank: new Map() };
    const history = new Map<number, Record<string, Model>>();
    const clone = (m: Record<string, Model>): Record<string, Model> => ({ acc: new Map(m.acc), bank: new Map(m.bank) });
    // Keys are ASCII, so string order is byte order.
    const sortedPairs = (m: Model, lo?: string, hi?: string, reverse = false): [string, string][] => {
      const keys = [...m.keys()].filter((k) => (lo === undefined || k >= lo) && (hi === undefined || k < hi)).sort();
      if (reverse) keys.reverse();
      return keys.map((k) => [k, m.get(k)!]);
    };
    const randKey = (): string => `key/${randomInt(rand, 2500)}`;

    for (let v = 1; v <= 25; v++) {
      const block = cms.branch();
      const working = clone(committed);
      const txs = 1 + randomInt(rand, 4);
      for (let t = 0; t < txs; t++) {
        const tx = block.branch();
        const txModel = clone(working);
        const n = v === 1 ? 2000 : randomInt(rand, 120);
        for (let i = 0; i < n; i++) {
          const store = rand() < 0.7 ? "bank" : "acc";
          const k = randKey();
          if (rand() < 0.2) {
            tx.getStore(store).delete(b(k));
            txModel[store]!.delete(k);
          } else {
            const val = `v${v}.${t}.${i}`;
            tx.getStore(store).set(b(k), b(val));
            txModel[store]!.set(k, val);
          }
        }
        // Reads inside the tx see the tx's writes over the block's.
        const lo = randKey();
        const hi = randKey();
        const [from, to] = lo <= hi ? [lo, hi] : [hi, lo];
        const reverse = rand() < 0.5;
        expect(pairs(tx.getStore("bank").iterate(b(from), b(to), reverse))).toEqual(sortedPairs(txModel.bank!, from, to, reverse));
        if (rand() < 0.75) {
          tx.write();
          working.acc = txModel.acc!;
          working.bank = txModel.bank!;
        }
      }
      expect(pairs(block.getStore("acc").iterate())).toEqual(sortedPairs(working.acc!));
      block.write();
      cms.commit();
      committed.acc = working.acc!;
      committed.bank = working.bank!;
      history.set(v, clone(committed));

      const latest = cms.branch().getStore("bank");
      expect(pairs(latest.iterate(undefined, undefined, true))).toEqual(sortedPairs(committed.bank, undefined, undefined, true));
      const past = 1 + randomInt(rand, v);
      const view = cms.viewAt(past);
      const want = history.get(past)!;
      expect(pairs(view.getReader("acc").iterate())).toEqual(sortedPairs(want.acc!));
      const lo = randKey();
      expect(pairs(view.getReader("bank").iterate(b(lo), undefined, true))).toEqual(sortedPairs(want.bank!, lo, undefined, true));
      const probe = randKey();
      expect(str(view.getReader("bank").get(b(probe)))).toBe(want.bank!.get(probe));
    }
    await cms.close();
  });

  it("keeps iterator snapshots across a commit: old versions continue from their tree, branches refuse", async () => {
    const cms = openAt(tmp());
    const writes: Write[] = [];
    for (let i = 0; i < 100; i++) writes.push(["bank", `k${String(i).padStart(3, "0")}`, "old"]);
    commitBlock(cms, writes);
    const viewIter = cms.viewAt(1).getReader("bank").iterate();
    const viewRev = cms.viewAt(1).getReader("bank").iterate(undefined, undefined, true);
    const branchIter = cms.branch().getStore("bank").iterate();
    expect(viewIter.next().value?.key).toEqual(b("k000"));
    branchIter.next();
    commitBlock(
      cms,
      writes.map(([s, k]) => [s, k, "new"] as const),
    );
    const rest = pairs({ [Symbol.iterator]: () => viewIter });
    expect(rest.length).toBe(99);
    expect(rest.every(([, v]) => v === "old")).toBe(true);
    const restRev = pairs({ [Symbol.iterator]: () => viewRev });
    expect(restRev.length).toBe(100);
    expect(restRev[99]).toEqual(["k000", "old"]);
    expect(() => [...{ [Symbol.iterator]: () => branchIter }]).toThrow(/changed during iteration/);
    await cms.close();
  });

  it("a second opener (read-only use, e.g. export while the node runs) keeps reading its own version", async () => {
    const path = tmp();
    const writer = openAt(path);
    commitBlock(writer, [["bank", "a", "1"]]);
    const reader = openAt(path);
    expect(reader.lastCommitId().version).toBe(1);
    const view = reader.viewAt(1).getReader("bank");
    commitBlock(writer, [
      ["bank", "a", "2"],
      ["bank", "b", "2"],
    ]);
    // The flat index now holds version 2; the reader's version-1 view must not see it.
    expect(str(view.get(b("a")))).toBe("1");
    expect(pairs(view.iterate())).toEqual([["a", "1"]]);
    await reader.close();
    expect(str(writer.viewAt(2).getReader("bank").get(b("b")))).toBe("2");
    await writer.close();
  });

  it("adds a store on reopen (an upgrade): it starts empty and joins the app hash", async () => {
    const path = tmp();
    const cms = openAt(path, PRUNE_NOTHING, ["bank"]);
    commitBlock(cms, [["bank", "a", "1"]]);
    const bankHash = cms.viewAt(1);
    expect(bankHash.version).toBe(1);
    const h1 = cms.lastCommitId().hash;
    await cms.close();

    const up = openAt(path, PRUNE_NOTHING, ["bank", "gov"]);
    expect(up.lastCommitId().hash).toEqual(h1);
    expect(pairs(up.viewAt(1).getReader("gov").iterate())).toEqual([]);
    const h2 = up.workingHash();
    expect(h2).not.toEqual(h1);
    commitBlock(up, [["gov", "p", "1"]]);
    expect(str(up.viewAt(2).getReader("gov").get(b("p")))).toBe("1");
    await up.close();
    const again = openAt(path, PRUNE_NOTHING, ["bank", "gov"]);
    expect(str(again.branch().getStore("gov").get(b("p")))).toBe("1");
    expect(again.lastCommitId().version).toBe(2);
    await again.close();

    // The hash of a new store's empty tree is sha256 of nothing.
    const fresh = openAt(tmp(), PRUNE_NOTHING, ["bank", "gov"]);
    expect(fresh.workingHash()).toEqual(appHashOf([{ name: "bank", hash: EMPTY_HASH }, { name: "gov", hash: EMPTY_HASH }]));
    await fresh.close();
  });

  it("stores keys up to the maximum length and iterates with bounds longer than it", async () => {
    const cms = openAt(tmp());
    const long = new Uint8Array(MAX_KEY_LENGTH).fill(0x61);
    const br = cms.branch();
    br.getStore("bank").set(long, b("long"));
    br.getStore("bank").set(b("a"), b("short"));
    expect(() => br.getStore("bank").set(new Uint8Array(MAX_KEY_LENGTH + 1), b("x"))).toThrow(/maximum/);
    br.write();
    cms.commit();
    commitBlock(cms, [["bank", "z", "later"]]);
    const bank = cms.branch().getStore("bank");
    expect(str(bank.get(long))).toBe("long");
    expect(bank.get(new Uint8Array(3000).fill(0x61))).toBeUndefined();
    const hugeBound = new Uint8Array(3000).fill(0x61);
    expect([...bank.iterate(undefined, hugeBound)].map((p) => str(p.value))).toEqual(["short", "long"]);
    expect([...bank.iterate(hugeBound)].map((p) => str(p.value))).toEqual(["later"]);
    expect([...bank.iterate(undefined, hugeBound, true)].map((p) => str(p.value))).toEqual(["long", "short"]);
    expect(str(cms.viewAt(1).getReader("bank").get(long))).toBe("long");
    await cms.close();
  });

  it("starts at the chain's initial height when asked to", async () => {
    const cms = openAt(tmp());
    cms.setInitialVersion(100);
    expect(commitBlock(cms, [["bank", "a", "1"]])).toBeDefined();
    expect(cms.lastCommitId().version).toBe(100);
    expect(cms.earliestVersion()).toBe(100);
    expect(str(cms.viewAt(100).getReader("bank").get(b("a")))).toBe("1");
    expectInvalidHeight(() => cms.viewAt(1));
    expect(() => cms.setInitialVersion(5)).toThrow(/after version 100/);
    commitBlock(cms, []);
    expect(cms.lastCommitId().version).toBe(101);
    await cms.close();
  });

  it("reports commit statistics", async () => {
    const cms = openAt(tmp());
    commitBlock(cms, [
      ["bank", "a", "1"],
      ["bank", "b", "2"],
      ["acc", "c", null],
    ]);
    const s = cms.lastCommitStats();
    expect(s.changedKeys).toBe(3);
    expect(s.nodesWritten).toBe(3); // two leaves and their parent
    expect(s.bytesWritten).toBeGreaterThan(0);
    expect(s.nodesPruned).toBe(0);
    await cms.close();
  });
});

describe("CommitMultiStore crash safety", () => {
  it("a process killed at a random instant leaves a consistent last version", async () => {
    const path = tmp();
    const rand = seededRandom(5);
    for (let round = 0; round < 3; round++) {
      const reported = await runAndKill(path, 2 + randomInt(rand, 3), randomInt(rand, 40));
      const cms = openCommitMultiStore({ path, storeNames: ["bank"], pruning: PRUNE_EVERYTHING });
      const last = cms.lastCommitId();
      // The kill came after the child reported `reported`, so at least that version is durable.
      expect(last.version).toBeGreaterThanOrEqual(reported);
      const bank = cms.branch().getStore("bank");
      expect(str(bank.get(b("last")))).toBe(String(last.version));
      // The flat index (read by branches) and the tree of the same version agree, and the hash holds.
      commitBlock(cms, []);
      expect(cms.lastCommitId().hash).toEqual(last.hash);
      expect(pairs(cms.viewAt(last.version).getReader("bank").iterate())).toEqual(pairs(bank.iterate()));
      await cms.close();
    }
  });

  it("a process killed inside the commit transaction, with the version's data written but not its commit record, reopens at the previous version", async () => {
    const path = tmp();
    // The writer commits versions 1 and 2, then dies by SIGKILL in the middle of version 3's
    // transaction (4001 flat-index writes and the tree nodes issued, commit info and latest not).
    const { signal, reported } = await runUntilExit(path, ["3"]);
    expect(signal).toBe("SIGKILL");
    expect(reported).toEqual([1, 2]);
    const cms = openCommitMultiStore({ path, storeNames: ["bank"], pruning: PRUNE_EVERYTHING });
    const last = cms.lastCommitId();
    expect(last.version).toBe(2);
    const bank = cms.branch().getStore("bank");
    expect(str(bank.get(b("last")))).toBe("2");
    // Not one write of version 3 is visible, neither in the flat index nor in the tree.
    const values = new Set(pairs(bank.iterate()).map(([, v]) => v));
    expect(values.has("v3")).toBe(false);
    expect(pairs(cms.viewAt(2).getReader("bank").iterate())).toEqual(pairs(bank.iterate()));
    // The tree of version 2 still hashes to its app hash.
    commitBlock(cms, []);
    expect(cms.lastCommitId().hash).toEqual(last.hash);
    await cms.close();
  });
});

/** Starts app/store/crash-writer.fixture.ts on `path` with `args`. */
function crashWriter(path: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  // The tsx loader in this very process (not the tsx CLI, which would run the script in a grandchild
  // that SIGKILL does not reach).
  const loader = pathToFileURL(require.resolve("tsx")).href;
  return spawn(process.execPath, ["--import", loader, require.resolve("./crash-writer.fixture.ts"), path, ...args], { stdio: "pipe" });
}

/** Runs the crash writer until it exits by itself; the versions it reported and how it ended. */
async function runUntilExit(path: string, args: readonly string[]): Promise<{ signal: NodeJS.Signals | null; reported: number[] }> {
  const child = crashWriter(path, args);
  let out = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on("exit", (c, s) => r([c, s])));
  clearTimeout(timer);
  if (timedOut) throw new Error(`crash writer did not die by itself within 30 s: ${stderr}`);
  if (code !== null) throw new Error(`crash writer exited with code ${code}: ${stderr}`);
  return { signal, reported: out.split("\n").filter((l) => l !== "").map(Number) };
}

/** Runs the crash writer until it has reported `commits` more versions, waits `delayMs`, SIGKILLs it. */
async function runAndKill(path: string, commits: number, delayMs: number): Promise<number> {
  const child = crashWriter(path, []);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  let last = 0;
  let seen = 0;
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`crash writer made no progress: ${stderr}`));
    }, 30_000);
    let buf = "";
    child.stdout.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) {
        last = Number(l);
        if (++seen === commits) {
          clearTimeout(timer);
          setTimeout(() => {
            child.kill("SIGKILL");
            resolve();
          }, delayMs);
        }
      }
    });
    child.on("exit", (code) => {
      if (seen < commits) {
        clearTimeout(timer);
        reject(new Error(`crash writer exited early (${code}): ${stderr}`));
      }
    });
  });
  await exited;
  return last;
}

describe("CommitMultiStore write failures", () => {
  /** An error shaped as lmdb reports a failed write: a numeric errno in `code`. */
  const lmdbError = (errno: number, message: string): Error => Object.assign(new Error(message), { code: errno });

  function failingStore(path: string, error: Error): CommitMultiStore {
    let fail = false;
    const cms = openCommitMultiStore({
      path,
      storeNames: NAMES,
      pruning: PRUNE_NOTHING,
      faults: {
        commitWrite: () => {
          if (fail) throw error;
        },
      },
    });
    commitBlock(cms, [["bank", "a", "1"]]);
    fail = true;
    return cms;
  }

  it("says the disk is full, and where, when a commit fails for lack of space", async () => {
    const path = tmp();
    const cms = failingStore(path, lmdbError(28, "No space left on device"));
    stage(cms, [["bank", "b", "2"]]);
    expect(() => cms.commit()).toThrow(
      new RegExp(`^cannot write height 2 to the application store ${path}: the disk is full \\(.* free\\); free some space and restart plumed \\(No space left on device\\)$`),
    );
    // Nothing of height 2 was written; the store must be reopened.
    expect(() => cms.lastCommitId()).toThrow("store: a commit failed; close and reopen the store");
    await cms.close();
    const reopened = openAt(path);
    expect(reopened.lastCommitId().version).toBe(1);
    await reopened.close();
  });

  it("names the store and the system error when a write fails for another reason", async () => {
    const path = tmp();
    const cms = failingStore(path, lmdbError(5, "Input/output error"));
    stage(cms, [["bank", "b", "2"]]);
    expect(() => cms.commit()).toThrow(
      new RegExp(`^cannot write height 2 to the application store ${path}: Input/output error \\(EIO\\); check the disk holding it \\(.* free\\) and the system log$`),
    );
    await cms.close();
  });
});
