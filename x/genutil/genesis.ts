/**
 * x/genutil's genesis section, `app_state.genutil = {"gen_txs": [<signed tx>, ...]}`: the SDK's JSON
 * of cosmos.genutil.v1beta1.GenesisState, read and written by the SDK JSON codec (app/json), in
 * which gen_txs are json.RawMessage (each the SDK's JSON of a cosmos.tx.v1beta1.Tx, as `simd
 * genesis gentx` writes it) holding exactly one MsgCreateValidator. Decoding and validation follow
 * x/genutil/types/genesis.go (ValidateAndGetGenTx) with its texts; DeliverGenTxs is in module.ts.
 */
import { GenesisState } from "cosmjs-types/cosmos/genutil/v1beta1/genesis";
import { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { AuthInfo, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { fromSdkJson, sdkJsonStringify, toSdkJson } from "../../app/json";
import type { JsonObject, JsonValue } from "../../app/module";

export const GENUTIL_MODULE = "genutil";
export const GENUTIL_GENESIS_TYPE = "cosmos.genutil.v1beta1.GenesisState";
export const TX_TYPE_URL = "/cosmos.tx.v1beta1.Tx";
export const MSG_CREATE_VALIDATOR_TYPE_URL = "/cosmos.staking.v1beta1.MsgCreateValidator";

export interface GenutilGenesis {
  /** The gentxs as JSON objects, in the order InitChain delivers them. */
  readonly genTxs: readonly JsonObject[];
}

const isJsonObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function defaultGenutilGenesisJson(): JsonValue {
  return genutilGenesisToJson({ genTxs: [] });
}

export function genutilGenesisToJson(g: GenutilGenesis): JsonValue {
  return toSdkJson(GENUTIL_GENESIS_TYPE, GenesisState.fromPartial({ genTxs: g.genTxs.map((t) => utf8.encode(JSON.stringify(t))) }));
}

/** Reads the section; each gentx must be a JSON object (a tx's JSON), decoded later by decodeGenTx. */
export function parseGenutilGenesis(json: JsonValue): GenutilGenesis {
  const state = fromSdkJson<GenesisState>(GENUTIL_GENESIS_TYPE, json, { path: GENUTIL_MODULE });
  const genTxs = state.genTxs.map((bytes, i) => {
    const tx = JSON.parse(fromUtf8.decode(bytes)) as JsonValue;
    if (!isJsonObject(tx)) throw new Error(`${GENUTIL_MODULE}.gen_txs[${i}]: expected an object`);
    return tx;
  });
  return { genTxs };
}

/** A decoded gentx: the tx, its one MsgCreateValidator, and the TxRaw bytes the pipeline runs. */
export interface GenTx {
  readonly tx: Tx;
  readonly msg: MsgCreateValidator;
  readonly bytes: Uint8Array;
}

/** The SDK's JSON of a signed tx (what gentx files and `gen_txs` entries hold). */
export function genTxToJson(tx: Tx): JsonObject {
  return toSdkJson(TX_TYPE_URL, tx) as JsonObject;
}

/**
 * The TxRaw bytes of a tx: body and auth info encoded as protobuf, which are exactly the bytes a
 * signer covered when it signed the same body and auth info (the SDK's TxEncoder after its
 * TxJSONDecoder).
 */
export function txRawBytes(tx: Tx): Uint8Array {
  return TxRaw.encode(
    TxRaw.fromPartial({
      bodyBytes: TxBody.encode(tx.body ?? TxBody.fromPartial({})).finish(),
      authInfoBytes: AuthInfo.encode(tx.authInfo ?? AuthInfo.fromPartial({})).finish(),
      signatures: tx.signatures,
    }),
  ).finish();
}

/**
 * ValidateAndGetGenTx: the JSON decodes to a tx, the tx has exactly one message, a
 * MsgCreateValidator. Errors carry the SDK's texts, prefixed by `where` (e.g.
 * "genutil.gen_txs[2]" or a file name). The message itself is not validated here: the SDK's
 * default MessageValidator calls ValidateBasic, which v0.50's MsgCreateValidator does not have;
 * its checks run when the gentx executes at InitChain.
 */
export function decodeGenTx(json: JsonValue, where: string): GenTx {
  let tx: Tx;
  try {
    tx = fromSdkJson<Tx>(TX_TYPE_URL, json);
  } catch (err) {
    throw new Error(`${where}: failed to decode gentx: ${truncate(sdkJsonStringify(json))}, error: ${(err as Error).message}`, { cause: err });
  }
  const msgs = tx.body?.messages ?? [];
  if (msgs.length !== 1) throw new Error(`${where}: unexpected number of GenTx messages; got: ${msgs.length}, expected: 1`);
  const any = msgs[0] as (typeof msgs)[number];
  if (any.typeUrl !== MSG_CREATE_VALIDATOR_TYPE_URL) {
    throw new Error(`${where}: unexpected GenTx message type; expected: MsgCreateValidator, got: ${any.typeUrl}`);
  }
  let msg: MsgCreateValidator;
  try {
    msg = MsgCreateValidator.decode(any.value);
  } catch (err) {
    throw new Error(`${where}: failed to decode gentx: its MsgCreateValidator: ${(err as Error).message}`, { cause: err });
  }
  return { tx, msg, bytes: txRawBytes(tx) };
}

/** ValidateGenesis: every gentx decodes and validates (nothing is executed here). */
export function validateGenutilGenesis(g: GenutilGenesis): void {
  g.genTxs.forEach((t, i) => void decodeGenTx(t, `${GENUTIL_MODULE}.gen_txs[${i}]`));
}

/** How a gentx is named in errors: its validator and moniker. */
export function describeGenTxMsg(msg: MsgCreateValidator): string {
  const moniker = msg.description?.moniker ?? "";
  return `validator ${msg.validatorAddress || "<empty>"}${moniker !== "" ? ` (moniker ${JSON.stringify(moniker)})` : ""}`;
}

function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
