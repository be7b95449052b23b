/** x/mint's Msg service (cosmos.mint.v1beta1.Msg): MsgUpdateParams, gov-gated. */
import { MsgUpdateParams, MsgUpdateParamsResponse } from "cosmjs-types/cosmos/mint/v1beta1/tx";
import { encodeProto } from "../../app/codec";
import type { MsgHandlerDef, ServiceRegistrar } from "../../app/module";
import { msgUpdateParamsAmino } from "./amino";
import type { MintKeeper } from "./keeper";

export function mintMsgHandlers(k: MintKeeper): { updateParams: MsgHandlerDef<MsgUpdateParams> } {
  return {
    updateParams: {
      typeUrl: "/cosmos.mint.v1beta1.MsgUpdateParams",
      codec: MsgUpdateParams,
      signers: (msg) => [msg.authority],
      amino: msgUpdateParamsAmino,
      handle(ctx, msg) {
        k.updateParams(ctx, msg.authority, msg.params);
        return { typeUrl: "/cosmos.mint.v1beta1.MsgUpdateParamsResponse", value: encodeProto(MsgUpdateParamsResponse, {}) };
      },
    },
  };
}

export function registerMintMsgServer(registrar: ServiceRegistrar, k: MintKeeper): void {
  registrar.registerMsg(mintMsgHandlers(k).updateParams);
}
