/**
 * Throughput of the tx pipeline.
 *
 *   npx tsx bench/tx-throughput.ts [txs]        (or TX_BENCH_TXS=4000; default 2000)
 *
 * 1. secp256k1 signature verification rate per backend: the native libsecp256k1 binding, @noble/curves,
 *    and (for reference) the `secp256k1` package's elliptic.js fallback.
 * 2. Pre-signed transfer-like txs (SIGN_MODE_DIRECT, one per account, `txs` accounts) through runTx:
 *    - CheckTx (ante handler only; signatures verified and remembered),
 *    - FinalizeBlock with a warm signature cache (the txs went through CheckTx on this node first),
 *    - FinalizeBlock with a cold cache (every signature verified),
 *    - FinalizeBlock with no signature check at all (a no-op verifier, the floor of the pipeline),
 *    - FinalizeBlock over the real lmdb/IAVL multistore, with the block's commit.
 *    - TxDecoder.decode alone (ADR-027 check, unknown-field walk, envelope and message decoding),
 *      the part every CheckTx and FinalizeBlock pays before anything else.
 * The message handler is the test fixture's fake bank send (bank is being built separately).
 * Prints figures only; asserts nothing.
 */
import { blockHeader } from "../app/block-info";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { Context, type BlockHeader } from "../app/context";
import { silentLogger } from "../app/logger";
import { loadNativeSecp256k1, nobleSecp256k1, verifySecp256k1Digest, type Secp256k1Backend } from "../app/crypto/secp256k1";
import { openCommitMultiStore } from "../app/store";
import type { CacheMultiStore } from "../app/store/types";
import { CHAIN_ID, STORE_NAMES, createHarness, defaultFee, fund, sendMsg, signTx, testAccount, type Harness } from "../chain/tx-pipeline.fixture";
import { defaultAuthParams } from "../x/auth/params";

const TXS = Number(process.argv[2] ?? process.env.TX_BENCH_TXS ?? 2000);

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function rate(n: number, s: number): string {
  return `${Math.round(n / s).toLocaleString("en-US")}/s`;
}

async function verificationRates(): Promise<void> {
  const n = 3000;
  const priv = sha256(new TextEncoder().encode("bench key"));
  const kp = Secp256k1.makeKeypair(priv);
  const pub = Secp256k1.compressPubkey(kp.pubkey);
  const digests: Uint8Array[] = [];
  const sigs: Uint8Array[] = [];
  for (let i = 0; i < 200; i++) {
    const d = sha256(new TextEncoder().encode(`msg ${i}`));
    const s = Secp256k1.createSignature(d, kp.privkey);
    digests.push(d);
    sigs.push(Uint8Array.from([...s.r(32), ...s.s(32)]));
  }
  const requireHere = createRequire(__filename);
  const elliptic = requireHere("secp256k1/elliptic") as { ecdsaVerify(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean };
  const backends: Secp256k1Backend[] = [];
  const native = loadNativeSecp256k1();
  if (native) backends.push(native);
  backends.push(nobleSecp256k1());
  backends.push({ name: "elliptic.js (secp256k1 package fallback)", verifyDigest: (s, d, p) => elliptic.ecdsaVerify(s, d, p) });
  console.log(`\n1. secp256k1 verification (${n} signatures, low-S checks included)`);
  for (const b of backends) {
    for (let i = 0; i < 50; i++) verifySecp256k1Digest(b, pub, digests[i % 200] as Uint8Array, sigs[i % 200] as Uint8Array);
    const t = process.hrtime.bigint();
    let ok = 0;
    for (let i = 0; i < n; i++) if (verifySecp256k1Digest(b, pub, digests[i % 200] as Uint8Array, sigs[i % 200] as Uint8Array)) ok++;
    const s = seconds(t);
    if (ok !== n) throw new Error(`${b.name} rejected valid signatures`);
    console.log(`   ${b.name.padEnd(42)} ${rate(n, s).padStart(10)}  (${((s / n) * 1e6).toFixed(1)} µs each)`);
  }
}

interface Prepared {
  readonly h: Harness;
  readonly txs: Uint8Array[];
}

async function prepare(h: Harness): Promise<Uint8Array[]> {
  const txs: Uint8Array[] = [];
  const to = await testAccount(100_000);
  for (let i = 0; i < TXS; i++) {
    const acc = await testAccount(i);
    const accountNumber = fund(h, acc.bytes, 1_000_000_000n);
    txs.push(await signTx(acc.direct, acc.address, [sendMsg(acc.address, to.address, 1n)], { accountNumber, sequence: 0n, fee: defaultFee(200_000n, 2000n) }));
  }
  return txs;
}

function runAll(p: Prepared, mode: "check" | "finalize", store: CacheMultiStore): { s: number; failed: number } {
  const header: BlockHeader = blockHeader({ chainId: CHAIN_ID, height: 5n, time: { seconds: 1_700_000_000n, nanos: 0 } });
  const ctx = new Context(store, header, mode, silentLogger);
  let failed = 0;
  const t = process.hrtime.bigint();
  for (const tx of p.txs) if (p.h.executor.runTx(ctx, tx).code !== 0) failed++;
  return { s: seconds(t), failed };
}

function line(label: string, n: number, r: { s: number; failed: number }): void {
  const fails = r.failed > 0 ? `  (${r.failed} failed!)` : "";
  console.log(`   ${label.padEnd(58)} ${rate(n, r.s).padStart(10)}  (${((r.s / n) * 1e6).toFixed(0)} µs/tx)${fails}`);
}

async function pipeline(): Promise<void> {
  console.log(`\n2. runTx, ${TXS} pre-signed MsgSend txs from ${TXS} accounts (in-memory state)`);
  const h = createHarness();
  const t = process.hrtime.bigint();
  const txs = await prepare(h);
  console.log(`   (signed with cosmjs in ${seconds(t).toFixed(1)} s; tx size ${txs[0]?.length} bytes; verifier: ${h.executor.verifier.backend.name})`);
  const p = { h, txs };
  decodeOnly(h, txs);
  // Warm the JIT on throwaway branches (and empty the cache again) before measuring.
  runAll(p, "check", h.state.branch());
  runAll(p, "finalize", h.state.branch());
  h.executor.signatureCache.clear();

  line("CheckTx (ante only, signatures verified + cached)", TXS, runAll(p, "check", h.state.branch()));
  line("FinalizeBlock, warm signature cache (seen in CheckTx)", TXS, runAll(p, "finalize", h.state.branch()));
  h.executor.signatureCache.clear();
  line("FinalizeBlock, cold cache (every signature verified)", TXS, runAll(p, "finalize", h.state.branch()));

  const noSig = createHarness({ secp256k1: { name: "none", verifyDigest: () => true }, signatureCacheSize: 0 });
  const q = { h: noSig, txs: await prepareSame(noSig, txs) };
  runAll(q, "finalize", noSig.state.branch());
  line("FinalizeBlock, no signature verification (pipeline floor)", TXS, runAll(q, "finalize", noSig.state.branch()));
  line("CheckTx, no signature verification", TXS, runAll(q, "check", noSig.state.branch()));
}

/** TxDecoder.decode over the txs, 10 rounds after one round of JIT warm-up. */
function decodeOnly(h: Harness, txs: readonly Uint8Array[]): void {
  const rounds = 10;
  for (const tx of txs) h.executor.decoder.decode(tx);
  const t = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const tx of txs) h.executor.decoder.decode(tx);
  const s = seconds(t);
  const n = rounds * txs.length;
  console.log(`   ${"TxDecoder.decode only".padEnd(58)} ${rate(n, s).padStart(10)}  (${((s / n) * 1e6).toFixed(1)} µs/tx)`);
}

/** Funds the same accounts (same numbers) on another harness, reusing the signed txs. */
async function prepareSame(h: Harness, txs: Uint8Array[]): Promise<Uint8Array[]> {
  for (let i = 0; i < TXS; i++) fund(h, (await testAccount(i)).bytes, 1_000_000_000n);
  return txs;
}

async function lmdbBlock(): Promise<void> {
  console.log(`\n3. FinalizeBlock over the lmdb/IAVL multistore (one block of ${TXS} txs, then Commit)`);
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-tx-"));
  const store = openCommitMultiStore({ path: dir, storeNames: STORE_NAMES, pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  try {
    const h = createHarness();
    const genesis = store.branch();
    const header: BlockHeader = blockHeader({ chainId: CHAIN_ID, height: 0n, time: { seconds: 1_700_000_000n, nanos: 0 } });
    const g = new Context(genesis, header, "genesis", silentLogger);
    h.auth.setParams(g, defaultAuthParams());
    const txs: Uint8Array[] = [];
    const to = await testAccount(100_000);
    for (let i = 0; i < TXS; i++) {
      const acc = await testAccount(i);
      const a = h.auth.newAccount(g, acc.bytes);
      h.auth.setAccount(g, a);
      h.bank.setBalance(g, acc.bytes, 1_000_000_000n);
      txs.push(await signTx(acc.direct, acc.address, [sendMsg(acc.address, to.address, 1n)], { accountNumber: a.accountNumber, sequence: 0n, fee: defaultFee(200_000n, 2000n) }));
    }
    genesis.write();
    store.commit();

    const check = store.branch();
    const c = runAll({ h, txs }, "check", check);
    line("CheckTx over lmdb", TXS, c);
    const block = store.branch();
    const f = runAll({ h, txs }, "finalize", block);
    line("FinalizeBlock over lmdb (warm signature cache)", TXS, f);
    let t = process.hrtime.bigint();
    block.write();
    store.workingHash();
    const hashS = seconds(t);
    t = process.hrtime.bigint();
    store.commit();
    const commitS = seconds(t);
    console.log(`   block write + app hash ${(hashS * 1000).toFixed(0)} ms, commit ${(commitS * 1000).toFixed(0)} ms -> ${rate(TXS, f.s + hashS + commitS)} end to end`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${(await import("node:os")).cpus().length} cores`);
  await verificationRates();
  await pipeline();
  await lmdbBlock();
}

void main();
