/**
 * x/restaking's Msg service (plume.restaking.v1.Msg). Thin handlers: decode the addresses, the
 * keeper call (which emits the events), the response.
 */
import { encodeProto, type ProtoCodec } from "../../app/codec";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import {
  MsgRestakeRewards,
  MsgRestakeRewardsResponse,
  MsgSetAutoCompound,
  MsgSetAutoCompoundResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from "../../proto/plume/restaking/v1/tx";
import { decodeOr } from "../staking/msg-server";
import { msgRestakeRewardsAmino, msgSetAutoCompoundAmino, msgUpdateParamsAmino } from "./amino";
import type { RestakingKeeper } from "./keeper";

const PKG = "/plume.restaking.v1.";

function response<T>(typeUrl: string, codec: ProtoCodec<T>, message: T): MsgResponse {
  return { typeUrl, value: encodeProto(codec, message) };
}

export function restakingMsgHandlers(k: RestakingKeeper): {
  setAutoCompound: MsgHandlerDef<MsgSetAutoCompound>;
  restakeRewards: MsgHandlerDef<MsgRestakeRewards>;
  updateParams: MsgHandlerDef<MsgUpdateParams>;
} {
  const a = k.addresses;
  return {
    setAutoCompound: {
      typeUrl: `${PKG}MsgSetAutoCompound`,
      codec: MsgSetAutoCompound,
      signers: (msg) => [msg.delegatorAddress],
      amino: msgSetAutoCompoundAmino,
      handle(ctx, msg) {
        const delegator = decodeOr((s) => a.decodeAccount(s), msg.delegatorAddress, "delegator");
        const validator = decodeOr((s) => a.decodeValidator(s), msg.validatorAddress, "validator");
        const units = k.setAutoCompound(ctx, delegator, validator, msg.enabled);
        return response(`${PKG}MsgSetAutoCompoundResponse`, MsgSetAutoCompoundResponse, { units: units.toProto() });
      },
    },
    restakeRewards: {
      typeUrl: `${PKG}MsgRestakeRewards`,
      codec: MsgRestakeRewards,
      signers: (msg) => [msg.delegatorAddress],
      amino: msgRestakeRewardsAmino,
      handle(ctx, msg) {
        const delegator = decodeOr((s) => a.decodeAccount(s), msg.delegatorAddress, "delegator");
        const validator = decodeOr((s) => a.decodeValidator(s), msg.validatorAddress, "validator");
        const amount = k.restakeRewards(ctx, delegator, validator);
        return response(`${PKG}MsgRestakeRewardsResponse`, MsgRestakeRewardsResponse, { amount: amount.toProto() });
      },
    },
    updateParams: {
      typeUrl: `${PKG}MsgUpdateParams`,
      codec: MsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: msgUpdateParamsAmino,
      handle(ctx, msg) {
        k.updateParams(ctx, msg.authority, msg.params);
        return response(`${PKG}MsgUpdateParamsResponse`, MsgUpdateParamsResponse, {});
      },
    },
  };
}

export function registerRestakingMsgServer(registrar: ServiceRegistrar, k: RestakingKeeper): void {
  const h = restakingMsgHandlers(k);
  registrar.registerMsg(h.setAutoCompound);
  registrar.registerMsg(h.restakeRewards);
  registrar.registerMsg(h.updateParams);
}
