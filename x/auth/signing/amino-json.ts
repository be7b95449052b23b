/**
 * SIGN_MODE_LEGACY_AMINO_JSON: the StdSignDoc
 *
 *   {account_number, chain_id, fee: {amount, gas, payer?, granter?}, memo, msgs: [{type, value}],
 *    sequence, timeout_height?}
 *
 * serialized with keys sorted at every level, no whitespace, 64-bit integers as strings, and `&`,
 * `<`, `>` escaped as \u0026, \u003c, \u003e. `payer`, `granter` and `timeout_height` are omitted
 * when empty/zero; everything else is always present (empty coins as []).
 *
 * The output is byte-identical to @cosmjs/amino's `serializeSignDoc(makeSignDoc(...))`, which is
 * what cosmjs signs (its string escaping is JSON.stringify's plus the three characters above; Go's
 * encoder additionally escapes U+2028/U+2029 and writes \b and \f as \u0008/\u000c, which only
 * matters for memos or message strings containing those characters).
 *
 * Messages are written through each message's amino converter (`MsgHandlerDef.amino`); a message
 * without one cannot be signed in this mode. Like x/tx/signing/aminojson, the mode refuses bodies
 * with extension options or unknown non-critical fields, which the JSON would not cover.
 */
import type { JsonValue } from "../../../app/module";
import type { DecodedTx, FeeCoin } from "../../../app/tx/decode";
import type { SignerData } from "./signer-data";

/** The unsigned sort-and-stringify cosmjs applies (sortedJsonStringify), then the HTML escaping. */
export function serializeSortedJson(value: unknown): string {
  return escapeHtml(JSON.stringify(sortKeys(value)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) out[key] = sortKeys(obj[key]);
  return out;
}

function escapeHtml(json: string): string {
  return json.replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
}

function coinsJson(coins: readonly FeeCoin[]): JsonValue {
  return coins.map((c) => ({ amount: c.rawAmount, denom: c.denom }));
}

/** The StdSignDoc as a JSON value (before sorting and escaping). */
export function aminoSignDoc(signer: SignerData, tx: Pick<DecodedTx, "body" | "authInfo" | "msgs">): Record<string, JsonValue> {
  const fee = tx.authInfo.fee;
  const feeJson: Record<string, JsonValue> = {
    amount: coinsJson(fee?.amount ?? []),
    gas: (fee?.gasLimit ?? 0n).toString(),
  };
  if (fee !== undefined && fee.payer !== "") feeJson["payer"] = fee.payer;
  if (fee !== undefined && fee.granter !== "") feeJson["granter"] = fee.granter;
  const msgs = tx.msgs.map((m): JsonValue => {
    const amino = m.def.amino;
    if (amino === undefined) throw new Error(`unable to encode ${m.typeUrl} in SIGN_MODE_LEGACY_AMINO_JSON: the message has no amino name`);
    return { type: amino.aminoType, value: amino.toAmino(m.msg) };
  });
  const doc: Record<string, JsonValue> = {
    account_number: signer.accountNumber.toString(),
    chain_id: signer.chainId,
    fee: feeJson,
    memo: tx.body.memo,
    msgs,
    sequence: signer.sequence.toString(),
  };
  if (tx.body.timeoutHeight !== 0n) doc["timeout_height"] = tx.body.timeoutHeight.toString();
  return doc;
}

export function aminoJsonSignBytes(signer: SignerData, tx: Pick<DecodedTx, "body" | "authInfo" | "msgs" | "bodyHasUnknownNonCriticals">): Uint8Array {
  if (tx.bodyHasUnknownNonCriticals) throw new Error("unknown non-critical fields in cosmos.tx.v1beta1.TxBody are not signed in SIGN_MODE_LEGACY_AMINO_JSON");
  if (tx.body.extensionOptions.length > 0 || tx.body.nonCriticalExtensionOptions.length > 0) {
    throw new Error("SIGN_MODE_LEGACY_AMINO_JSON does not support protobuf extension options: invalid request");
  }
  if (signer.address === "") throw new Error("got empty address in SIGN_MODE_LEGACY_AMINO_JSON handler: invalid request");
  if (tx.authInfo.tip !== undefined) throw new Error("SIGN_MODE_LEGACY_AMINO_JSON: tips are not supported");
  return new TextEncoder().encode(serializeSortedJson(aminoSignDoc(signer, tx)));
}
