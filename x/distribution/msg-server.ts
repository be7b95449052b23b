/**
 * x/distribution's Msg service (cosmos.distribution.v1beta1.Msg), as SDK v0.50
 * x/distribution/keeper/msg_server.go: address decoding with its texts, the keeper call, the
 * response. The messages have no ValidateBasic in v0.50: every check runs when they execute.
 */
import {
  MsgCommunityPoolSpend,
  MsgCommunityPoolSpendResponse,
  MsgDepositValidatorRewardsPool,
  MsgDepositValidatorRewardsPoolResponse,
  MsgFundCommunityPool,
  MsgFundCommunityPoolResponse,
  MsgSetWithdrawAddress,
  MsgSetWithdrawAddressResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgWithdrawDelegatorReward,
  MsgWithdrawDelegatorRewardResponse,
  MsgWithdrawValidatorCommission,
  MsgWithdrawValidatorCommissionResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { encodeProto, type ProtoCodec } from "../../app/codec";
import { ErrInvalidCoins, ErrInvalidRequest, ErrUnauthorized } from "../../app/errors";
import { Coins, DecCoins } from "../../app/math";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import {
  msgCommunityPoolSpendAmino,
  msgDepositValidatorRewardsPoolAmino,
  msgFundCommunityPoolAmino,
  msgSetWithdrawAddressAmino,
  msgUpdateParamsAmino,
  msgWithdrawDelegatorRewardAmino,
  msgWithdrawValidatorCommissionAmino,
} from "./amino";
import { decodeOr } from "../staking/msg-server";
import type { DistributionKeeper } from "./keeper";
import { decOf } from "./params";

const DISTR = "/cosmos.distribution.v1beta1.";

function response<T>(typeUrl: string, codec: ProtoCodec<T>, message: T): MsgResponse {
  return { typeUrl, value: encodeProto(codec, message) };
}

/** validateAmount: no coins is "amount cannot be nil", invalid coins their own text (sdk/10). */
function validAmount(amount: readonly ProtoCoin[]): Coins {
  if (amount.length === 0) throw ErrInvalidCoins.wrap("amount cannot be nil");
  const coins = Coins.fromProto(amount);
  if (coins.validate() !== undefined) throw ErrInvalidCoins.wrap(coins.toString());
  return coins;
}

export function distributionMsgHandlers(k: DistributionKeeper): MsgHandlerDef<never>[] {
  const a = k.addresses;
  const erase = <M>(def: MsgHandlerDef<M>): MsgHandlerDef<never> => def as unknown as MsgHandlerDef<never>;
  return [
    erase<MsgSetWithdrawAddress>({
      typeUrl: `${DISTR}MsgSetWithdrawAddress`,
      codec: MsgSetWithdrawAddress,
      signers: (msg) => [msg.delegatorAddress],
      amino: msgSetWithdrawAddressAmino,
      handle(ctx, msg) {
        const delegator = decodeOr((s) => a.decodeAccount(s), msg.delegatorAddress, "delegator");
        const withdrawTo = decodeOr((s) => a.decodeAccount(s), msg.withdrawAddress, "withdraw");
        k.setWithdrawAddress(ctx, delegator, withdrawTo);
        return response(`${DISTR}MsgSetWithdrawAddressResponse`, MsgSetWithdrawAddressResponse, {});
      },
    }),
    erase<MsgWithdrawDelegatorReward>({
      typeUrl: `${DISTR}MsgWithdrawDelegatorReward`,
      codec: MsgWithdrawDelegatorReward,
      signers: (msg) => [msg.delegatorAddress],
      amino: msgWithdrawDelegatorRewardAmino,
      handle(ctx, msg) {
        const validator = decodeOr((s) => a.decodeValidator(s), msg.validatorAddress, "validator");
        const delegator = decodeOr((s) => a.decodeAccount(s), msg.delegatorAddress, "delegator");
        const amount = k.withdrawDelegatorReward(ctx, delegator, validator);
        return response(`${DISTR}MsgWithdrawDelegatorRewardResponse`, MsgWithdrawDelegatorRewardResponse, { amount: amount.toProto() });
      },
    }),
    erase<MsgWithdrawValidatorCommission>({
      typeUrl: `${DISTR}MsgWithdrawValidatorCommission`,
      codec: MsgWithdrawValidatorCommission,
      // The signer is the operator: validator_address read as an account.
      signers: (msg) => [a.encodeAccount(a.decodeValidator(msg.validatorAddress))],
      amino: msgWithdrawValidatorCommissionAmino,
      handle(ctx, msg) {
        const validator = decodeOr((s) => a.decodeValidator(s), msg.validatorAddress, "validator");
        const amount = k.withdrawValidatorCommission(ctx, validator);
        return response(`${DISTR}MsgWithdrawValidatorCommissionResponse`, MsgWithdrawValidatorCommissionResponse, { amount: amount.toProto() });
      },
    }),
    erase<MsgFundCommunityPool>({
      typeUrl: `${DISTR}MsgFundCommunityPool`,
      codec: MsgFundCommunityPool,
      signers: (msg) => [msg.depositor],
      amino: msgFundCommunityPoolAmino,
      handle(ctx, msg) {
        const depositor = decodeOr((s) => a.decodeAccount(s), msg.depositor, "depositor");
        k.fundCommunityPool(ctx, validAmount(msg.amount), depositor);
        return response(`${DISTR}MsgFundCommunityPoolResponse`, MsgFundCommunityPoolResponse, {});
      },
    }),
    erase<MsgUpdateParams>({
      typeUrl: `${DISTR}MsgUpdateParams`,
      codec: MsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: msgUpdateParamsAmino,
      handle(ctx, msg) {
        decodeOr((s) => a.decodeAccount(s), msg.authority, "authority");
        k.checkAuthority(msg.authority);
        if (!decOf(msg.params.baseProposerReward).isZero() || !decOf(msg.params.bonusProposerReward).isZero()) {
          throw ErrInvalidRequest.wrap("cannot update base or bonus proposer reward because these are deprecated fields");
        }
        k.updateParams(ctx, msg.params);
        return response(`${DISTR}MsgUpdateParamsResponse`, MsgUpdateParamsResponse, {});
      },
    }),
    erase<MsgCommunityPoolSpend>({
      typeUrl: `${DISTR}MsgCommunityPoolSpend`,
      codec: MsgCommunityPoolSpend,
      signers: (msg) => [msg.authority],
      amino: msgCommunityPoolSpendAmino,
      handle(ctx, msg) {
        decodeOr((s) => a.decodeAccount(s), msg.authority, "authority");
        k.checkAuthority(msg.authority);
        const amount = validAmount(msg.amount);
        const recipient = a.decodeAccount(msg.recipient);
        if (k.bank.isBlockedAddress(recipient)) throw ErrUnauthorized.wrap(`${msg.recipient} is not allowed to receive external funds`);
        k.distributeFromFeePool(ctx, amount, recipient);
        ctx.logger.info("transferred from the community pool to recipient", { amount: amount.toString(), recipient: msg.recipient });
        return response(`${DISTR}MsgCommunityPoolSpendResponse`, MsgCommunityPoolSpendResponse, {});
      },
    }),
    erase<MsgDepositValidatorRewardsPool>({
      typeUrl: `${DISTR}MsgDepositValidatorRewardsPool`,
      codec: MsgDepositValidatorRewardsPool,
      signers: (msg) => [msg.depositor],
      amino: msgDepositValidatorRewardsPoolAmino,
      handle(ctx, msg) {
        const depositor = a.decodeAccount(msg.depositor);
        const amount = Coins.fromProto(msg.amount);
        k.bank.sendCoinsFromAccountToModule(ctx, depositor, "distribution", amount);
        const validator = a.decodeValidator(msg.validatorAddress);
        const v = k.staking.requireValidator(ctx, validator);
        k.allocateTokensToValidator(ctx, v, DecCoins.fromCoins(amount));
        ctx.logger.info("transferred from rewards to validator rewards pool", { depositor: msg.depositor, amount: amount.toString(), validator: msg.validatorAddress });
        return response(`${DISTR}MsgDepositValidatorRewardsPoolResponse`, MsgDepositValidatorRewardsPoolResponse, {});
      },
    }),
  ];
}

export function registerDistributionMsgServer(registrar: ServiceRegistrar, k: DistributionKeeper): void {
  for (const h of distributionMsgHandlers(k)) registrar.registerMsg(h);
}
