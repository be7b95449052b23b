/**
 * Pre-signed bank sends for the benchmarks: senders with keys derived from their index, funded in a
 * genesis app state, and SIGN_MODE_DIRECT MsgSends signed by cosmjs' wallet (zero fees).
 */
import { encodeSecp256k1Pubkey, rawSecp256k1PubkeyToRawAddress } from "@cosmjs/amino";
import { Secp256k1 } from "@cosmjs/crypto";
import { fromBase64, toBech32 } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import * as abci from "cosmjs-types/tendermint/abci/types";
import { createHash } from "node:crypto";
import { AddressCodec } from "../app/address";
import type { BaseApp } from "../app/base-app";
import type { JsonValue } from "../app/module";
import { authGenesisToJson, parseAuthGenesis } from "../x/auth/genesis";
import { bankGenesisStateToJson, readBankGenesisState } from "../x/bank/genesis";

export const BENCH_CHAIN_ID = "plume-bench-1";
export const BENCH_DENOM = "uplume";
const CHAIN_ID = BENCH_CHAIN_ID;
const DENOM = BENCH_DENOM;
const PREFIX = "plume";

/** Each sender's genesis balance. */
export const SENDER_BALANCE = 1_000_000_000n;

export interface Sender {
  readonly privkey: Uint8Array;
  readonly pubkey: Uint8Array;
  readonly address: Uint8Array;
  readonly bech32: string;
  readonly accountNumber: bigint;
}



/**
 * Senders with account numbers from `firstNumber` (the accounts already in genesis come first);
 * another `seed` gives other keys and addresses.
 */
export async function makeSenders(count: number, firstNumber = 1n, seed = ""): Promise<Sender[]> {
  const out: Sender[] = [];
  for (let i = 0; i < count; i++) {
    const privkey = new Uint8Array(createHash("sha256").update(`plumed bench sender ${seed}${i}`).digest());
    const pubkey = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privkey).pubkey);
    const address = rawSecp256k1PubkeyToRawAddress(pubkey);
    out.push({ privkey, pubkey, address, bech32: toBech32(PREFIX, address), accountNumber: firstNumber + BigInt(i) });
  }
  return out;
}

/** Adds the senders to genesis with a balance each (auth accounts in number order, bank supply). */
export function fundSenders(appState: Record<string, JsonValue>, senders: readonly Sender[], prefix = PREFIX): void {
  const addresses = new AddressCodec(prefix);
  const auth = parseAuthGenesis(appState["auth"] ?? null, addresses);
  const taken = auth.accounts.reduce((max, a) => (a.accountNumber > max ? a.accountNumber : max), -1n);
  const first = senders[0]?.accountNumber ?? 0n;
  if (taken >= first) throw new Error(`genesis already has account number ${taken}; the senders start at ${first}`);
  const accounts = [...auth.accounts, ...senders.map((s) => ({ address: s.address, pubKey: undefined, accountNumber: s.accountNumber, sequence: 0n }))];
  appState["auth"] = authGenesisToJson({ ...auth, accounts }, addresses);
  const bank = readBankGenesisState(appState["bank"] ?? null);
  const each = SENDER_BALANCE;
  const balances = [...bank.balances, ...senders.map((s) => ({ address: addresses.encodeAccount(s.address), coins: [{ denom: DENOM, amount: each.toString() }] }))];
  balances.sort((a, b) => Buffer.compare(Buffer.from(addresses.decodeAccount(a.address)), Buffer.from(addresses.decodeAccount(b.address))));
  const supply = bank.supply.map((c) => (c.denom === DENOM ? { denom: DENOM, amount: (BigInt(c.amount) + each * BigInt(senders.length)).toString() } : c));
  appState["bank"] = bankGenesisStateToJson({ ...bank, balances, supply });
}

/**
 * Sender i's txs: sequences 0.., each sending 1uplume; tx n (n-th signed, from sender n % senders)
 * goes to `recipient(n)` when given, else to the next sender (an existing account). Addresses in
 * the messages with `prefix` (another chain's, for the Go reference node).
 */
export async function signAll(
  senders: readonly Sender[],
  total: number,
  options: { readonly prefix?: string; readonly recipient?: (n: number) => string } = {},
): Promise<Uint8Array[][]> {
  const prefix = options.prefix ?? PREFIX;
  const perSender: Uint8Array[][] = senders.map(() => []);
  const wallets = await Promise.all(senders.map((s) => DirectSecp256k1Wallet.fromKey(s.privkey, prefix)));
  const bech32 = senders.map((s) => (prefix === PREFIX ? s.bech32 : toBech32(prefix, s.address)));
  for (let n = 0; n < total; n++) {
    const i = n % senders.length;
    const s = senders[i] as Sender;
    const from = bech32[i] as string;
    const to = options.recipient !== undefined ? options.recipient(n) : (bech32[(i + 1) % senders.length] as string);
    const list = perSender[i] as Uint8Array[];
    const wallet = wallets[i] as DirectSecp256k1Wallet;
    const bodyBytes = TxBody.encode(
      TxBody.fromPartial({
        messages: [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: from, toAddress: to, amount: [{ denom: DENOM, amount: "1" }] }).finish() }],
      }),
    ).finish();
    const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(s.pubkey)), sequence: BigInt(list.length) }], [], 200_000, undefined, undefined);
    const signDoc = makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, Number(s.accountNumber));
    const { signature, signed } = await wallet.signDirect(from, signDoc);
    list.push(TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish());
  }
  return perSender;
}

/** InitChain of the bench chain at height 1 with `appState` as its genesis app state. */
export function initBenchChain(app: BaseApp, appState: unknown): void {
  app.initChain(
    abci.RequestInitChain.fromPartial({
      chainId: CHAIN_ID,
      time: { seconds: 1_700_000_000n, nanos: 0 },
      initialHeight: 1n,
      appStateBytes: new TextEncoder().encode(JSON.stringify(appState)),
    }),
  );
}

/** The bench chain's FinalizeBlock request at `height` (a second per height, no votes). */
export function benchBlockRequest(height: bigint, txs: Uint8Array[]): abci.RequestFinalizeBlock {
  return abci.RequestFinalizeBlock.fromPartial({
    height,
    time: { seconds: 1_700_000_000n + height, nanos: 0 },
    hash: new Uint8Array(32).fill(Number(height % 256n)),
    txs,
    decidedLastCommit: { round: 0, votes: [] },
  });
}
