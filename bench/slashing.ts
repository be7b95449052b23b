/**
 * x/slashing at scale, on the real app over a fresh lmdb store:
 *  - liveness: slashing's BeginBlock (every vote of the last commit through
 *    HandleValidatorSignature) with 100 and 1,000 bonded validators, with a window of 100 and of
 *    10,000 blocks, 10% of the votes ABSENT. The missed-block bitmap is kept in 1024-bit chunks, so
 *    a vote reads one signing info and one chunk whatever the window: the cost must grow with the
 *    validators, not with the window. Also the Commit that follows (the writes hashed).
 *  - slash: staking's Slash of a validator whose stake has 10,000 unbonding delegations and 10,000
 *    redelegation entries created after the infraction (all slashed), and the same when they were
 *    created before it (only walked).
 *
 *   npx tsx bench/slashing.ts [--part liveness|slash|all] [--validators 100,1000] [--windows 100,10000] [--blocks 30] [--entries 10000]
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { AddressCodec } from "../app/address";
import { BlockIDFlag, blockHeader, type VoteInfo } from "../app/block-info";
import { Context } from "../app/context";
import { silentLogger } from "../app/logger";
import { Coin, Dec } from "../app/math";
import type { JsonValue } from "../app/module";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "../chain/app";
import { slashingBeginBlock } from "../x/slashing/abci";

const CHAIN_ID = "plume-bench-slashing";
const DENOM = "uplume";
const settings = { bech32Prefix: "plume", denom: DENOM };
const addresses = new AddressCodec("plume");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const sha = (text: string): Uint8Array => new Uint8Array(createHash("sha256").update(text).digest());
const addr20 = (text: string): Uint8Array => sha(text).subarray(0, 20);
/** Validator v's consensus address: sha256 of its ed25519 key sha(`consensus v`), first 20 bytes. */
const consAddr = (v: number): Uint8Array => new Uint8Array(createHash("sha256").update(sha(`consensus ${v}`)).digest()).subarray(0, 20);
const time = (height: bigint) => ({ seconds: 1_700_000_000n + height * 5n, nanos: 0 });
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

interface Setup {
  readonly dir: string;
  readonly store: CommitMultiStore;
  readonly app: PlumeApp;
  height: bigint;
}

function blockContext(s: Setup, height: bigint, votes: readonly VoteInfo[] = []): Context {
  return new Context(s.store.branch(), blockHeader({ chainId: CHAIN_ID, height, time: time(height) }), "finalize", silentLogger, {
    comet: { lastCommit: { round: 0, votes }, misbehavior: [], validatorsHash: new Uint8Array(), proposerAddress: new Uint8Array() },
  });
}

/** Writes the block's branch and commits it; returns the commit's milliseconds. */
function commitWrites(s: Setup, ctx: Context): number {
  ctx.multiStore.write();
  const t0 = process.hrtime.bigint();
  s.store.workingHash();
  s.store.commit();
  s.height = ctx.height;
  return ms(t0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function fund(app: PlumeApp, ctx: Context, address: Uint8Array, amount: bigint): void {
  if (app.keepers.auth.getAccount(ctx, address) === undefined) app.keepers.auth.setAccount(ctx, app.keepers.auth.newAccount(ctx, address));
  app.keepers.bank.setBalance(ctx, address, Coin.of(DENOM, app.keepers.bank.getBalance(ctx, address, DENOM).amount.toBigInt() + amount));
  app.keepers.bank.setSupply(ctx, app.keepers.bank.getSupply(ctx, DENOM).add(Coin.of(DENOM, amount)));
}

/** A chain with `validators` bonded validators (all in the set: max_validators raised to fit). */
function setup(validators: number, unbondingSeconds = 1_814_400): Setup {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-slashing-"));
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "everything", keepRecent: 2, interval: 10 }, nodeCacheSize: 500_000 });
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger: silentLogger });
  const appState = defaultAppState(settings) as Record<string, Record<string, JsonValue>>;
  appState["plume_staking"] = { params: { max_validator_power_share: "0.000000000000000000" } };
  const staking = appState["staking"] as { params: Record<string, JsonValue> };
  appState["staking"] = { ...staking, params: { ...staking.params, max_validators: Math.max(100, validators), unbonding_time: `${unbondingSeconds}s` } };
  app.baseApp.initChain({ chainId: CHAIN_ID, time: time(0n), initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(appState)), validators: [] });
  app.baseApp.finalizeBlock({ height: 1n, time: time(1n), txs: [], misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
  app.baseApp.commit({});
  const s: Setup = { dir, store, app, height: 1n };
  const createValidator = app.msgs.handler("/cosmos.staking.v1beta1.MsgCreateValidator");
  const ctx = blockContext(s, s.height + 1n);
  for (let v = 0; v < validators; v++) {
    const operator = addr20(`operator ${v}`);
    const selfBond = 1_000_000_000n + BigInt(v) * 1_000_000n;
    fund(app, ctx, operator, selfBond);
    createValidator.handle(ctx, {
      description: { moniker: `v${v}`, identity: "", website: "", securityContact: "", details: "" },
      commission: { rate: Dec.fromString("0.1").toProto(), maxRate: Dec.fromString("0.2").toProto(), maxChangeRate: Dec.fromString("0.01").toProto() },
      minSelfDelegation: "1",
      delegatorAddress: "",
      validatorAddress: addresses.encodeValidator(operator),
      pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: sha(`consensus ${v}`) }).finish() },
      value: { denom: DENOM, amount: selfBond.toString() },
    });
  }
  // The EndBlock bonds them all; slashing's AfterValidatorBonded hook gives each its signing info.
  app.keepers.staking.blockValidatorUpdates(ctx);
  commitWrites(s, ctx);
  return s;
}

function close(s: Setup): void {
  void s.store.close();
  rmSync(s.dir, { recursive: true, force: true });
}

function liveness(validatorCounts: readonly number[], windows: readonly bigint[], blocks: number): void {
  process.stdout.write(`\nliveness: slashing BeginBlock per block, ${blocks} blocks, 10% of the votes ABSENT (median)\n`);
  process.stdout.write("  validators  window   BeginBlock   per vote   Commit\n");
  for (const validators of validatorCounts) {
    for (const window of windows) {
      const s = setup(validators);
      const { slashing } = s.app.keepers;
      // Start deep in the window, so that the votes' bits land anywhere in a 10,000-block window.
      const ctx0 = blockContext(s, s.height + 1n);
      slashing.setParams(ctx0, { ...slashing.getParams(ctx0), signedBlocksWindow: window });
      for (let v = 0; v < validators; v++) {
        const c = consAddr(v);
        const info = slashing.getSigningInfo(ctx0, c);
        if (info === undefined) throw new Error("no signing info");
        slashing.setSigningInfo(ctx0, c, { ...info, startHeight: 0n, indexOffset: BigInt((v * 7919) % Number(window)) });
      }
      commitWrites(s, ctx0);
      const begin: number[] = [];
      const commit: number[] = [];
      for (let b = 0; b < blocks; b++) {
        const votes: VoteInfo[] = Array.from({ length: validators }, (_, v) => ({
          validator: { address: consAddr(v), power: 1000n + BigInt(v) },
          blockIdFlag: (v + b) % 10 === 0 ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT : BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
        }));
        const ctx = blockContext(s, s.height + 1n, votes);
        const t0 = process.hrtime.bigint();
        slashingBeginBlock(ctx, slashing);
        begin.push(ms(t0));
        commit.push(commitWrites(s, ctx));
      }
      const m = median(begin);
      process.stdout.write(`  ${String(validators).padStart(10)}  ${String(window).padStart(6)}   ${m.toFixed(2).padStart(7)} ms   ${((m * 1000) / validators).toFixed(1).padStart(5)} µs   ${median(commit).toFixed(2).padStart(6)} ms\n`);
      close(s);
    }
  }
}

function slash(entries: number): void {
  process.stdout.write(`\nslash: a validator with ${entries} unbonding delegations and ${entries} redelegation entries\n`);
  const s = setup(2);
  const { app } = s;
  const delegate = app.msgs.handler("/cosmos.staking.v1beta1.MsgDelegate");
  const undelegate = app.msgs.handler("/cosmos.staking.v1beta1.MsgUndelegate");
  const redelegate = app.msgs.handler("/cosmos.staking.v1beta1.MsgBeginRedelegate");
  const src = addresses.encodeValidator(addr20("operator 0"));
  const dst = addresses.encodeValidator(addr20("operator 1"));
  const firstEntryHeight = s.height + 1n;
  const t0 = process.hrtime.bigint();
  let ctx = blockContext(s, s.height + 1n);
  for (let d = 0; d < 2 * entries; d++) {
    const delegator = addr20(`delegator ${d}`);
    fund(app, ctx, delegator, 10_000_000n);
    delegate.handle(ctx, { delegatorAddress: addresses.encodeAccount(delegator), validatorAddress: src, amount: { denom: DENOM, amount: "2000000" } });
    if (d < entries) undelegate.handle(ctx, { delegatorAddress: addresses.encodeAccount(delegator), validatorAddress: src, amount: { denom: DENOM, amount: "1000000" } });
    else redelegate.handle(ctx, { delegatorAddress: addresses.encodeAccount(delegator), validatorSrcAddress: src, validatorDstAddress: dst, amount: { denom: DENOM, amount: "1000000" } });
    // A block per 200 delegators: undelegations of one block share one unbonding-queue slot,
    // which every one of them rewrites (as in the SDK), so big blocks would build slowly.
    if (d % 200 === 199) {
      commitWrites(s, ctx);
      ctx = blockContext(s, s.height + 1n);
    }
  }
  commitWrites(s, ctx);
  for (let i = 0; i < 3; i++) commitWrites(s, blockContext(s, s.height + 1n));
  process.stdout.write(`  state built in ${(ms(t0) / 1000).toFixed(1)} s\n`);
  const cons = consAddr(0);
  // The same state twice: an infraction after every entry (they are only walked), then one before
  // them all (every entry is slashed). The first branch is dropped, the second committed.
  for (const infraction of [s.height, firstEntryHeight]) {
    const slashCtx = blockContext(s, s.height + 1n);
    const v = app.keepers.staking.getValidatorByConsAddr(slashCtx, cons);
    const power = BigInt(v?.tokens ?? "0") / 1_000_000n;
    const t1 = process.hrtime.bigint();
    const burned = app.keepers.slashing.slashWithReason(slashCtx, cons, Dec.fromString("0.05"), power, infraction - 1n, "double_sign");
    const slashMs = ms(t1);
    const all = infraction === firstEntryHeight;
    const commitMs = all ? commitWrites(s, slashCtx) : undefined;
    process.stdout.write(
      `  infraction ${all ? "before the entries (all slashed)" : "after the entries (only walked)"}: Slash ${slashMs.toFixed(0)} ms, ${((slashMs * 1000) / (2 * entries)).toFixed(1)} µs per entry` +
        `${commitMs === undefined ? "" : `, then Commit ${commitMs.toFixed(0)} ms`}; ${burned.toString()}${DENOM} of ${power * 50_000n}${DENOM} burned from the validator itself\n`,
    );
  }
  close(s);
}

function main(): void {
  const part = arg("part", "all");
  process.stdout.write(`x/slashing at scale; node ${process.version}\n`);
  if (part === "all" || part === "liveness") {
    liveness(
      arg("validators", "100,1000").split(",").map(Number),
      arg("windows", "100,10000").split(",").map((w) => BigInt(w)),
      Number(arg("blocks", "30")),
    );
  }
  if (part === "all" || part === "slash") slash(Number(arg("entries", "10000")));
}

main();
