/**
 * x/gov on the real app over a fresh lmdb store: a proposal with 100,000 votes already cast (each
 * voter delegating to one of 10 validators), then
 *  - MsgVote throughput through FinalizeBlock+Commit: one block of signed votes by new voters;
 *  - the EndBlock that ends the proposal (the running tally: O(bonded validators)), and the
 *    Commit of that block;
 *  - the blocks that prune the ended proposal's votes (2,000 entries each).
 *
 *   npx tsx bench/gov-finalize.ts [--votes 100000] [--txs 1000]
 */
import { DirectSecp256k1Wallet, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../app/address";
import { blockHeader } from "../app/block-info";
import { Context } from "../app/context";
import { silentLogger } from "../app/logger";
import { Coin, Dec } from "../app/math";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "../chain/app";

const CHAIN_ID = "plume-bench-gov";
const DENOM = "uplume";
const settings = { bech32Prefix: "plume", denom: DENOM };
const addresses = new AddressCodec("plume");
const VALIDATORS = 10;

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

function fund(s: Setup, ctx: Context, address: Uint8Array, amount: bigint): void {
  const bank = s.app.keepers.bank;
  const auth = s.app.keepers.auth;
  if (!auth.hasAccount(ctx, address)) auth.setAccount(ctx, auth.newAccount(ctx, address));
  bank.setBalance(ctx, address, Coin.of(DENOM, amount));
  bank.setSupply(ctx, bank.getSupply(ctx, DENOM).add(Coin.of(DENOM, amount)));
}

async function setup(votes: number): Promise<{ s: Setup; id: bigint }> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-gov-"));
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "everything", keepRecent: 2, interval: 10 }, nodeCacheSize: 500_000 });
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger: silentLogger });
  const appState = defaultAppState(settings);
  appState["plume_staking"] = { params: { max_validator_power_share: "0.000000000000000000" } };
  app.baseApp.initChain({ chainId: CHAIN_ID, time: time(0n), initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(appState)), validators: [] });
  app.baseApp.finalizeBlock({ height: 1n, time: time(1n), txs: [], misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
  app.baseApp.commit({});
  const s: Setup = { dir, store, app, height: 1n };
  const h = (url: string): { handle(ctx: Context, msg: unknown): { value: Uint8Array } } => app.msgs.handler(url);

  let ctx = blockContext(s, ++s.height);
  for (let v = 0; v < VALIDATORS; v++) {
    const operator = addr20(`operator ${v}`);
    fund(s, ctx, operator, 1_000_000_000n);
    h("/cosmos.staking.v1beta1.MsgCreateValidator").handle(ctx, {
      description: { moniker: `v${v}`, identity: "", website: "", securityContact: "", details: "" },
      commission: { rate: Dec.fromString("0.1").toProto(), maxRate: Dec.fromString("0.2").toProto(), maxChangeRate: Dec.fromString("0.01").toProto() },
      minSelfDelegation: "1",
      delegatorAddress: "",
      validatorAddress: addresses.encodeValidator(operator),
      pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: sha(`consensus ${v}`) }).finish() },
      value: { denom: DENOM, amount: "1000000000" },
    });
  }
  app.keepers.staking.blockValidatorUpdates(ctx);
  const proposer = addr20("proposer");
  fund(s, ctx, proposer, 100_000_000n);
  const res = h("/cosmos.gov.v1.MsgSubmitProposal").handle(ctx, {
    messages: [],
    initialDeposit: [{ denom: DENOM, amount: "10000000" }],
    proposer: addresses.encodeAccount(proposer),
    metadata: "bench",
    title: "bench",
    summary: "bench",
    expedited: false,
  });
  const id = MsgSubmitProposalResponse.decode(res.value).proposalId;
  commitWrites(s, ctx);

  ctx = blockContext(s, ++s.height);
  for (let d = 0; d < votes; d++) {
    const voter = addr20(`voter ${d}`);
    fund(s, ctx, voter, 10_000_000n);
    h("/cosmos.staking.v1beta1.MsgDelegate").handle(ctx, {
      delegatorAddress: addresses.encodeAccount(voter),
      validatorAddress: addresses.encodeValidator(addr20(`operator ${d % VALIDATORS}`)),
      amount: { denom: DENOM, amount: "1000000" },
    });
    h("/cosmos.gov.v1.MsgVote").handle(ctx, { proposalId: id, voter: addresses.encodeAccount(voter), option: d % 3 === 0 ? VoteOption.VOTE_OPTION_NO : VoteOption.VOTE_OPTION_YES, metadata: "" });
    if (d % 20_000 === 19_999) {
      commitWrites(s, ctx);
      ctx = blockContext(s, ++s.height);
    }
  }
  commitWrites(s, ctx);
  return { s, id };
}

async function signedVotes(s: Setup, count: number, id: bigint): Promise<Uint8Array[]> {
  const ctx = blockContext(s, ++s.height);
  const wallets: DirectSecp256k1Wallet[] = [];
  for (let i = 0; i < count; i++) {
    const wallet = await DirectSecp256k1Wallet.fromKey(sha(`bench key ${i}`), "plume");
    const [account] = await wallet.getAccounts();
    const address = addresses.decodeAccount(account?.address ?? "");
    fund(s, ctx, address, 100_000_000n);
    (s.app.msgs.handler("/cosmos.staking.v1beta1.MsgDelegate") as { handle(c: Context, m: unknown): unknown }).handle(ctx, {
      delegatorAddress: account?.address ?? "",
      validatorAddress: addresses.encodeValidator(addr20(`operator ${i % VALIDATORS}`)),
      amount: { denom: DENOM, amount: "1000000" },
    });
    wallets.push(wallet);
  }
  commitWrites(s, ctx);
  const out: Uint8Array[] = [];
  for (const wallet of wallets) {
    const [account] = await wallet.getAccounts();
    if (!account) throw new Error("no account");
    const onChain = s.app.keepers.auth.account(s.store.viewAt(Number(s.height)).getReader("acc"), addresses.decodeAccount(account.address));
    const msg = { typeUrl: "/cosmos.gov.v1.MsgVote", value: MsgVote.encode({ proposalId: id, voter: account.address, option: VoteOption.VOTE_OPTION_ABSTAIN, metadata: "" }).finish() };
    const body = TxBody.encode(TxBody.fromPartial({ messages: [msg] })).finish();
    const authInfo = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(account.pubkey)), sequence: 0n }], [{ denom: DENOM, amount: "100000" }], 10_000_000, undefined, undefined);
    const { signature, signed } = await wallet.signDirect(account.address, makeSignDoc(body, authInfo, CHAIN_ID, Number(onChain?.accountNumber ?? 0n)));
    out.push(TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish());
  }
  return out;
}

async function main(): Promise<void> {
  const votes = Number(arg("votes", "100000"));
  const txCount = Number(arg("txs", "1000"));
  process.stdout.write(`gov at scale: ${VALIDATORS} validators, a proposal with ${votes} votes; node ${process.version}, 2 cores\n`);
  let t0 = process.hrtime.bigint();
  const { s, id } = await setup(votes);
  process.stdout.write(`  state built in ${(ms(t0) / 1000).toFixed(1)} s\n`);

  const txs = await signedVotes(s, txCount, id);
  const height = s.height + 1n;
  t0 = process.hrtime.bigint();
  const res = s.app.baseApp.finalizeBlock({ height, time: time(height), txs, misbehavior: [], hash: new Uint8Array(32), nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
  s.app.baseApp.commit({});
  const seconds = ms(t0) / 1000;
  s.height = height;
  const ok = res.txResults.filter((r) => r.code === 0).length;
  if (ok !== txs.length) throw new Error(`${txs.length - ok} vote txs failed: ${res.txResults.find((r) => r.code !== 0)?.log ?? ""}`);
  process.stdout.write(`  MsgVote through FinalizeBlock+Commit with ${votes} votes cast: ${(ok / seconds).toFixed(0)} txs/s (${ok} signed txs in one block)\n`);

  // The block at the end of the voting period (48 h): gov's EndBlock ends the proposal.
  const proposal = s.app.keepers.gov.getProposal(blockContext(s, s.height), id);
  const end = proposal?.votingEndTime;
  if (end === undefined) throw new Error("the proposal is not in its voting period");
  const ctx = new Context(s.store.branch(), blockHeader({ chainId: CHAIN_ID, height: ++s.height, time: end }), "finalize", silentLogger);
  t0 = process.hrtime.bigint();
  if (proposal !== undefined) s.app.keepers.gov.tally(ctx, proposal);
  const tallyMs = ms(t0);
  t0 = process.hrtime.bigint();
  s.app.keepers.gov.endBlock(ctx);
  const endMs = ms(t0);
  t0 = process.hrtime.bigint();
  commitWrites(s, ctx);
  const commitMs = ms(t0);
  const status = s.app.keepers.gov.getProposal(blockContext(s, s.height), id);
  process.stdout.write(`  the tally alone: ${tallyMs.toFixed(1)} ms\n`);
  process.stdout.write(`  EndBlock ending it (tally over ${VALIDATORS} validators, ${status?.status === 3 ? "passed" : `status ${status?.status ?? "?"}`}, + one 2,000-entry prune batch): ${endMs.toFixed(1)} ms; its Commit ${commitMs.toFixed(1)} ms\n`);
  let blocks = 0;
  t0 = process.hrtime.bigint();
  for (;;) {
    const c = blockContext(s, ++s.height);
    const removed = s.app.keepers.gov.prune(c, 2000);
    commitWrites(s, c);
    if (removed === 0) break;
    blocks++;
  }
  process.stdout.write(`  pruning the rest: ${blocks} blocks, ${(ms(t0) / Math.max(blocks, 1)).toFixed(1)} ms per block (EndBlock + Commit)\n`);
  await s.store.close();
  rmSync(s.dir, { recursive: true, force: true });
}

void main();
