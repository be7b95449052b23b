import { toHex } from "@cosmjs/encoding";
import { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { JsonObject, JsonValue } from "../../../app/module";
import type { BroadcastResult, TxResult } from "./rpc";
import { sdkTxJson } from "./tx-json";

/**
 * The SDK's TxResponse (cosmos.base.abci.v1beta1.TxResponse) in its JSON form, as `simd tx ...`
 * and `simd query tx` print it. `logs` stays empty: since v0.50 the log is no longer JSON.
 */
export interface TxResponseJson extends JsonObject {
  height: string;
  txhash: string;
  codespace: string;
  code: number;
  data: string;
  raw_log: string;
  logs: JsonValue[];
  info: string;
  gas_wanted: string;
  gas_used: string;
  tx: JsonValue;
  timestamp: string;
  events: JsonValue[];
}

const upperHex = (bytes: Uint8Array): string => toHex(bytes).toUpperCase();

/** The response to broadcast_tx_sync/async (the SDK's NewResponseFormatBroadcastTx). */
export function txResponseFromBroadcast(r: BroadcastResult): TxResponseJson {
  return {
    height: "0",
    txhash: r.hash,
    codespace: r.codespace,
    code: r.code,
    data: upperHex(r.data),
    raw_log: r.log,
    logs: [],
    info: "",
    gas_wanted: "0",
    gas_used: "0",
    tx: null,
    timestamp: "",
    events: [],
  };
}

/** A committed tx (the SDK's mkTxResult: the result, the decoded tx as an Any, the block time). */
export function txResponseFromResult(r: TxResult, timestamp: string): TxResponseJson {
  let tx: JsonValue = null;
  try {
    tx = { "@type": "/cosmos.tx.v1beta1.Tx", ...sdkTxJson.toJson(Tx.decode(r.tx), true) };
  } catch {
    // An undecodable tx still has a result worth showing; tx stays null as the SDK would fail.
  }
  return {
    height: r.height.toString(),
    txhash: r.hash,
    codespace: r.result.codespace,
    code: r.result.code,
    data: upperHex(r.result.data),
    raw_log: r.result.log,
    logs: [],
    info: r.result.info,
    gas_wanted: r.result.gasWanted.toString(),
    gas_used: r.result.gasUsed.toString(),
    tx,
    timestamp,
    events: r.result.events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) })),
  };
}
