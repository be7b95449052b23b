/**
 * Staking EndBlock cost and delegate/undelegate throughput at scale, on the real app over a fresh
 * lmdb store (gas limits are generous: as in the SDK, every undelegation of one block rewrites the
 * same unbonding-queue slot, so its write gas grows with the block's earlier undelegations):
 *  - EndBlock (validator set updates + queues) with V validators and D delegations spread over them,
 *    when nothing changes and when 1% of the delegations change in the block. EndBlock must not
 *    walk the delegations: its cost should not grow with D.
 *  - Signed MsgDelegate / MsgUndelegate txs through FinalizeBlock + Commit with D delegations in state.
 *
 *   npx tsx bench/staking-endblock.ts [--validators 100,1000] [--delegations 100000] [--txs 1000]
 */
import { blockHeader } from "../app/block-info";
import { DirectSecp256k1Wallet, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgDelegate, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../app/address";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "../chain/app";
import { Context } from "../app/context";
import { silentLogger } from "../app/logger";
import { Coin, Dec } from "../app/math";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";

const CHAIN_ID = "plume-bench-staking";
const DENOM = "uplume";
const settings = { bech32Prefix: "plume", denom: DENOM };
const addresses = new AddressCodec("plume");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const sha = (text: string): Uint8Array => new Uint8Array(createHash("sha256").update(text).digest());
const addr20 = (text: string): Uint8Array => sha(text).subarray(0, 20);
const time = (height: bigint) => ({ seconds: 1_700_000_000n + height * 5n, nanos: 0 });
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

interface Setup {
  readonly dir: string;
  readonly store: CommitMultiStore;
  readonly app: PlumeApp;
  height: bigint;
}

function blockContext(s: Setup, height: bigint): Context {
  return new Context(s.store.branch(), blockHeader({ chainId: CHAIN_ID, height, time: time(height) }), "finalize", silentLogger);
}

function commitWrites(s: Setup, ctx: Context): void {
  ctx.multiStore.write();
  s.store.workingHash();
  s.store.commit();
}

async function setup(validators: number, delegations: number): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-staking-"));
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "everything", keepRecent: 2, interval: 10 }, nodeCacheSize: 500_000 });
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger: silentLogger });
  const appState = defaultAppState(settings);
  // The cap would refuse the bench's uneven stake; it has its own tests.
  appState["plume_staking"] = { params: { max_validator_power_share: "0.000000000000000000" } };
  app.baseApp.initChain({ chainId: CHAIN_ID, time: time(0n), initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(appState)), validators: [] });
  app.baseApp.finalizeBlock({ height: 1n, time: time(1n), txs: [], misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
  app.baseApp.commit({});
  const s: Setup = { dir, store, app, height: 1n };

  // Validators and delegations through the real msg handlers (signatures are not what is measured).
  const createValidator = app.msgs.handler("/cosmos.staking.v1beta1.MsgCreateValidator");
  const delegate = app.msgs.handler("/cosmos.staking.v1beta1.MsgDelegate");
  const fund = (ctx: Context, address: Uint8Array, amount: bigint): void => {
    app.keepers.bank.setBalance(ctx, address, Coin.of(DENOM, amount));
    app.keepers.bank.setSupply(ctx, app.keepers.bank.getSupply(ctx, DENOM).add(Coin.of(DENOM, amount)));
  };
  let ctx = blockContext(s, ++s.height);
  for (let v = 0; v < validators; v++) {
    const operator = addr20(`operator ${v}`);
    const selfBond = 1_000_000_000n + BigInt(v) * 1_000_000n;
    fund(ctx, operator, selfBond);
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
  for (let d = 0; d < delegations; d++) {
    const delegator = addr20(`delegator ${d}`);
    fund(ctx, delegator, 10_000_000n);
    delegate.handle(ctx, {
      delegatorAddress: addresses.encodeAccount(delegator),
      validatorAddress: addresses.encodeValidator(addr20(`operator ${d % validators}`)),
      amount: { denom: DENOM, amount: "1000000" },
    });
    if (d % 20_000 === 19_999) {
      commitWrites(s, ctx);
      ctx = blockContext(s, ++s.height);
    }
  }
  // The first EndBlock bonds the top max_validators and writes the last powers.
  app.keepers.staking.blockValidatorUpdates(ctx);
  commitWrites(s, ctx);
  return s;
}

function endBlockMs(s: Setup, prepare?: (ctx: Context) => void): number {
  const ctx = blockContext(s, s.height + 1n);
  prepare?.(ctx);
  const t0 = process.hrtime.bigint();
  s.app.keepers.staking.blockValidatorUpdates(ctx);
  return ms(t0); // the branch is dropped: nothing is committed
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function signedTxs(s: Setup, count: number, validators: number, makeMsg: (delegator: string, validator: string) => { typeUrl: string; value: Uint8Array }, sequence: bigint): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const wallet = await DirectSecp256k1Wallet.fromKey(sha(`bench key ${i}`), "plume");
    const [account] = await wallet.getAccounts();
    if (!account) throw new Error("no account");
    const onChain = s.app.keepers.auth.account(s.store.viewAt(Number(s.height)).getReader("acc"), addresses.decodeAccount(account.address));
    const body = TxBody.encode(TxBody.fromPartial({ messages: [makeMsg(account.address, addresses.encodeValidator(addr20(`operator ${i % validators}`)))] })).finish();
    const authInfo = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(account.pubkey)), sequence }], [{ denom: DENOM, amount: "100000" }], 10_000_000, undefined, undefined);
    const { signature, signed } = await wallet.signDirect(account.address, makeSignDoc(body, authInfo, CHAIN_ID, Number(onChain?.accountNumber ?? 0n)));
    out.push(TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish());
  }
  return out;
}

function runBlock(s: Setup, txs: Uint8Array[]): { seconds: number; ok: number } {
  const height = s.height + 1n;
  const t0 = process.hrtime.bigint();
  const res = s.app.baseApp.finalizeBlock({ height, time: time(height), txs, misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
  s.app.baseApp.commit({});
  s.height = height;
  const ok = res.txResults.filter((r) => r.code === 0).length;
  if (ok !== txs.length) {
    const bad = res.txResults.find((r) => r.code !== 0);
    throw new Error(`${txs.length - ok} txs failed, e.g. ${bad?.codespace}/${bad?.code}: ${bad?.log}`);
  }
  return { seconds: ms(t0) / 1000, ok };
}

async function main(): Promise<void> {
  const validatorCounts = arg("validators", "100,1000").split(",").map(Number);
  const delegations = Number(arg("delegations", "100000"));
  const txCount = Number(arg("txs", "1000"));
  process.stdout.write(`staking at scale: ${delegations} delegations; node ${process.version}, 2 cores\n`);
  for (const validators of validatorCounts) {
    const t0 = process.hrtime.bigint();
    const s = await setup(validators, delegations);
    process.stdout.write(`\n${validators} validators (max_validators 100), ${delegations} delegations: state built in ${(ms(t0) / 1000).toFixed(1)} s\n`);
    const idle = median(Array.from({ length: 7 }, () => endBlockMs(s)));
    process.stdout.write(`  EndBlock, nothing changed:               ${idle.toFixed(2)} ms\n`);
    const changed = Math.max(1, Math.floor(delegations / 100));
    const delegate = s.app.msgs.handler("/cosmos.staking.v1beta1.MsgDelegate");
    const busy = median(
      Array.from({ length: 3 }, () =>
        endBlockMs(s, (ctx) => {
          for (let d = 0; d < changed; d++) {
            delegate.handle(ctx, {
              delegatorAddress: addresses.encodeAccount(addr20(`delegator ${d * 97 % delegations}`)),
              validatorAddress: addresses.encodeValidator(addr20(`operator ${(d * 97 % delegations) % validators}`)),
              amount: { denom: DENOM, amount: "1000" },
            });
          }
        }),
      ),
    );
    process.stdout.write(`  EndBlock, 1% of delegations changed (${changed}): ${busy.toFixed(2)} ms\n`);

    if (validators === validatorCounts[0]) {
      // Fund the tx signers, then one block of delegations and one of undelegations.
      const ctx = blockContext(s, ++s.height);
      for (let i = 0; i < txCount; i++) {
        const wallet = await DirectSecp256k1Wallet.fromKey(sha(`bench key ${i}`), "plume");
        const [account] = await wallet.getAccounts();
        const address = addresses.decodeAccount(account?.address ?? "");
        s.app.keepers.bank.setBalance(ctx, address, Coin.of(DENOM, 100_000_000n));
        s.app.keepers.bank.setSupply(ctx, s.app.keepers.bank.getSupply(ctx, DENOM).add(Coin.of(DENOM, 100_000_000n)));
        s.app.keepers.auth.setAccount(ctx, s.app.keepers.auth.newAccount(ctx, address));
      }
      commitWrites(s, ctx);
      const delegateTxs = await signedTxs(s, txCount, validators, (d, v) => ({ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: MsgDelegate.encode({ delegatorAddress: d, validatorAddress: v, amount: { denom: DENOM, amount: "2000000" } }).finish() }), 0n);
      const delegated = runBlock(s, delegateTxs);
      process.stdout.write(`  MsgDelegate through FinalizeBlock+Commit:   ${(delegated.ok / delegated.seconds).toFixed(0)} txs/s (${txCount} signed txs in one block)\n`);
      const undelegateTxs = await signedTxs(s, txCount, validators, (d, v) => ({ typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate", value: MsgUndelegate.encode({ delegatorAddress: d, validatorAddress: v, amount: { denom: DENOM, amount: "1000000" } }).finish() }), 1n);
      const undelegated = runBlock(s, undelegateTxs);
      process.stdout.write(`  MsgUndelegate through FinalizeBlock+Commit: ${(undelegated.ok / undelegated.seconds).toFixed(0)} txs/s\n`);
    }
    await s.store.close();
    rmSync(s.dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
