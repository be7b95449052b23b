/**
 * x/distribution at scale, on the real app over a fresh lmdb store:
 *  - allocation: distribution's BeginBlock (the fee collector's coins shared over every vote of the
 *    last commit) with 100 and 1,000 bonded validators, and the Commit that follows.
 *  - withdraw: one delegator's MsgWithdrawDelegatorReward (and the DelegationRewards query) on a
 *    validator with 1,000 and with 20,000 delegators (--delegators 1000,100000 for the issue's
 *    100,000; building that state takes minutes), 10 blocks and 100,000 blocks after the
 *    delegation started. F1 keeps nothing per block and per delegator: a delegation's rewards are
 *    read from its starting info and two historical records (plus one per slash event in between),
 *    so the cost must be flat in both. The 100,000 blocks are a jump of the block height with a few
 *    allocations around it: blocks in between would only add to the validator's current rewards,
 *    which is one record whatever their number.
 *
 *   npx tsx bench/distribution.ts [--part allocation|withdraw|all] [--validators 100,1000] [--delegators 1000,20000] [--blocks 20]
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { QueryDelegationRewardsRequest } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import { AddressCodec, moduleAddress } from "../app/address";
import { BlockIDFlag, blockHeader, type VoteInfo } from "../app/block-info";
import { Context } from "../app/context";
import { silentLogger } from "../app/logger";
import { Coin, Dec } from "../app/math";
import type { JsonValue } from "../app/module";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "../chain/app";
import { distributionBeginBlock } from "../x/distribution/abci";

const CHAIN_ID = "plume-bench-distribution";
const DENOM = "uplume";
const settings = { bech32Prefix: "plume", denom: DENOM };
const addresses = new AddressCodec("plume");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const digest = (text: string): Uint8Array => new Uint8Array(createHash("sha256").update(text).digest());
const account = (text: string): Uint8Array => digest(text).subarray(0, 20);
const consensusKey = (v: number): Uint8Array => digest(`validator key ${v}`);
const consensusAddress = (v: number): Uint8Array => new Uint8Array(createHash("sha256").update(consensusKey(v)).digest()).subarray(0, 20);
const timeAt = (height: bigint) => ({ seconds: 1_700_000_000n + height * 5n, nanos: 0 });
const elapsedMs = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const middle = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

class Chain {
  readonly dir = mkdtempSync(join(tmpdir(), "plumed-bench-distribution-"));
  readonly store: CommitMultiStore;
  readonly app: PlumeApp;
  height = 0n;

  constructor(validators: number) {
    this.store = openCommitMultiStore({ path: this.dir, storeNames: appStoreNames(settings), pruning: { strategy: "everything", keepRecent: 2, interval: 10 }, nodeCacheSize: 500_000 });
    this.app = createPlumeApp({ chainId: CHAIN_ID, settings, store: this.store, logger: silentLogger });
    const appState = defaultAppState(settings) as Record<string, Record<string, JsonValue>>;
    appState["plume_staking"] = { params: { max_validator_power_share: "0.000000000000000000" } };
    const staking = appState["staking"] as { params: Record<string, JsonValue> };
    appState["staking"] = { ...staking, params: { ...staking.params, max_validators: Math.max(100, validators) } };
    this.app.baseApp.initChain({ chainId: CHAIN_ID, time: timeAt(0n), initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(appState)), validators: [] });
    this.app.baseApp.finalizeBlock({ height: 1n, time: timeAt(1n), txs: [], misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
    this.app.baseApp.commit({});
    this.height = 1n;
    const create = this.app.msgs.handler("/cosmos.staking.v1beta1.MsgCreateValidator");
    const ctx = this.context();
    for (let v = 0; v < validators; v++) {
      const operator = account(`operator ${v}`);
      const bond = 1_000_000_000n + BigInt(v) * 1_000_000n;
      this.credit(ctx, operator, bond);
      create.handle(ctx, {
        description: { moniker: `v${v}`, identity: "", website: "", securityContact: "", details: "" },
        commission: { rate: Dec.fromString("0.05").toProto(), maxRate: Dec.fromString("0.2").toProto(), maxChangeRate: Dec.fromString("0.01").toProto() },
        minSelfDelegation: "1",
        delegatorAddress: "",
        validatorAddress: addresses.encodeValidator(operator),
        pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: consensusKey(v) }).finish() },
        value: { denom: DENOM, amount: bond.toString() },
      });
    }
    this.app.keepers.staking.blockValidatorUpdates(ctx);
    this.commit(ctx);
  }

  /** A block context at `height` (the next one unless given), with these last-commit votes. */
  context(votes: readonly VoteInfo[] = [], height = this.height + 1n): Context {
    return new Context(this.store.branch(), blockHeader({ chainId: CHAIN_ID, height, time: timeAt(height) }), "finalize", silentLogger, {
      comet: { lastCommit: { round: 0, votes }, misbehavior: [], validatorsHash: new Uint8Array(), proposerAddress: consensusAddress(0) },
    });
  }

  /** Writes the block and commits it; returns the commit's milliseconds. */
  commit(ctx: Context): number {
    ctx.multiStore.write();
    const t0 = process.hrtime.bigint();
    this.store.workingHash();
    this.store.commit();
    this.height = ctx.height;
    return elapsedMs(t0);
  }

  credit(ctx: Context, address: Uint8Array, amount: bigint): void {
    const { auth, bank } = this.app.keepers;
    if (auth.getAccount(ctx, address) === undefined) auth.setAccount(ctx, auth.newAccount(ctx, address));
    bank.setBalance(ctx, address, Coin.of(DENOM, bank.getBalance(ctx, address, DENOM).amount.toBigInt() + amount));
    bank.setSupply(ctx, bank.getSupply(ctx, DENOM).add(Coin.of(DENOM, amount)));
  }

  votes(validators: number): VoteInfo[] {
    return Array.from({ length: validators }, (_, v) => ({ validator: { address: consensusAddress(v), power: 1000n + BigInt(v) }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT }));
  }

  /** A block whose BeginBlock shares out `fees` (put in the fee collector) over every validator; returns its milliseconds. */
  allocate(validators: number, fees: bigint, height?: bigint): { allocation: number; commit: number } {
    const ctx = this.context(this.votes(validators), height);
    this.credit(ctx, moduleAddress("fee_collector"), fees);
    const t0 = process.hrtime.bigint();
    distributionBeginBlock(ctx, this.app.keepers.distribution);
    const allocation = elapsedMs(t0);
    return { allocation, commit: this.commit(ctx) };
  }

  close(): void {
    void this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function allocation(validatorCounts: readonly number[], blocks: number): void {
  process.stdout.write(`\nallocation: distribution BeginBlock over the last commit, ${blocks} blocks (median)\n`);
  process.stdout.write("  validators   BeginBlock   per vote    Commit\n");
  for (const validators of validatorCounts) {
    const chain = new Chain(validators);
    const begin: number[] = [];
    const commit: number[] = [];
    for (let b = 0; b < blocks; b++) {
      const t = chain.allocate(validators, 1_234_567n + BigInt(b));
      begin.push(t.allocation);
      commit.push(t.commit);
    }
    const m = middle(begin);
    process.stdout.write(`  ${String(validators).padStart(10)}   ${m.toFixed(2).padStart(7)} ms   ${((m * 1000) / validators).toFixed(1).padStart(5)} µs   ${middle(commit).toFixed(2).padStart(6)} ms\n`);
    chain.close();
  }
}

function withdraw(delegatorCounts: readonly number[]): void {
  process.stdout.write("\nwithdraw: one delegator's rewards on a validator with many delegators (median of 25 delegators, each on a dropped branch)\n");
  process.stdout.write("  delegators   since its start   DelegationRewards query   MsgWithdrawDelegatorReward\n");
  const validators = 10;
  for (const delegators of delegatorCounts) {
    const chain = new Chain(validators);
    const { app } = chain;
    const delegate = app.msgs.handler("/cosmos.staking.v1beta1.MsgDelegate");
    const withdrawHandler = app.msgs.handler("/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward");
    const valoper = addresses.encodeValidator(account("operator 0"));
    const t0 = process.hrtime.bigint();
    let ctx = chain.context(chain.votes(validators));
    for (let d = 0; d < delegators; d++) {
      const delegator = account(`delegator ${d}`);
      chain.credit(ctx, delegator, 10_000_000n);
      delegate.handle(ctx, { delegatorAddress: addresses.encodeAccount(delegator), validatorAddress: valoper, amount: { denom: DENOM, amount: (1_000_000n + BigInt(d)).toString() } });
      if (d % 500 === 499) {
        chain.commit(ctx);
        ctx = chain.context(chain.votes(validators));
      }
    }
    chain.commit(ctx);
    process.stdout.write(`  (${delegators} delegations built in ${(elapsedMs(t0) / 1000).toFixed(1)} s)\n`);
    const sample = Array.from({ length: 25 }, (_, i) => Math.floor((i * delegators) / 25));
    for (const gap of [10n, 100_000n]) {
      // Blocks since the delegations started: a few allocations, the height jumped to `gap` later.
      const target = chain.height + gap;
      for (let b = 0; b < 3; b++) chain.allocate(validators, 9_876_543n);
      chain.allocate(validators, 9_876_543n, target);
      const queryTimes: number[] = [];
      const withdrawTimes: number[] = [];
      for (const d of sample) {
        const delegatorAddress = addresses.encodeAccount(account(`delegator ${d}`));
        const q0 = process.hrtime.bigint();
        const res = app.baseApp.query(
          RequestQuery.fromPartial({ path: "/cosmos.distribution.v1beta1.Query/DelegationRewards", data: QueryDelegationRewardsRequest.encode({ delegatorAddress, validatorAddress: valoper }).finish() }),
        );
        if (res instanceof Promise || res.code !== 0) throw new Error("DelegationRewards failed");
        queryTimes.push(elapsedMs(q0));
        const branch = chain.context(chain.votes(validators));
        const w0 = process.hrtime.bigint();
        withdrawHandler.handle(branch, { delegatorAddress, validatorAddress: valoper });
        withdrawTimes.push(elapsedMs(w0));
      }
      const label = gap === 10n ? "~10 blocks" : "100,000 blocks";
      process.stdout.write(
        `  ${String(delegators).padStart(10)}   ${label.padStart(15)}   ${(middle(queryTimes) * 1000).toFixed(0).padStart(20)} µs   ${(middle(withdrawTimes) * 1000).toFixed(0).padStart(23)} µs\n`,
      );
    }
    chain.close();
  }
}

function main(): void {
  const part = arg("part", "all");
  process.stdout.write(`x/distribution at scale; node ${process.version}\n`);
  if (part === "all" || part === "allocation") allocation(arg("validators", "100,1000").split(",").map(Number), Number(arg("blocks", "20")));
  if (part === "all" || part === "withdraw") withdraw(arg("delegators", "1000,20000").split(",").map(Number));
}

main();
