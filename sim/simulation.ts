/**
 * The simulator: a random genesis from the seed, then block after block through the app's ABCI
 * methods, each block carrying signed txs from the modules' weighted operations, with the
 * modules' invariants checked on the committed state.
 *
 * How a block is built (the block builder):
 * 1. Block time (a few seconds after the last, now and then hours), CometBFT's part of the request
 *    (sim/comet.ts: last commit with absent validators, proposer, misbehavior).
 * 2. A throwaway branch of the committed state with the block's header and BeginBlock applied:
 *    the block so far. Each operation reads it, builds one signed tx, and the tx runs on it at once
 *    through the app's tx pipeline, so the next operation sees its effects (sequences, balances).
 *    The outcome must be the one the operation expected. Txs are added until the block holds
 *    `opsPerBlock` operations or would exceed the consensus params' max gas or max bytes.
 * 3. The real FinalizeBlock with those txs, then Commit. Every tx result must equal the one the
 *    block-so-far run gave (code, codespace, gas): FinalizeBlock is the same computation.
 * 4. The invariants of every module, every `invariantsEvery` blocks.
 *
 * The first block of a chain carries no txs (its genesis state is not committed yet, so there is
 * nothing to branch from); it still has votes and runs BeginBlock and EndBlock.
 *
 * Any failure throws a SimFailure naming the seed, the height, the operation (and the ones before
 * it in the block) and the command that replays the run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { AuthInfo, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { RequestFinalizeBlock, type ResponseFinalizeBlock, type ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { AddressCodec } from "../app/address";
import { blockInfoFromRequest } from "../app/block-info";
import { Context } from "../app/context";
import { bytesToHex } from "../app/encoding";
import { EventManager } from "../app/events";
import { silentLogger } from "../app/logger";
import type { TxOutcome } from "../app/tx/executor";
import type { SimApp, SimWiring } from "./app";
import { CometMock, applyUpdates, type CometValidator } from "./comet";
import { AccountPool, defaultSigner, type SimAccount } from "./keys";
import { SimRandom } from "./random";
import { diffStores } from "./store-diff";
import { TxFactory, type SignOptions, type SimMsg } from "./tx";
import { GenesisFunds, MAX_FEE, type Expectation, type ModuleSimulation, type OpEnv, type SimGenesis, type SimOperation, type SimTx } from "./types";

export interface SimConfig {
  readonly seed: bigint;
  readonly blocks: number;
  readonly opsPerBlock: number;
  /** Run every module's invariants every K blocks (1: every block). */
  readonly invariantsEvery: number;
  /** Export at this height, import into a fresh app and run both to `blocks`, comparing app hashes. */
  readonly exportAt?: number;
  /** After the comparison, this many more blocks on the imported app alone. */
  readonly afterImportBlocks?: number;
  /**
   * At this height, run every invariant on the block so far after each tx, to find the operation
   * that broke one (runSimulation does it by itself after an invariant failure).
   */
  readonly invariantsAfterEachTxAt?: bigint;
  /** Chance per block (1/1000) of a double-sign misbehavior, overriding what the modules ask for. */
  readonly doubleSignPerMille?: number;
  /** Receives one line per block (and per failure detail). */
  readonly log?: (line: string) => void;
  readonly chainId?: string;
}

export interface OpRecord {
  readonly height: bigint;
  readonly index: number;
  readonly name: string;
  /** The messages as proto3 JSON (computed when read: most records are never printed). */
  readonly msgs: readonly unknown[];
  readonly expect: Expectation;
  readonly outcome: { readonly code: number; readonly codespace: string; readonly log: string };
}

export interface OpStats {
  ok: number;
  failedAsExpected: number;
  skipped: number;
}

export interface SimFigures {
  readonly blocks: number;
  readonly txs: number;
  readonly okTxs: number;
  readonly failedAsExpected: number;
  readonly skipped: number;
  readonly signatures: number;
  readonly signer: string;
  readonly seconds: number;
  readonly signSeconds: number;
  readonly generateSeconds: number;
  readonly blockSoFarSeconds: number;
  readonly finalizeSeconds: number;
  readonly commitSeconds: number;
  readonly invariantSeconds: number;
  readonly invariantRuns: number;
  readonly followerSeconds: number;
  readonly ops: ReadonlyMap<string, OpStats>;
}

export interface SimResult {
  /** App hash after each height (hex), from the first block. */
  readonly appHashes: readonly { readonly height: bigint; readonly hash: string }[];
  /** During an export/import comparison: the imported app's hashes for the same heights. */
  readonly importedAppHashes: readonly { readonly height: bigint; readonly hash: string }[];
  readonly figures: SimFigures;
  readonly importComparison?: ImportComparison;
  /** The height the run stopped at. */
  readonly height: bigint;
}

/**
 * How the imported app compared with the exporting one. Everything but the declared export
 * differences was equal at every compared height (or the run failed); these say how far the app
 * hashes themselves agreed.
 */
export interface ImportComparison {
  readonly heights: number;
  readonly sameAppHash: number;
  /** Txs with the same outcome but different gas (values of different sizes, e.g. unbonding ids). */
  readonly gasDifferences: number;
  readonly firstDifferentAppHash?: bigint;
  /** The raw store differences at that height (declared ones included). */
  readonly rawDifferences?: readonly string[];
}

export type FailureKind = "operation" | "invariant" | "block" | "import";

export interface FailureDetails {
  readonly seed: bigint;
  readonly height: bigint;
  readonly kind: FailureKind;
  readonly message: string;
  /** The operation that failed, or the last one before the failure. */
  readonly op: OpRecord | undefined;
  /** The operations of the block before it (most recent last, at most 5). */
  readonly before: readonly OpRecord[];
  readonly replay: string;
}

export class SimFailure extends Error {
  constructor(readonly details: FailureDetails) {
    super(formatFailure(details));
    this.name = "SimFailure";
  }
}

/** The failure as the CLI prints it. */
export function formatFailure(d: FailureDetails): string {
  const lines = [
    `SIMULATION FAILED (${d.kind}) at height ${d.height}, seed ${d.seed}`,
    d.message,
    d.op !== undefined ? `operation: ${describeOp(d.op)}` : "operation: none (no operation ran before the failure)",
  ];
  if (d.before.length > 0) {
    lines.push("operations before it in the block:");
    for (const op of d.before) lines.push(`  ${describeOp(op)}`);
  }
  lines.push(`replay: ${d.replay}`);
  return lines.join("\n");
}

function describeOp(op: OpRecord): string {
  const expect = op.expect.ok ? "expected success" : `expected ${op.expect.codespace}/${op.expect.code}`;
  const got = op.outcome.code === 0 ? "succeeded" : `failed ${op.outcome.codespace}/${op.outcome.code}: ${op.outcome.log}`;
  return `${op.name} (block ${op.height}, tx ${op.index}; ${expect}; ${got})\n    msgs: ${JSON.stringify(op.msgs)}`;
}

/** The command line that replays a run up to `height`. */
export function replayCommand(c: SimConfig, height: bigint): string {
  const parts = ["npm run sim --", `--seed ${c.seed}`, `--blocks ${height}`, `--ops-per-block ${c.opsPerBlock}`, `--invariants-every ${c.invariantsEvery}`];
  if (c.exportAt !== undefined && BigInt(c.exportAt) < height) parts.push(`--export-at ${c.exportAt}`);
  if (c.doubleSignPerMille !== undefined) parts.push(`--double-sign-per-mille ${c.doubleSignPerMille}`);
  return parts.join(" ");
}

const nowNs = (): bigint => process.hrtime.bigint();
const seconds = (ns: bigint): number => Number(ns) / 1e9;

function addSeconds(t: Timestamp, s: bigint, nanos: number): Timestamp {
  let n = t.nanos + nanos;
  let sec = t.seconds + s;
  if (n >= 1_000_000_000) {
    n -= 1_000_000_000;
    sec += 1n;
  }
  return { seconds: sec, nanos: n };
}

const hex = (b: Uint8Array): string => bytesToHex(b).toUpperCase();

interface AppSlot {
  readonly app: SimApp;
  readonly dir: string;
  /** The first height this app executed (its InitChain's initial height). */
  readonly firstHeight: bigint;
}

/** One run: the apps, the accounts, CometBFT's stand-in, the clock and the figures. */
export class Simulation {
  private leader: AppSlot;
  private follower: AppSlot | undefined;
  private height: bigint;
  private time: Timestamp;
  private readonly appHashes: { height: bigint; hash: string }[] = [];
  private readonly followerHashes: { height: bigint; hash: string }[] = [];
  private readonly ops = new Map<string, OpStats>();
  private lastOps: OpRecord[] = [];
  private readonly txs: TxFactory;
  private readonly t = { generate: 0n, blockSoFar: 0n, finalize: 0n, commit: 0n, invariants: 0n, follower: 0n, start: nowNs() };
  private readonly counts = { blocks: 0, txs: 0, ok: 0, failedAsExpected: 0, skipped: 0, invariantRuns: 0 };
  /** Genesis writes are not committed until the first block: no block-so-far state for it. */
  private freshGenesis = true;
  private readonly comparison: { heights: number; sameAppHash: number; gasDifferences: number; firstDifferentAppHash?: bigint; rawDifferences?: string[] } = {
    heights: 0,
    sameAppHash: 0,
    gasDifferences: 0,
  };
  /** The height being built and executed, while a step runs. */
  private building: bigint | undefined;

  private constructor(
    private readonly wiring: SimWiring,
    readonly config: SimConfig,
    readonly chainId: string,
    readonly pool: AccountPool,
    readonly authority: SimAccount,
    private readonly comet: CometMock,
    leader: AppSlot,
    readonly genesisTime: Timestamp,
  ) {
    this.leader = leader;
    this.height = leader.firstHeight - 1n;
    this.time = genesisTime;
    this.txs = new TxFactory(chainId, leader.app.msgs, pool.signer);
  }

  /** A random genesis from the seed and InitChain on a fresh app. */
  static async start(wiring: SimWiring, config: SimConfig): Promise<Simulation> {
    if (config.invariantsEvery < 1) throw new Error("--invariants-every must be at least 1");
    const chainId = config.chainId ?? `plume-sim-${config.seed}`;
    const addresses = new AddressCodec(wiring.bech32Prefix);
    const r = SimRandom.derive(config.seed, "genesis");
    const pool = new AccountPool(addresses, SimRandom.derive(config.seed, "keys"), defaultSigner());
    const count = r.int(30, 80);
    for (let i = 0; i < count; i++) pool.add(pool.create());
    const authority = pool.at(0);
    const dir = mkdtempSync(join(tmpdir(), "plumed-sim-"));
    const app = await wiring.createApp({ dir, chainId, authority: authority.bech32 });
    const genesisTime: Timestamp = { seconds: 1_700_000_000n + BigInt(r.int(0, 10_000_000)), nanos: 0 };
    const g: SimGenesis = {
      r,
      chainId,
      genesisTime,
      denom: wiring.denom,
      accounts: pool.all(),
      authority,
      appState: wiring.defaultAppState(),
      funds: new GenesisFunds(),
      consensusParams: wiring.defaultConsensusParams(),
      txs: new TxFactory(chainId, app.msgs, pool.signer),
      notes: new Map(),
    };
    let comet: CometMock;
    try {
      for (const m of app.simulations) m.genesis?.(g);
      for (const m of app.simulations) m.finalizeGenesis?.(g);
      const res = app.abci.initChain({
        chainId,
        time: genesisTime,
        initialHeight: 1n,
        appStateBytes: new TextEncoder().encode(JSON.stringify(g.appState)),
        consensusParams: g.consensusParams,
        validators: [],
      });
      comet = new CometMock(
        {
          doubleSignPerMille: config.doubleSignPerMille ?? Math.max(0, ...app.simulations.map((m) => m.comet?.doubleSignPerMille ?? 0)),
          evidenceMaxAgeBlocks: g.consensusParams.evidence?.maxAgeNumBlocks ?? 100_000n,
        },
        1n,
        res.validators,
      );
    } catch (err) {
      await closeSlot({ app, dir, firstHeight: 1n });
      throw err;
    }
    return new Simulation(wiring, config, chainId, pool, authority, comet, { app, dir, firstHeight: 1n }, genesisTime);
  }

  get currentHeight(): bigint {
    return this.height;
  }

  get app(): SimApp {
    return this.leader.app;
  }

  /** Runs blocks up to `height` (inclusive). */
  runTo(height: bigint): void {
    while (this.height < height) this.step();
  }

  /**
   * Exports the state at the current height, imports it into a fresh app (InitChain at height + 1)
   * and makes that app follow: every later block goes to both, and their app hashes, tx results
   * and validator updates must be equal.
   */
  async exportAndFollow(): Promise<void> {
    const h = this.height;
    const exported = this.leader.app.exportGenesis(h);
    const dir = mkdtempSync(join(tmpdir(), "plumed-sim-import-"));
    const app = await this.wiring.createApp({ dir, chainId: this.chainId, authority: this.authority.bech32 });
    const res = app.abci.initChain({
      chainId: this.chainId,
      time: this.genesisTime,
      initialHeight: h + 1n,
      appStateBytes: new TextEncoder().encode(JSON.stringify(exported.appState)),
      ...(exported.consensusParams !== undefined ? { consensusParams: exported.consensusParams } : {}),
      validators: [],
    });
    this.follower = { app, dir, firstHeight: h + 1n };
    // The exported last validator powers are the set EndBlock(h) chose: CometBFT's set for h + 2.
    const expected = this.comet.validatorsAt(h + 2n);
    const got = applyUpdates([], res.validators);
    if (setKey(got) !== setKey(expected)) {
      this.fail("import", `InitChain of the export at height ${h} returned the validator set ${setKey(got)}, CometBFT's set for height ${h + 2n} is ${setKey(expected)}`);
    }
  }

  /** The imported app becomes the only app (after-import simulation); the exporting one is closed. */
  async continueOnImported(): Promise<void> {
    if (this.follower === undefined) throw new Error("no imported app to continue on");
    const old = this.leader;
    this.leader = this.follower;
    this.follower = undefined;
    await closeSlot(old);
  }

  async close(): Promise<void> {
    await closeSlot(this.leader);
    if (this.follower) await closeSlot(this.follower);
  }

  result(): SimResult {
    return {
      appHashes: [...this.appHashes],
      importedAppHashes: [...this.followerHashes],
      ...(this.comparison.heights > 0 ? { importComparison: { ...this.comparison } } : {}),
      height: this.height,
      figures: {
        blocks: this.counts.blocks,
        txs: this.counts.txs,
        okTxs: this.counts.ok,
        failedAsExpected: this.counts.failedAsExpected,
        skipped: this.counts.skipped,
        signatures: this.txs.signatures,
        signer: this.pool.signer.name,
        seconds: seconds(nowNs() - this.t.start),
        signSeconds: seconds(this.txs.signNanos),
        generateSeconds: seconds(this.t.generate - this.txs.signNanos),
        blockSoFarSeconds: seconds(this.t.blockSoFar),
        finalizeSeconds: seconds(this.t.finalize),
        commitSeconds: seconds(this.t.commit),
        invariantSeconds: seconds(this.t.invariants),
        invariantRuns: this.counts.invariantRuns,
        followerSeconds: seconds(this.t.follower),
        ops: new Map([...this.ops.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      },
    };
  }

  // --- one block ----------------------------------------------------------------------------

  /** Builds, executes, commits and checks the next block. */
  step(): void {
    const h = this.height + 1n;
    this.building = h;
    const r = SimRandom.derive(this.config.seed, "block", h);
    const app = this.leader.app;
    this.time = nextBlockTime(r, this.time);
    const cometBlock = this.comet.block(r.fork("comet"), h);
    const base = RequestFinalizeBlock.fromPartial({
      height: h,
      time: this.time,
      hash: cometBlock.hash,
      proposerAddress: cometBlock.proposerAddress,
      nextValidatorsHash: cometBlock.nextValidatorsHash,
      decidedLastCommit: cometBlock.decidedLastCommit,
      misbehavior: cometBlock.misbehavior,
    });
    const records: { op: string; sim: SimTx; outcome: TxOutcome }[] = [];
    this.lastOps = [];
    if (!this.freshGenesis) this.buildTxs(r.fork("ops"), app, base, records);

    const req = { ...base, txs: records.map((x) => x.sim.tx) };
    let t0 = nowNs();
    const res = app.abci.finalizeBlock(req);
    this.t.finalize += nowNs() - t0;
    this.checkSameResults(h, records, res, "FinalizeBlock", (i) => records[i]?.outcome);
    t0 = nowNs();
    app.abci.commit({});
    this.t.commit += nowNs() - t0;
    this.appHashes.push({ height: h, hash: hex(res.appHash) });

    if (this.follower !== undefined) {
      t0 = nowNs();
      const res2 = this.follower.app.abci.finalizeBlock(req);
      this.follower.app.abci.commit({});
      this.t.follower += nowNs() - t0;
      this.followerHashes.push({ height: h, hash: hex(res2.appHash) });
      this.compareFollower(h, res, res2);
    }

    this.height = h;
    this.building = undefined;
    this.freshGenesis = false;
    this.comet.endBlock(h, this.time, res.validatorUpdates);
    for (const x of records) if (x.outcome.code === 0) for (const a of x.sim.newAccounts ?? []) this.pool.add(a);
    this.counts.blocks++;

    if ((h - this.leader.firstHeight) % BigInt(this.config.invariantsEvery) === 0n) this.checkInvariants(h);

    const ok = records.filter((x) => x.outcome.code === 0).length;
    this.config.log?.(
      `block ${h}  txs ${records.length} (ok ${ok}, failed as expected ${records.length - ok})  absent ${cometBlock.absent}/${this.comet.validatorsAt(h).length}` +
        `  misbehavior ${cometBlock.misbehavior.length}  updates ${res.validatorUpdates.length}  app hash ${hex(res.appHash).slice(0, 16)}`,
    );
  }

  private buildTxs(r: SimRandom, app: SimApp, req: RequestFinalizeBlock, records: { op: string; sim: SimTx; outcome: TxOutcome }[]): void {
    const t0 = nowNs();
    const { header, comet } = blockInfoFromRequest(this.chainId, app.store.lastCommitId().hash, req, req.decidedLastCommit);
    const base = new Context(app.store.branch(), header, "finalize", silentLogger, { comet });
    const params = app.consensusParams.get(base);
    const ctx = base.withConsensusParams(params);
    app.beginBlock(ctx.withEventManager(new EventManager()));
    const ops = this.operations(app.simulations);
    if (ops.length === 0) return;
    const limits = blockLimits(params);
    let gas = 0n;
    let bytes = 0n;
    const env = this.opEnv(r, app, ctx);
    let generateNs = 0n;
    for (let i = 0; i < this.config.opsPerBlock; i++) {
      const op = r.weighted(ops);
      const g0 = nowNs();
      const sim = op.op.generate(env);
      generateNs += nowNs() - g0;
      const stats = this.opStats(op.name);
      if (sim === undefined) {
        stats.skipped++;
        this.counts.skipped++;
        continue;
      }
      // The proposer's limits: stop when the block is full by gas or by bytes.
      const gasLimit = AuthInfo.decode(TxRaw.decode(sim.tx).authInfoBytes).fee?.gasLimit ?? 0n;
      if ((limits.maxGas > 0n && gas + gasLimit > limits.maxGas) || bytes + BigInt(sim.tx.length) > limits.maxBytes) break;
      gas += gasLimit;
      bytes += BigInt(sim.tx.length);
      const outcome = app.runTx(ctx.withEventManager(new EventManager()), sim.tx);
      const txs = this.txs;
      const record: OpRecord = {
        height: header.height,
        index: records.length,
        name: op.name,
        get msgs() {
          return sim.msgs.map((m) => txs.msgJson(m));
        },
        expect: sim.expect,
        outcome: { code: outcome.code, codespace: outcome.codespace, log: outcome.log },
      };
      records.push({ op: op.name, sim, outcome });
      this.lastOps.push(record);
      this.counts.txs++;
      if (!matches(sim.expect, outcome)) {
        this.fail("operation", `${op.name} did not give the outcome it expected`, record);
      }
      const problem = outcome.code === 0 ? sim.after?.(ctx) : undefined;
      if (problem !== undefined) this.fail("operation", `${op.name}: check after the tx failed: ${problem}`, record);
      if (this.config.invariantsAfterEachTxAt === header.height) {
        const broken = this.brokenInvariant(app, ctx, header.height);
        if (broken !== undefined) this.fail("invariant", `${broken}\n(found on the block so far, right after this operation)`, record);
      }
      if (outcome.code === 0) {
        stats.ok++;
        this.counts.ok++;
      } else {
        stats.failedAsExpected++;
        this.counts.failedAsExpected++;
      }
    }
    this.t.generate += generateNs;
    this.t.blockSoFar += nowNs() - t0 - generateNs;
  }

  private opEnv(r: SimRandom, app: SimApp, ctx: Context): OpEnv {
    const denom = this.wiring.denom;
    const accountState = (address: Uint8Array) => app.accountState(ctx, address);
    const balance = (address: Uint8Array, d: string): bigint => app.balance(ctx, address, d);
    return {
      r,
      ctx,
      height: ctx.height,
      time: ctx.blockTime,
      accounts: this.pool,
      authority: this.authority,
      denom,
      txs: this.txs,
      accountState,
      balance,
      spendable: (address, d) => {
        const b = balance(address, d);
        if (d !== denom) return b;
        return b > MAX_FEE ? b - MAX_FEE : 0n;
      },
      newAccount: () => this.pool.create(),
      sign: (signer: SimAccount, msgs: readonly SimMsg[], opts: SignOptions = {}) => {
        const state = accountState(signer.address);
        if (state === undefined && (opts.accountNumber === undefined || opts.sequence === undefined)) {
          throw new Error(`an operation signed for ${signer.bech32}, which has no account on chain`);
        }
        let fee = opts.fee;
        if (fee === undefined) {
          const have = balance(signer.address, denom);
          fee = have > 0n && r.chance(1, 2) ? [{ denom, amount: r.bigint(1n, have < MAX_FEE ? have : MAX_FEE).toString() }] : [];
        }
        const mode = opts.mode ?? (this.txs.aminoSignable(msgs) && r.chance(1, 5) ? "amino-json" : "direct");
        return this.txs.sign(signer, state ?? { accountNumber: 0n, sequence: 0n }, msgs, { ...opts, fee, mode });
      },
    };
  }

  private operations(sims: readonly ModuleSimulation[]): { name: string; weight: number; op: SimOperation }[] {
    const out: { name: string; weight: number; op: SimOperation }[] = [];
    const seen = new Set<string>();
    for (const m of sims) {
      for (const op of m.operations ?? []) {
        const name = `${m.module}/${op.name}`;
        if (seen.has(name)) throw new Error(`operation ${name} registered twice`);
        seen.add(name);
        if (op.weight > 0) out.push({ name, weight: op.weight, op });
      }
    }
    return out;
  }

  private opStats(name: string): OpStats {
    let s = this.ops.get(name);
    if (s === undefined) {
      s = { ok: 0, failedAsExpected: 0, skipped: 0 };
      this.ops.set(name, s);
    }
    return s;
  }

  private checkSameResults(h: bigint, records: readonly { op: string }[], res: ResponseFinalizeBlock, who: string, expected: (i: number) => TxOutcome | undefined): void {
    if (res.txResults.length !== records.length) this.fail("block", `${who} returned ${res.txResults.length} tx results for ${records.length} txs`);
    res.txResults.forEach((got, i) => {
      const want = expected(i);
      if (want === undefined) return;
      if (got.code !== want.code || got.codespace !== want.codespace || got.gasUsed !== want.gasUsed || got.gasWanted !== want.gasWanted) {
        this.fail(
          "block",
          `${who} of block ${h} gave tx ${i} (${records[i]?.op}) ${got.codespace}/${got.code} gas ${got.gasUsed}/${got.gasWanted} (${got.log}), ` +
            `but the same tx on the block-so-far state gave ${want.codespace}/${want.code} gas ${want.gasUsed}/${want.gasWanted} (${want.log})`,
          this.lastOps[i],
        );
      }
    });
  }

  /**
   * The imported app must agree with the exporting one on every tx outcome, every validator update
   * and, store by store, on all state but what the modules declare an export cannot carry. Equal
   * app hashes (and gas, which depends on value sizes) are counted, not required: see
   * ImportComparison.
   */
  private compareFollower(h: bigint, a: ResponseFinalizeBlock, b: ResponseFinalizeBlock): void {
    const follower = this.follower as AppSlot;
    const problems: string[] = [];
    let op: OpRecord | undefined;
    a.txResults.forEach((x, i) => {
      const y = b.txResults[i];
      if (y === undefined || x.code !== y.code || x.codespace !== y.codespace) {
        op ??= this.lastOps[i];
        problems.push(`tx ${i}: the exporting app gave ${x.codespace}/${x.code} (${x.log}), the imported app ${y?.codespace}/${y?.code} (${y?.log})`);
      } else if (x.gasUsed !== y.gasUsed) this.comparison.gasDifferences++;
    });
    if (updatesKey(a.validatorUpdates) !== updatesKey(b.validatorUpdates)) {
      problems.push(`validator updates differ: exporting app ${updatesKey(a.validatorUpdates)}, imported app ${updatesKey(b.validatorUpdates)}`);
    }
    this.comparison.heights++;
    if (hex(a.appHash) === hex(b.appHash)) {
      this.comparison.sameAppHash++;
    } else {
      this.comparison.firstDifferentAppHash ??= h;
      const declared = this.leader.app.simulations.flatMap((m) => m.exportDifferences ?? []);
      const diffs = diffStores(this.leader.app.store, follower.app.store, h, declared);
      if (diffs.length > 0) problems.push(`state differs beyond what an export cannot carry, store by store:\n${diffs.join("\n")}`);
      if (this.comparison.rawDifferences === undefined) this.comparison.rawDifferences = diffStores(this.leader.app.store, follower.app.store, h);
    }
    if (problems.length === 0) return;
    this.fail("import", `block ${h} after the import at ${follower.firstHeight - 1n}:\n${problems.join("\n")}`, op);
  }

  private checkInvariants(h: bigint): void {
    const t0 = nowNs();
    const broken = this.brokenInvariant(this.leader.app, this.leader.app.contextAt(h), h);
    this.t.invariants += nowNs() - t0;
    this.counts.invariantRuns++;
    if (broken === undefined) return;
    const note = this.config.invariantsAfterEachTxAt === h ? "\n(every invariant held after each tx of the block: it broke in EndBlock)" : "";
    this.fail("invariant", `${broken}${note}`);
  }

  /** The first broken invariant on `ctx` (state at height `h`), as a message; undefined if all hold. */
  private brokenInvariant(app: SimApp, ctx: Context, h: bigint): string | undefined {
    const env = { ctx, previous: h - 1n >= this.leader.firstHeight ? app.contextAt(h - 1n) : undefined, height: h };
    for (const m of app.simulations) {
      for (const inv of m.invariants ?? []) {
        const res = inv.check(env);
        if (res.broken) return `broken invariant ${m.module}/${inv.name}:\n${res.message}`;
      }
    }
    return undefined;
  }

  private fail(kind: FailureKind, message: string, op?: OpRecord): never {
    const last = op ?? this.lastOps[this.lastOps.length - 1];
    const index = last === undefined ? -1 : this.lastOps.indexOf(last);
    const before = index > 0 ? this.lastOps.slice(Math.max(0, index - 5), index) : [];
    const height = this.building ?? this.height;
    throw new SimFailure({ seed: this.config.seed, height, kind, message, op: last, before, replay: replayCommand(this.config, height) });
  }
}

function matches(expect: Expectation, outcome: TxOutcome): boolean {
  if (expect.ok) return outcome.code === 0;
  return outcome.code === expect.code && outcome.codespace === expect.codespace;
}

/** A few seconds after the last block, with nanoseconds; now and then a gap of hours (downtime, maturing unbondings). */
function nextBlockTime(r: SimRandom, last: Timestamp): Timestamp {
  const gap = r.chance(1, 40) ? BigInt(r.int(600, 6 * 3600)) : BigInt(r.int(1, 20));
  return addSeconds(last, gap, r.int(0, 999_999_999));
}

/** What a proposer may put in a block: max gas (0: none) and the tx bytes CometBFT leaves for data. */
function blockLimits(params: ConsensusParams | undefined): { maxGas: bigint; maxBytes: bigint } {
  const maxGas = params?.block?.maxGas ?? -1n;
  const maxBytes = params?.block?.maxBytes ?? -1n;
  // The header, the last commit and the evidence take some of max_bytes; 64 KiB covers them here.
  const data = (maxBytes <= 0n ? 104_857_600n : maxBytes) - 65_536n;
  return { maxGas: maxGas > 0n ? maxGas : 0n, maxBytes: data };
}

function setKey(set: readonly CometValidator[]): string {
  return set.map((v) => `${hex(v.address).slice(0, 8)}:${v.power}`).join(",");
}

function updatesKey(updates: readonly ValidatorUpdate[]): string {
  return updates.map((u) => `${hex(u.pubKey?.ed25519 ?? u.pubKey?.secp256k1 ?? new Uint8Array()).slice(0, 8)}:${u.power}`).join(",");
}

async function closeSlot(slot: AppSlot): Promise<void> {
  await slot.app.close();
  rmSync(slot.dir, { recursive: true, force: true });
}

/**
 * A whole run as the CLI does it: start, blocks, the optional export/import phase, close. After
 * an invariant failure found at the end of a block, the run is replayed with the invariants
 * checked after each tx of that block, which names the operation that broke it (and shows the
 * failure reproduces from the seed).
 */
export async function runSimulation(wiring: SimWiring, config: SimConfig): Promise<SimResult> {
  try {
    return await runOnce(wiring, config);
  } catch (err) {
    if (!(err instanceof SimFailure) || err.details.kind !== "invariant" || config.invariantsAfterEachTxAt !== undefined) throw err;
    const at = err.details.height;
    config.log?.(`invariant broken at height ${at}; replaying the run with invariants after each tx of block ${at}`);
    try {
      await runOnce(wiring, { ...config, blocks: Number(at), invariantsAfterEachTxAt: at });
    } catch (again) {
      if (again instanceof SimFailure && again.details.kind === "invariant" && again.details.height === at) {
        throw new SimFailure({ ...again.details, replay: err.details.replay });
      }
      throw again;
    }
    throw new SimFailure({ ...err.details, message: `${err.details.message}\n(NOT REPRODUCED: the replay from the same seed did not break it; the run is not deterministic)` });
  }
}

async function runOnce(wiring: SimWiring, config: SimConfig): Promise<SimResult> {
  const sim = await Simulation.start(wiring, config);
  try {
    const end = BigInt(config.blocks);
    if (config.exportAt !== undefined && config.exportAt < config.blocks) {
      if (config.exportAt < 1) throw new Error("--export-at must be at least 1");
      sim.runTo(BigInt(config.exportAt));
      await sim.exportAndFollow();
      sim.runTo(end);
      if ((config.afterImportBlocks ?? 0) > 0) {
        await sim.continueOnImported();
        sim.runTo(end + BigInt(config.afterImportBlocks ?? 0));
      }
    } else {
      sim.runTo(end);
    }
    return sim.result();
  } finally {
    await sim.close();
  }
}
