import { fromBase64, fromBech32, toBase64, toBech32 } from "@cosmjs/encoding";
import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode, signModeFromJSON, signModeToJSON } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Fee, ModeInfo, SignerInfo, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import { bytesToSdkJson, sdkJsonToBytes } from "../../../app/json";
import { asArray, asObject, asOptionalString, asString, asUint, JsonError } from "../../../app/json-read";
import type { JsonObject, JsonValue } from "../../../app/module";

/**
 * The Cosmos SDK v0.50 JSON form of a Tx (what `simd tx ... --generate-only` prints and `simd tx
 * sign|broadcast` read): proto field names, 64-bit integers as strings, bytes as base64, enums by
 * name, defaults emitted, Any as {"@type": url, ...fields}.
 *
 * This is a deliberately small writer/reader for the message and key types the CLI handles. A
 * general SDK JSON codec is being built in app/json; when it lands, `sdkTxJson` can be swapped for
 * it: callers only see the `TxJsonCodec` interface.
 */
export interface TxJsonCodec {
  toJson(tx: Tx): JsonObject;
  fromJson(json: JsonValue): Tx;
  /** The Any's JSON form (fields beside "@type"); unknown types throw unless `lenient`. */
  anyToJson(any: Any, lenient?: boolean): JsonObject;
}

/** How one Any type reads and writes as JSON, and who must sign it (for messages). */
export interface AnyJsonType {
  readonly typeUrl: string;
  toJson(value: Uint8Array): JsonObject;
  fromJson(obj: JsonObject, path: string): Uint8Array;
  /** Bech32 addresses whose signatures the message requires (the SDK's cosmos.msg.v1.signer). */
  signers?(value: Uint8Array): readonly string[];
}

export const coinsToJson = (coins: readonly ProtoCoin[]): JsonValue[] => coins.map((c) => ({ denom: c.denom, amount: c.amount }));

export function coinsFromJson(v: JsonValue | undefined, path: string): ProtoCoin[] {
  return asArray(v, path).map((c, i) => {
    const o = asObject(c, `${path}[${i}]`);
    const amount = o["amount"];
    return {
      denom: asString(o["denom"], `${path}[${i}].denom`),
      amount: typeof amount === "number" ? String(asUint(amount, `${path}[${i}].amount`)) : asUint(amount, `${path}[${i}].amount`).toString(),
    };
  });
}

const msgSend: AnyJsonType = {
  typeUrl: "/cosmos.bank.v1beta1.MsgSend",
  toJson: (value) => {
    const m = MsgSend.decode(value);
    return { from_address: m.fromAddress, to_address: m.toAddress, amount: coinsToJson(m.amount) };
  },
  fromJson: (o, path) =>
    MsgSend.encode(
      MsgSend.fromPartial({
        fromAddress: asOptionalString(o["from_address"], `${path}.from_address`),
        toAddress: asOptionalString(o["to_address"], `${path}.to_address`),
        amount: coinsFromJson(o["amount"], `${path}.amount`),
      }),
    ).finish(),
  signers: (value) => [MsgSend.decode(value).fromAddress],
};

const msgMultiSend: AnyJsonType = {
  typeUrl: "/cosmos.bank.v1beta1.MsgMultiSend",
  toJson: (value) => {
    const m = MsgMultiSend.decode(value);
    const io = (x: { address: string; coins: ProtoCoin[] }): JsonValue => ({ address: x.address, coins: coinsToJson(x.coins) });
    return { inputs: m.inputs.map(io), outputs: m.outputs.map(io) };
  },
  fromJson: (o, path) => {
    const io = (list: JsonValue | undefined, p: string): { address: string; coins: ProtoCoin[] }[] =>
      asArray(list, p).map((x, i) => {
        const e = asObject(x, `${p}[${i}]`);
        return { address: asOptionalString(e["address"], `${p}[${i}].address`), coins: coinsFromJson(e["coins"], `${p}[${i}].coins`) };
      });
    return MsgMultiSend.encode(MsgMultiSend.fromPartial({ inputs: io(o["inputs"], `${path}.inputs`), outputs: io(o["outputs"], `${path}.outputs`) })).finish();
  },
  signers: (value) => MsgMultiSend.decode(value).inputs.map((i) => i.address),
};

const keyType = (typeUrl: string, codec: typeof Secp256k1PubKey): AnyJsonType => ({
  typeUrl,
  toJson: (value) => ({ key: toBase64(codec.decode(value).key) }),
  fromJson: (o, path) => codec.encode(codec.fromPartial({ key: base64Field(o["key"], `${path}.key`) })).finish(),
});

export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";

/**
 * A message type written and read by app/json's general SDK JSON codec (any type its schema
 * knows), with its signer field named: `account` holds the signer's account address, `validator`
 * an operator address whose account signs (MsgCreateValidator, MsgEditValidator).
 */
function sdkJsonMessage(typeUrl: string, signerField: { readonly account?: string; readonly validator?: string }): AnyJsonType {
  return {
    typeUrl,
    toJson: (value) => bytesToSdkJson(typeUrl, value) as JsonObject,
    fromJson: (o, path) => {
      const fields: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(o)) if (k !== "@type") fields[k] = v;
      try {
        return sdkJsonToBytes(typeUrl, fields);
      } catch (err) {
        throw new JsonError(path, (err as Error).message);
      }
    },
    signers: (value) => {
      const json = bytesToSdkJson(typeUrl, value) as JsonObject;
      if (signerField.account !== undefined) return [asOptionalString(json[signerField.account], signerField.account)];
      const operator = asOptionalString(json[signerField.validator ?? ""], signerField.validator ?? "");
      // The operator's account: the same bytes under the account prefix ("<prefix>valoper" -> "<prefix>").
      const { prefix, data } = fromBech32(operator, 256);
      return [toBech32(prefix.replace(/valoper$/, ""), data)];
    },
  };
}

const STAKING_TYPES: readonly AnyJsonType[] = [
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgCreateValidator", { validator: "validator_address" }),
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgEditValidator", { validator: "validator_address" }),
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgDelegate", { account: "delegator_address" }),
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgBeginRedelegate", { account: "delegator_address" }),
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgUndelegate", { account: "delegator_address" }),
  sdkJsonMessage("/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation", { account: "delegator_address" }),
];

const SLASHING_TYPES: readonly AnyJsonType[] = [sdkJsonMessage("/cosmos.slashing.v1beta1.MsgUnjail", { validator: "validator_addr" })];

const DISTRIBUTION_TYPES: readonly AnyJsonType[] = [
  sdkJsonMessage("/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", { account: "delegator_address" }),
  sdkJsonMessage("/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission", { validator: "validator_address" }),
  sdkJsonMessage("/cosmos.distribution.v1beta1.MsgSetWithdrawAddress", { account: "delegator_address" }),
  sdkJsonMessage("/cosmos.distribution.v1beta1.MsgFundCommunityPool", { account: "depositor" }),
];

const GOV_TYPES: readonly AnyJsonType[] = [
  sdkJsonMessage("/cosmos.gov.v1.MsgSubmitProposal", { account: "proposer" }),
  sdkJsonMessage("/cosmos.gov.v1.MsgDeposit", { account: "depositor" }),
  sdkJsonMessage("/cosmos.gov.v1.MsgVote", { account: "voter" }),
  sdkJsonMessage("/cosmos.gov.v1.MsgVoteWeighted", { account: "voter" }),
  sdkJsonMessage("/cosmos.gov.v1.MsgCancelProposal", { account: "proposer" }),
];

const RESTAKING_TYPES: readonly AnyJsonType[] = [
  sdkJsonMessage("/plume.restaking.v1.MsgSetAutoCompound", { account: "delegator_address" }),
  sdkJsonMessage("/plume.restaking.v1.MsgRestakeRewards", { account: "delegator_address" }),
];

const DEFAULT_TYPES: readonly AnyJsonType[] = [
  msgSend,
  msgMultiSend,
  ...STAKING_TYPES,
  ...SLASHING_TYPES,
  ...DISTRIBUTION_TYPES,
  ...GOV_TYPES,
  ...RESTAKING_TYPES,
  keyType(SECP256K1_PUBKEY_TYPE_URL, Secp256k1PubKey),
  keyType("/cosmos.crypto.ed25519.PubKey", Ed25519PubKey),
];

function base64Field(v: JsonValue | undefined, path: string): Uint8Array {
  const s = asOptionalString(v, path);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new JsonError(path, "expected base64");
  return fromBase64(s);
}

export class SdkTxJson implements TxJsonCodec {
  private readonly types = new Map<string, AnyJsonType>();

  constructor(types: readonly AnyJsonType[] = DEFAULT_TYPES) {
    for (const t of types) {
      if (this.types.has(t.typeUrl)) throw new Error(`JSON type ${t.typeUrl} registered twice`);
      this.types.set(t.typeUrl, t);
    }
  }

  type(typeUrl: string): AnyJsonType | undefined {
    return this.types.get(typeUrl);
  }

  anyToJson(any: Any, lenient = false): JsonObject {
    const t = this.types.get(any.typeUrl);
    if (t) return { "@type": any.typeUrl, ...t.toJson(any.value) };
    // Display only (query tx of a message this client does not know): the raw bytes, labelled.
    if (lenient) return { "@type": any.typeUrl, value: toBase64(any.value) };
    throw new Error(`cannot write ${any.typeUrl} as JSON: this client does not know that type`);
  }

  anyFromJson(v: JsonValue | undefined, path: string): Any {
    const o = asObject(v, path);
    const typeUrl = asString(o["@type"], `${path}["@type"]`);
    const t = this.types.get(typeUrl);
    if (!t) throw new JsonError(path, `unsupported type ${typeUrl} (this client knows ${[...this.types.keys()].join(", ")})`);
    return Any.fromPartial({ typeUrl, value: t.fromJson(o, path) });
  }

  /** The signers the messages of `body` require, in first-seen order without duplicates. */
  signers(body: TxBody): string[] {
    const seen: string[] = [];
    for (const m of body.messages) {
      const t = this.types.get(m.typeUrl);
      if (!t?.signers) throw new Error(`cannot tell who must sign ${m.typeUrl}: this client does not know that type`);
      for (const s of t.signers(m.value)) if (!seen.includes(s)) seen.push(s);
    }
    return seen;
  }

  toJson(tx: Tx, lenient = false): JsonObject {
    const body = tx.body ?? TxBody.fromPartial({});
    const authInfo = tx.authInfo ?? AuthInfo.fromPartial({});
    const fee = authInfo.fee ?? Fee.fromPartial({});
    return {
      body: {
        messages: body.messages.map((m) => this.anyToJson(m, lenient)),
        memo: body.memo,
        timeout_height: body.timeoutHeight.toString(),
        extension_options: body.extensionOptions.map((m) => this.anyToJson(m, true)),
        non_critical_extension_options: body.nonCriticalExtensionOptions.map((m) => this.anyToJson(m, true)),
      },
      auth_info: {
        signer_infos: authInfo.signerInfos.map((s) => ({
          public_key: s.publicKey ? this.anyToJson(s.publicKey, lenient) : null,
          mode_info: s.modeInfo ? modeInfoToJson(s.modeInfo) : null,
          sequence: s.sequence.toString(),
        })),
        fee: { amount: coinsToJson(fee.amount), gas_limit: fee.gasLimit.toString(), payer: fee.payer, granter: fee.granter },
        tip: authInfo.tip ? { amount: coinsToJson(authInfo.tip.amount), tipper: authInfo.tip.tipper } : null,
      },
      signatures: tx.signatures.map((s) => toBase64(s)),
    };
  }

  fromJson(json: JsonValue): Tx {
    const root = asObject(json, "tx");
    const b = root["body"] === undefined || root["body"] === null ? {} : asObject(root["body"], "body");
    const a = root["auth_info"] === undefined || root["auth_info"] === null ? {} : asObject(root["auth_info"], "auth_info");
    const f = a["fee"] === undefined || a["fee"] === null ? {} : asObject(a["fee"], "auth_info.fee");
    if (asArray(b["extension_options"], "body.extension_options").length > 0 || asArray(b["non_critical_extension_options"], "body.non_critical_extension_options").length > 0) {
      throw new JsonError("body", "extension options are not supported by this client");
    }
    if (b["unordered"] === true || (b["timeout_timestamp"] !== undefined && b["timeout_timestamp"] !== null)) {
      throw new JsonError("body", "unordered transactions and timeout_timestamp are not supported (Cosmos SDK v0.53 features)");
    }
    if (a["tip"] !== undefined && a["tip"] !== null) throw new JsonError("auth_info.tip", "tips are not supported (removed in Cosmos SDK v0.50)");
    const body = TxBody.fromPartial({
      messages: asArray(b["messages"], "body.messages").map((m, i) => this.anyFromJson(m, `body.messages[${i}]`)),
      memo: asOptionalString(b["memo"], "body.memo"),
      timeoutHeight: asUint(b["timeout_height"] ?? "0", "body.timeout_height"),
    });
    const signerInfos = asArray(a["signer_infos"], "auth_info.signer_infos").map((s, i): SignerInfo => {
      const path = `auth_info.signer_infos[${i}]`;
      const o = asObject(s, path);
      const pk = o["public_key"];
      return SignerInfo.fromPartial({
        publicKey: pk === undefined || pk === null ? undefined : this.anyFromJson(pk, `${path}.public_key`),
        modeInfo: modeInfoFromJson(o["mode_info"], `${path}.mode_info`),
        sequence: asUint(o["sequence"] ?? "0", `${path}.sequence`),
      });
    });
    const fee = Fee.fromPartial({
      amount: coinsFromJson(f["amount"], "auth_info.fee.amount"),
      gasLimit: asUint(f["gas_limit"] ?? "0", "auth_info.fee.gas_limit"),
      payer: asOptionalString(f["payer"], "auth_info.fee.payer"),
      granter: asOptionalString(f["granter"], "auth_info.fee.granter"),
    });
    const signatures = asArray(root["signatures"], "signatures").map((s, i) => base64Field(s, `signatures[${i}]`));
    return Tx.fromPartial({ body, authInfo: AuthInfo.fromPartial({ signerInfos, fee }), signatures });
  }
}

function modeInfoToJson(m: ModeInfo): JsonValue {
  if (m.single) return { single: { mode: signModeToJSON(m.single.mode) } };
  if (m.multi) {
    return {
      multi: {
        bitarray: m.multi.bitarray ? { extra_bits_stored: m.multi.bitarray.extraBitsStored, elems: toBase64(m.multi.bitarray.elems) } : null,
        mode_infos: m.multi.modeInfos.map(modeInfoToJson),
      },
    };
  }
  return {};
}

function modeInfoFromJson(v: JsonValue | undefined, path: string): ModeInfo | undefined {
  if (v === undefined || v === null) return undefined;
  const o = asObject(v, path);
  if (o["multi"] !== undefined && o["multi"] !== null) throw new JsonError(`${path}.multi`, "multisig transactions are not supported by this client");
  const single = asObject(o["single"], `${path}.single`);
  const modeName = single["mode"];
  const mode = signModeFromJSON(modeName ?? "SIGN_MODE_UNSPECIFIED");
  if (mode === SignMode.UNRECOGNIZED) throw new JsonError(`${path}.single.mode`, `unknown sign mode ${JSON.stringify(modeName)}`);
  return ModeInfo.fromPartial({ single: { mode } });
}

/** The codec the CLI uses; one place to swap in app/json's general codec later. */
export const sdkTxJson = new SdkTxJson();
