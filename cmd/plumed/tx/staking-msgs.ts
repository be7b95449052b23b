import {
  MsgBeginRedelegate,
  MsgCancelUnbondingDelegation,
  MsgCreateValidator,
  MsgDelegate,
  MsgEditValidator,
  MsgUndelegate,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { Dec, Int, parseCoinNormalized } from "../../../app/math";
import { ErrInvalidRequest } from "../../../app/errors";
import { ErrEmptyValidatorPubKey, ErrSelfDelegationBelowMinimum } from "../../../x/staking/errors";
import { decodeConsensusPubKey } from "../../../x/staking/pubkey";
import { DO_NOT_MODIFY_DESC, isEmptyDescription, validateCommissionRates } from "../../../x/staking/validator";

/**
 * The staking messages the CLI builds (`plumed tx staking ...`, `plumed genesis gentx`), each an
 * Any ready for a tx body, with the client-side checks simd's commands run before signing (coin
 * and decimal parsing, MsgCreateValidator.Validate). Rules that need state (the validator exists,
 * the bond denom, the cap) are the chain's: those messages fail in the block with the SDK's error.
 */
const STAKING = "/cosmos.staking.v1beta1.";

/** simd's create-validator defaults (x/staking/client/cli/tx.go). */
export const DEFAULT_COMMISSION = { rate: "0.1", maxRate: "0.2", maxChangeRate: "0.01" } as const;
export const DEFAULT_MIN_SELF_DELEGATION = "1";

function any<T>(name: string, codec: { encode(m: T): { finish(): Uint8Array } }, msg: T): Any {
  return Any.fromPartial({ typeUrl: `${STAKING}${name}`, value: codec.encode(msg).finish() });
}

/** One coin (sdk.ParseCoinNormalized: decimals truncated), as the amount arguments take it. */
export function parseAmount(text: string, what = "amount"): { denom: string; amount: string } {
  let coin;
  try {
    coin = parseCoinNormalized(text.trim());
  } catch (err) {
    throw new Error(`invalid ${what} "${text}": ${(err as Error).message}`);
  }
  return { denom: coin.denom, amount: coin.amount.toString() };
}

function parseDec(text: string, what: string): Dec {
  try {
    return Dec.fromString(text.trim());
  } catch (err) {
    throw new Error(`invalid ${what} "${text}": ${(err as Error).message}`);
  }
}

function parsePositiveInt(text: string, what: string): Int {
  let n: Int | undefined;
  try {
    n = Int.fromString(text.trim());
  } catch {
    n = undefined;
  }
  if (n === undefined || !n.isPositive()) throw ErrInvalidRequest.wrap(`${what} must be a positive integer`);
  return n;
}

export interface CommissionInput {
  readonly rate: string;
  readonly maxRate: string;
  readonly maxChangeRate: string;
}

export interface CreateValidatorInput {
  /** The operator's account bytes (the validator address has the same bytes). */
  readonly operator: Uint8Array;
  readonly pubkey: Any;
  readonly amount: string;
  readonly description: Description;
  readonly commission: CommissionInput;
  readonly minSelfDelegation: string;
}

/** buildCommissionRates: all three rates given, parsed as decimals. */
export function commissionRates(c: CommissionInput): { rate: string; maxRate: string; maxChangeRate: string } {
  if (c.rate.trim() === "" || c.maxRate.trim() === "" || c.maxChangeRate.trim() === "") throw new Error("must specify all validator commission parameters");
  return {
    rate: parseDec(c.rate, "commission rate").toProto(),
    maxRate: parseDec(c.maxRate, "commission max rate").toProto(),
    maxChangeRate: parseDec(c.maxChangeRate, "commission max change rate").toProto(),
  };
}

/** MsgCreateValidator.Validate, with the SDK's errors (stateless). */
export function validateCreateValidator(msg: MsgCreateValidator, addresses: AddressCodec): void {
  addresses.decodeValidator(msg.validatorAddress);
  if (msg.pubkey === undefined) throw ErrEmptyValidatorPubKey.wrap();
  decodeConsensusPubKey(msg.pubkey);
  const value = msg.value;
  if (value === undefined || value.amount === "" || !Int.fromString(value.amount).isPositive()) throw ErrInvalidRequest.wrap("invalid delegation amount");
  if (isEmptyDescription(msg.description)) throw ErrInvalidRequest.wrap("empty description");
  validateCommissionRates(msg.commission ?? { rate: "", maxRate: "", maxChangeRate: "" });
  const min = Int.fromString(msg.minSelfDelegation);
  if (!min.isPositive()) throw ErrInvalidRequest.wrap("minimum self delegation must be a positive integer");
  if (Int.fromString(value.amount).lt(min)) throw ErrSelfDelegationBelowMinimum.wrap();
}

export function createValidatorMsg(input: CreateValidatorInput, addresses: AddressCodec): { msg: MsgCreateValidator; any: Any } {
  const msg = MsgCreateValidator.fromPartial({
    description: input.description,
    commission: commissionRates(input.commission),
    minSelfDelegation: parsePositiveInt(input.minSelfDelegation, "minimum self delegation").toString(),
    delegatorAddress: "",
    validatorAddress: addresses.encodeValidator(input.operator),
    pubkey: input.pubkey,
    value: parseAmount(input.amount),
  });
  validateCreateValidator(msg, addresses);
  return { msg, any: any("MsgCreateValidator", MsgCreateValidator, msg) };
}

export interface EditValidatorInput {
  readonly operator: Uint8Array;
  /** Fields left out keep their value ("[do-not-modify]"). */
  readonly description: Partial<Description>;
  readonly commissionRate?: string;
  readonly minSelfDelegation?: string;
}

export function editValidatorMsg(input: EditValidatorInput, addresses: AddressCodec): Any {
  const d = input.description;
  const description: Description = {
    moniker: d.moniker ?? DO_NOT_MODIFY_DESC,
    identity: d.identity ?? DO_NOT_MODIFY_DESC,
    website: d.website ?? DO_NOT_MODIFY_DESC,
    securityContact: d.securityContact ?? DO_NOT_MODIFY_DESC,
    details: d.details ?? DO_NOT_MODIFY_DESC,
  };
  const msg = MsgEditValidator.fromPartial({
    description,
    validatorAddress: addresses.encodeValidator(input.operator),
    commissionRate: input.commissionRate === undefined ? "" : parseDec(input.commissionRate, "commission rate").toProto(),
    minSelfDelegation: input.minSelfDelegation === undefined ? "" : parsePositiveInt(input.minSelfDelegation, "minimum self delegation").toString(),
  });
  return any("MsgEditValidator", MsgEditValidator, msg);
}

/** Checks a validator address argument (ValAddressFromBech32) and returns it as given. */
function validatorArg(addresses: AddressCodec, address: string, what = "validator address"): string {
  addresses.decodeValidator(address, what);
  return address;
}

export function delegateMsg(delegator: string, validator: string, amount: string, addresses: AddressCodec): Any {
  return any("MsgDelegate", MsgDelegate, MsgDelegate.fromPartial({ delegatorAddress: delegator, validatorAddress: validatorArg(addresses, validator), amount: parseAmount(amount) }));
}

export function undelegateMsg(delegator: string, validator: string, amount: string, addresses: AddressCodec): Any {
  return any("MsgUndelegate", MsgUndelegate, MsgUndelegate.fromPartial({ delegatorAddress: delegator, validatorAddress: validatorArg(addresses, validator), amount: parseAmount(amount) }));
}

export function redelegateMsg(delegator: string, src: string, dst: string, amount: string, addresses: AddressCodec): Any {
  return any(
    "MsgBeginRedelegate",
    MsgBeginRedelegate,
    MsgBeginRedelegate.fromPartial({
      delegatorAddress: delegator,
      validatorSrcAddress: validatorArg(addresses, src, "source validator address"),
      validatorDstAddress: validatorArg(addresses, dst, "destination validator address"),
      amount: parseAmount(amount),
    }),
  );
}

export function cancelUnbondMsg(delegator: string, validator: string, amount: string, creationHeight: string, addresses: AddressCodec): Any {
  if (!/^\d+$/.test(creationHeight.trim()) || BigInt(creationHeight.trim()) > 0x7fffffffffffffffn) throw ErrInvalidRequest.wrap(`invalid height: ${creationHeight}`);
  return any(
    "MsgCancelUnbondingDelegation",
    MsgCancelUnbondingDelegation,
    MsgCancelUnbondingDelegation.fromPartial({
      delegatorAddress: delegator,
      validatorAddress: validatorArg(addresses, validator),
      amount: parseAmount(amount),
      creationHeight: BigInt(creationHeight.trim()),
    }),
  );
}
