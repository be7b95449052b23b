/**
 * x/slashing's Msg service (cosmos.slashing.v1beta1.Msg) and correlated slashing's
 * (plume.slashing.v1.Msg). Thin handlers, as x/slashing/keeper/msg_server.go: decode, keeper call,
 * response. No ValidateBasic: every check runs when the message executes.
 */
import { MsgUnjail, MsgUnjailResponse, MsgUpdateParams, MsgUpdateParamsResponse } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { encodeProto, type ProtoCodec } from "../../app/codec";
import { AppError, ErrInvalidAddress } from "../../app/errors";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import { MsgUpdateParams as CorrelationMsgUpdateParams, MsgUpdateParamsResponse as CorrelationMsgUpdateParamsResponse } from "../../proto/plume/slashing/v1/tx";
import { correlationMsgUpdateParamsAmino, msgUnjailAmino, msgUpdateParamsAmino } from "./amino";
import type { SlashingKeeper } from "./keeper";

const SLASHING = "/cosmos.slashing.v1beta1.";

function response<T>(typeUrl: string, codec: ProtoCodec<T>, message: T): MsgResponse {
  return { typeUrl, value: encodeProto(codec, message) };
}

export function slashingMsgHandlers(k: SlashingKeeper): {
  unjail: MsgHandlerDef<MsgUnjail>;
  updateParams: MsgHandlerDef<MsgUpdateParams>;
  updateCorrelationParams: MsgHandlerDef<CorrelationMsgUpdateParams>;
} {
  const a = k.addresses;
  return {
    unjail: {
      typeUrl: `${SLASHING}MsgUnjail`,
      codec: MsgUnjail,
      // The signer is the operator: validator_addr read as an account.
      signers: (msg) => [a.encodeAccount(a.decodeValidator(msg.validatorAddr))],
      amino: msgUnjailAmino,
      handle(ctx, msg) {
        let operator: Uint8Array;
        try {
          operator = a.decodeValidator(msg.validatorAddr);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          throw ErrInvalidAddress.wrap(`validator input address: ${err.message.replace(/: invalid address$/, "")}`);
        }
        k.unjail(ctx, operator);
        return response(`${SLASHING}MsgUnjailResponse`, MsgUnjailResponse, {});
      },
    },
    updateParams: {
      typeUrl: `${SLASHING}MsgUpdateParams`,
      codec: MsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: msgUpdateParamsAmino,
      handle(ctx, msg) {
        k.updateParams(ctx, msg.authority, msg.params);
        return response(`${SLASHING}MsgUpdateParamsResponse`, MsgUpdateParamsResponse, {});
      },
    },
    updateCorrelationParams: {
      typeUrl: "/plume.slashing.v1.MsgUpdateParams",
      codec: CorrelationMsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: correlationMsgUpdateParamsAmino,
      handle(ctx, msg) {
        k.updateCorrelationParams(ctx, msg.authority, msg.params);
        return response("/plume.slashing.v1.MsgUpdateParamsResponse", CorrelationMsgUpdateParamsResponse, {});
      },
    },
  };
}

/** Registers the cosmos.slashing.v1beta1 Msg service. */
export function registerSlashingMsgServer(registrar: ServiceRegistrar, k: SlashingKeeper): void {
  const h = slashingMsgHandlers(k);
  registrar.registerMsg(h.unjail);
  registrar.registerMsg(h.updateParams);
}

/** Registers the plume.slashing.v1 Msg service (correlated slashing). */
export function registerCorrelationMsgServer(registrar: ServiceRegistrar, k: SlashingKeeper): void {
  registrar.registerMsg(slashingMsgHandlers(k).updateCorrelationParams);
}
