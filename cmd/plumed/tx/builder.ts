import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { AuthInfo, Fee, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { Dec, parseCoinsNormalized, parseDecCoins } from "../../../app/math";

/**
 * Building an unsigned tx from CLI flags, as simd's tx.Factory does: the fee either given
 * (`--fees`) or computed from `--gas-prices` x gas limit (rounded up), never both; gas a fixed
 * limit (default 200000) or "auto" (simulated, times `--gas-adjustment`).
 */
export const DEFAULT_GAS_LIMIT = 200_000n;

export type GasSetting = bigint | "auto";

export function parseGasSetting(value: string): GasSetting {
  if (value === "auto") return "auto";
  if (!/^\d+$/.test(value) || BigInt(value) > 0xffffffffffffffffn) throw new Error(`invalid --gas "${value}" (expected "auto" or a gas limit)`);
  return BigInt(value);
}

export function parseGasAdjustment(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || n <= 0) throw new Error(`invalid --gas-adjustment "${value}" (expected a positive number)`);
  return n;
}

/** The gas limit for a simulated `gasUsed`: floor(gasUsed x adjustment), as the SDK's CalculateGas. */
export function adjustGas(gasUsed: bigint, adjustment: number): bigint {
  // Client-side arithmetic, not state: a float is what the SDK uses here too. Scaled to stay exact
  // for usual adjustments (up to 6 decimals).
  const scaled = BigInt(Math.round(adjustment * 1_000_000));
  return (gasUsed * scaled) / 1_000_000n;
}

/** The fee coins: `--fees` as given, or ceil(price x gas limit) per `--gas-prices` denom. */
export function computeFee(gasLimit: bigint, fees: string | undefined, gasPrices: string | undefined): ProtoCoin[] {
  if (fees !== undefined && gasPrices !== undefined) throw new Error("cannot provide both --fees and --gas-prices");
  if (fees !== undefined) {
    const coins = parseCoinsNormalized(fees);
    const invalid = coins.validate();
    if (invalid) throw new Error(`invalid --fees "${fees}": ${invalid.message}`);
    return coins.toArray().map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
  }
  if (gasPrices !== undefined) {
    const prices = parseDecCoins(gasPrices);
    const limit = Dec.fromInt(gasLimit);
    return prices.toArray().map((p) => ({ denom: p.denom, amount: p.amount.mul(limit).ceil().roundInt().toString() }));
  }
  return [];
}

/** MsgSend as an Any, with the addresses and amount checked client-side (ValidateBasic). */
export function msgSendAny(from: string, to: string, amount: string, addresses: AddressCodec): Any {
  addresses.decodeAccount(from, "sender address");
  try {
    addresses.decodeAccount(to, "recipient address");
  } catch (err) {
    throw new Error(`invalid recipient ${JSON.stringify(to)}: ${(err as Error).message}`);
  }
  const coins = parseCoinsNormalized(amount);
  const invalid = coins.validate();
  if (invalid) throw new Error(`invalid amount "${amount}": ${invalid.message}`);
  if (coins.isEmpty()) throw new Error(`invalid amount "${amount}": nothing to send`);
  const msg = MsgSend.fromPartial({ fromAddress: from, toAddress: to, amount: coins.toArray().map((c) => ({ denom: c.denom, amount: c.amount.toString() })) });
  return Any.fromPartial({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode(msg).finish() });
}

export interface UnsignedTxInput {
  readonly messages: readonly Any[];
  readonly memo?: string;
  readonly timeoutHeight?: bigint;
  readonly fee: readonly ProtoCoin[];
  readonly gasLimit: bigint;
  readonly feePayer?: string;
  readonly feeGranter?: string;
}

export function buildUnsignedTx(input: UnsignedTxInput): Tx {
  return Tx.fromPartial({
    body: TxBody.fromPartial({ messages: [...input.messages], memo: input.memo ?? "", timeoutHeight: input.timeoutHeight ?? 0n }),
    authInfo: AuthInfo.fromPartial({
      signerInfos: [],
      fee: Fee.fromPartial({ amount: [...input.fee], gasLimit: input.gasLimit, payer: input.feePayer ?? "", granter: input.feeGranter ?? "" }),
    }),
    signatures: [],
  });
}

/** The bytes CometBFT carries: TxRaw with the body and auth info encoded as signed. */
export function encodeTx(tx: Tx): Uint8Array {
  const raw = TxRaw.fromPartial({
    bodyBytes: TxBody.encode(tx.body ?? TxBody.fromPartial({})).finish(),
    authInfoBytes: AuthInfo.encode(tx.authInfo ?? AuthInfo.fromPartial({})).finish(),
    signatures: tx.signatures,
  });
  return TxRaw.encode(raw).finish();
}

/** TxRaw bytes back to a Tx (body and auth info decoded). */
export function decodeTx(bytes: Uint8Array): Tx {
  let raw: TxRaw;
  try {
    raw = TxRaw.decode(bytes);
    return Tx.fromPartial({ body: TxBody.decode(raw.bodyBytes), authInfo: AuthInfo.decode(raw.authInfoBytes), signatures: raw.signatures });
  } catch (err) {
    throw new Error(`not a protobuf-encoded transaction: ${(err as Error).message}`);
  }
}
