/**
 * x/staking's Msg service (cosmos.staking.v1beta1.Msg) and the cap's (plume.staking.v1.Msg).
 * Handlers are thin: decode addresses and amounts with the SDK's checks and texts, in the SDK's
 * order (x/staking/keeper/msg_server.go, types/msg.go), call the keeper, emit the event, encode the
 * response. Like SDK v0.50's staking messages they have no ValidateBasic: every check runs when
 * the message executes, so CheckTx accepts what only the block can refuse.
 */
import {
  MsgBeginRedelegate,
  MsgBeginRedelegateResponse,
  MsgCancelUnbondingDelegation,
  MsgCancelUnbondingDelegationResponse,
  MsgCreateValidator,
  MsgCreateValidatorResponse,
  MsgDelegate,
  MsgDelegateResponse,
  MsgEditValidator,
  MsgEditValidatorResponse,
  MsgUndelegate,
  MsgUndelegateResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { AppError, ErrInvalidAddress, ErrInvalidRequest } from "../../app/errors";
import { Dec, Int, isValidDenom } from "../../app/math";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import { encodeProto, type ProtoCodec } from "../../app/codec";
import {
  MsgUpdateParams as CapMsgUpdateParams,
  MsgUpdateParamsResponse as CapMsgUpdateParamsResponse,
} from "../../proto/plume/staking/v1/tx";
import { capMsgUpdateParamsAmino, stakingAminoConverters } from "./amino";
import {
  ErrEmptyValidatorPubKey,
  ErrSelfDelegationBelowMinimum,
} from "./errors";
import {
  cancelUnbondingDelegationEvent,
  createValidatorEvent,
  delegateEvent,
  editValidatorEvent,
  redelegateEvent,
  unbondEvent,
} from "./events";
import type { StakingKeeper } from "./keeper";
import { formatRfc3339Seconds } from "./time";
import { commissionText, isEmptyDescription, validateCommissionRates } from "./validator";

const STAKING = "/cosmos.staking.v1beta1.";

function response<T>(typeUrl: string, codec: ProtoCodec<T>, message: T): MsgResponse {
  return { typeUrl, value: encodeProto(codec, message) };
}

/** Address decoding with the SDK's wrap: "invalid {what} address: {cause}: invalid address". */
export function decodeOr(decode: (s: string) => Uint8Array, value: string, what: string): Uint8Array {
  try {
    return decode(value);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const cause = value === "" ? "empty address string is not allowed" : err.message.replace(/: invalid address$/, "");
    throw ErrInvalidAddress.wrap(`invalid ${what} address: ${cause}`);
  }
}

/** Coin.IsValid() && Amount.IsPositive(), without panicking on a nil (empty) amount. */
function isValidPositiveCoin(coin: ProtoCoin | undefined): coin is ProtoCoin {
  if (coin === undefined || !isValidDenom(coin.denom) || coin.amount === "") return false;
  return Int.fromProto(coin.amount).isPositive();
}

const coinString = (c: ProtoCoin): string => `${Int.fromProto(c.amount).toString()}${c.denom}`;

export function stakingMsgHandlers(k: StakingKeeper): {
  createValidator: MsgHandlerDef<MsgCreateValidator>;
  editValidator: MsgHandlerDef<MsgEditValidator>;
  delegate: MsgHandlerDef<MsgDelegate>;
  beginRedelegate: MsgHandlerDef<MsgBeginRedelegate>;
  undelegate: MsgHandlerDef<MsgUndelegate>;
  cancelUnbondingDelegation: MsgHandlerDef<MsgCancelUnbondingDelegation>;
  updateParams: MsgHandlerDef<MsgUpdateParams>;
  updateCapParams: MsgHandlerDef<CapMsgUpdateParams>;
} {
  const a = k.addresses;
  const valAddr = (s: string, what = "validator"): Uint8Array => decodeOr((x) => a.decodeValidator(x), s, what);
  const accAddr = (s: string, what = "delegator"): Uint8Array => decodeOr((x) => a.decodeAccount(x), s, what);
  const amino = stakingAminoConverters();

  return {
    createValidator: {
      typeUrl: `${STAKING}MsgCreateValidator`,
      codec: MsgCreateValidator,
      // The signer is the operator: validator_address read as an account.
      signers: (msg) => [a.encodeAccount(a.decodeValidator(msg.validatorAddress))],
      amino: amino.createValidator,
      handle(ctx, msg) {
        const operator = valAddr(msg.validatorAddress);
        // MsgCreateValidator.Validate
        if (msg.pubkey === undefined) throw ErrEmptyValidatorPubKey.wrap();
        if (!isValidPositiveCoin(msg.value)) throw ErrInvalidRequest.wrap("invalid delegation amount");
        if (isEmptyDescription(msg.description)) throw ErrInvalidRequest.wrap("empty description");
        const c = msg.commission;
        if (c === undefined || (c.rate === "" && c.maxRate === "" && c.maxChangeRate === "")) throw ErrInvalidRequest.wrap("empty commission");
        validateCommissionRates(c);
        const minSelfDelegation = Int.fromProto(msg.minSelfDelegation);
        if (!minSelfDelegation.isPositive()) throw ErrInvalidRequest.wrap("minimum self delegation must be a positive integer");
        if (Int.fromProto(msg.value.amount).lt(minSelfDelegation)) throw ErrSelfDelegationBelowMinimum.wrap();

        k.createValidator(ctx, {
          operator,
          pubkey: msg.pubkey,
          description: msg.description,
          rate: Dec.fromProto(c.rate),
          maxRate: Dec.fromProto(c.maxRate),
          maxChangeRate: Dec.fromProto(c.maxChangeRate),
          minSelfDelegation,
          value: msg.value,
        });
        ctx.events.emit(createValidatorEvent(msg.validatorAddress, coinString(msg.value)));
        return response(`${STAKING}MsgCreateValidatorResponse`, MsgCreateValidatorResponse, {});
      },
    },

    editValidator: {
      typeUrl: `${STAKING}MsgEditValidator`,
      codec: MsgEditValidator,
      signers: (msg) => [a.encodeAccount(a.decodeValidator(msg.validatorAddress))],
      amino: amino.editValidator,
      handle(ctx, msg) {
        const operator = valAddr(msg.validatorAddress);
        if (isEmptyDescription(msg.description)) throw ErrInvalidRequest.wrap("empty description");
        // "" is the nil (unset) value of these nullable fields.
        const minSelfDelegation = msg.minSelfDelegation === "" ? undefined : Int.fromProto(msg.minSelfDelegation);
        if (minSelfDelegation !== undefined && !minSelfDelegation.isPositive()) {
          throw ErrInvalidRequest.wrap("minimum self delegation must be a positive integer");
        }
        const rate = msg.commissionRate === "" ? undefined : Dec.fromProto(msg.commissionRate);
        if (rate !== undefined && (rate.gt(Dec.one()) || rate.isNegative())) {
          throw ErrInvalidRequest.wrap("commission rate must be between 0 and 1 (inclusive)");
        }
        const v = k.editValidator(ctx, operator, msg.description, rate, minSelfDelegation);
        ctx.events.emit(editValidatorEvent(commissionText(v.commission), Int.fromProto(v.minSelfDelegation).toString()));
        return response(`${STAKING}MsgEditValidatorResponse`, MsgEditValidatorResponse, {});
      },
    },

    delegate: {
      typeUrl: `${STAKING}MsgDelegate`,
      codec: MsgDelegate,
      signers: (msg) => [msg.delegatorAddress],
      amino: amino.delegate,
      handle(ctx, msg) {
        const validator = valAddr(msg.validatorAddress);
        const delegator = accAddr(msg.delegatorAddress);
        if (!isValidPositiveCoin(msg.amount)) throw ErrInvalidRequest.wrap("invalid delegation amount");
        const newShares = k.delegateFromAccount(ctx, delegator, validator, msg.amount);
        ctx.events.emit(delegateEvent(msg.validatorAddress, msg.delegatorAddress, coinString(msg.amount), newShares.toString()));
        return response(`${STAKING}MsgDelegateResponse`, MsgDelegateResponse, {});
      },
    },

    beginRedelegate: {
      typeUrl: `${STAKING}MsgBeginRedelegate`,
      codec: MsgBeginRedelegate,
      signers: (msg) => [msg.delegatorAddress],
      amino: amino.beginRedelegate,
      handle(ctx, msg) {
        const src = valAddr(msg.validatorSrcAddress, "source validator");
        const dst = valAddr(msg.validatorDstAddress, "destination validator");
        const delegator = accAddr(msg.delegatorAddress);
        if (!isValidPositiveCoin(msg.amount)) throw ErrInvalidRequest.wrap("invalid shares amount");
        const completionTime = k.redelegateAmount(ctx, delegator, src, dst, msg.amount);
        ctx.events.emit(redelegateEvent(msg.validatorSrcAddress, msg.validatorDstAddress, coinString(msg.amount), formatRfc3339Seconds(completionTime)));
        return response(`${STAKING}MsgBeginRedelegateResponse`, MsgBeginRedelegateResponse, { completionTime });
      },
    },

    undelegate: {
      typeUrl: `${STAKING}MsgUndelegate`,
      codec: MsgUndelegate,
      signers: (msg) => [msg.delegatorAddress],
      amino: amino.undelegate,
      handle(ctx, msg) {
        const validator = valAddr(msg.validatorAddress);
        const delegator = accAddr(msg.delegatorAddress);
        if (!isValidPositiveCoin(msg.amount)) throw ErrInvalidRequest.wrap("invalid shares amount");
        const { completionTime, amount } = k.undelegateAmount(ctx, delegator, validator, msg.amount);
        const coin = { denom: msg.amount.denom, amount: amount.toString() };
        ctx.events.emit(unbondEvent(msg.validatorAddress, msg.delegatorAddress, coinString(coin), formatRfc3339Seconds(completionTime)));
        return response(`${STAKING}MsgUndelegateResponse`, MsgUndelegateResponse, { completionTime, amount: coin });
      },
    },

    cancelUnbondingDelegation: {
      typeUrl: `${STAKING}MsgCancelUnbondingDelegation`,
      codec: MsgCancelUnbondingDelegation,
      signers: (msg) => [msg.delegatorAddress],
      amino: amino.cancelUnbondingDelegation,
      handle(ctx, msg) {
        const validator = valAddr(msg.validatorAddress);
        const delegator = accAddr(msg.delegatorAddress);
        if (!isValidPositiveCoin(msg.amount)) throw ErrInvalidRequest.wrap("invalid amount");
        if (msg.creationHeight <= 0n) throw ErrInvalidRequest.wrap("invalid height");
        k.cancelUnbondingDelegation(ctx, delegator, validator, msg.creationHeight, msg.amount);
        ctx.events.emit(cancelUnbondingDelegationEvent(coinString(msg.amount), msg.validatorAddress, msg.delegatorAddress, msg.creationHeight.toString()));
        return response(`${STAKING}MsgCancelUnbondingDelegationResponse`, MsgCancelUnbondingDelegationResponse, {});
      },
    },

    updateParams: {
      typeUrl: `${STAKING}MsgUpdateParams`,
      codec: MsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: amino.updateParams,
      handle(ctx, msg) {
        k.updateParams(ctx, msg.authority, msg.params);
        return response(`${STAKING}MsgUpdateParamsResponse`, MsgUpdateParamsResponse, {});
      },
    },

    updateCapParams: {
      typeUrl: "/plume.staking.v1.MsgUpdateParams",
      codec: CapMsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: capMsgUpdateParamsAmino,
      handle(ctx, msg) {
        k.updateCapParams(ctx, msg.authority, msg.params);
        return response("/plume.staking.v1.MsgUpdateParamsResponse", CapMsgUpdateParamsResponse, {});
      },
    },
  };
}

/** Registers the cosmos.staking.v1beta1 Msg service. */
export function registerStakingMsgServer(registrar: ServiceRegistrar, k: StakingKeeper): void {
  const h = stakingMsgHandlers(k);
  registrar.registerMsg(h.createValidator);
  registrar.registerMsg(h.editValidator);
  registrar.registerMsg(h.delegate);
  registrar.registerMsg(h.beginRedelegate);
  registrar.registerMsg(h.undelegate);
  registrar.registerMsg(h.cancelUnbondingDelegation);
  registrar.registerMsg(h.updateParams);
}

/** Registers the plume.staking.v1 Msg service (the cap). */
export function registerCapMsgServer(registrar: ServiceRegistrar, k: StakingKeeper): void {
  registrar.registerMsg(stakingMsgHandlers(k).updateCapParams);
}
