/**
 * Test fixture: signed gentxs built the way `plumed genesis gentx` builds them (a MsgCreateValidator
 * signed in SIGN_MODE_DIRECT, account number 0 and sequence 0 unless told otherwise), and an
 * in-process app over a temporary lmdb store to run InitChain on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { Secp256k1 } from "@cosmjs/crypto";
import { fromBase64 } from "@cosmjs/encoding";
import { encodePubkey, makeAuthInfoBytes, makeSignDoc, DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { encodeSecp256k1Pubkey, rawSecp256k1PubkeyToRawAddress } from "@cosmjs/amino";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { AuthInfo, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AddressCodec } from "../../app/address";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "../../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../../app/chain-config";
import { silentLogger } from "../../app/logger";
import type { JsonObject, JsonValue } from "../../app/module";
import { openCommitMultiStore } from "../../app/store";
import type { CommitMultiStore } from "../../app/store/types";
import { genTxToJson } from "./genesis";

export const CHAIN_ID = "genutil-test-1";
export const codec = new AddressCodec(DEFAULT_CHAIN_SETTINGS.bech32Prefix);

export interface TestOperator {
  readonly privateKey: Uint8Array;
  readonly address: Uint8Array;
  readonly account: string;
  readonly valoper: string;
  /** A 32-byte ed25519 consensus key (any bytes do for the app). */
  readonly consensusKey: Uint8Array;
}

export async function operator(name: string): Promise<TestOperator> {
  const privateKey = new Uint8Array(createHash("sha256").update(`genutil operator ${name}`).digest());
  const pub = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privateKey).pubkey);
  const address = rawSecp256k1PubkeyToRawAddress(pub);
  const consensusKey = new Uint8Array(createHash("sha256").update(`consensus ${name}`).digest());
  return { privateKey, address, account: codec.encodeAccount(address), valoper: codec.encodeValidator(address), consensusKey };
}

export interface GenTxOptions {
  readonly amount?: string;
  /** The commission rate as LegacyDec atomics (10% unless given; max rate 20%). */
  readonly commissionRate?: string;
  readonly denom?: string;
  readonly moniker?: string;
  readonly chainId?: string;
  readonly accountNumber?: bigint;
  readonly sequence?: bigint;
  readonly fee?: string;
  readonly consensusKey?: Uint8Array;
  /** Sign with this operator's key instead (a wrong signature). */
  readonly signer?: TestOperator;
}

export async function signedGenTx(op: TestOperator, o: GenTxOptions = {}): Promise<JsonObject> {
  const msg = MsgCreateValidator.fromPartial({
    description: { moniker: o.moniker ?? "v" },
    commission: { rate: o.commissionRate ?? "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" },
    minSelfDelegation: "1",
    validatorAddress: op.valoper,
    pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: o.consensusKey ?? op.consensusKey }).finish() },
    value: { denom: o.denom ?? "uplume", amount: o.amount ?? "100000000" },
  });
  const body = TxBody.fromPartial({ messages: [{ typeUrl: "/cosmos.staking.v1beta1.MsgCreateValidator", value: MsgCreateValidator.encode(msg).finish() }], memo: "id@127.0.0.1:26656" });
  const signer = o.signer ?? op;
  const wallet = await DirectSecp256k1Wallet.fromKey(signer.privateKey, codec.prefix);
  const [account] = await wallet.getAccounts();
  if (!account) throw new Error("no account");
  const pubkey = encodePubkey(encodeSecp256k1Pubkey(account.pubkey));
  const fee = o.fee === undefined ? [] : [{ denom: "uplume", amount: o.fee }];
  const authInfoBytes = makeAuthInfoBytes([{ pubkey, sequence: o.sequence ?? 0n }], fee, 200000, undefined, undefined);
  const bodyBytes = TxBody.encode(body).finish();
  const doc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId ?? CHAIN_ID, Number(o.accountNumber ?? 0n));
  const { signature } = await wallet.signDirect(account.address, doc);
  return genTxToJson(Tx.fromPartial({ body, authInfo: AuthInfo.decode(authInfoBytes), signatures: [fromBase64(signature.signature)] }));
}

/** A default app_state funding `funded` (account, uplume amount) and holding `genTxs`. */
export function appStateWith(funded: readonly (readonly [string, bigint])[], genTxs: readonly JsonValue[]): Record<string, JsonValue> {
  const state = defaultAppState(DEFAULT_CHAIN_SETTINGS) as Record<string, { [k: string]: JsonValue }>;
  state["auth"] = {
    ...state["auth"],
    accounts: funded.map(([address], i) => ({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address, pub_key: null, account_number: String(i), sequence: "0" })),
  };
  const sorted = [...funded].sort((a, b) => Buffer.compare(Buffer.from(codec.decodeAccount(a[0])), Buffer.from(codec.decodeAccount(b[0]))));
  state["bank"] = { ...state["bank"], balances: sorted.map(([address, amount]) => ({ address, coins: [{ denom: "uplume", amount: amount.toString() }] })) };
  state["genutil"] = { gen_txs: [...genTxs] };
  return state;
}

export interface TestApp {
  readonly app: PlumeApp;
  readonly store: CommitMultiStore;
  close(): Promise<void>;
}

export async function openTestApp(): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-genutil-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger: silentLogger });
  return {
    app,
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
