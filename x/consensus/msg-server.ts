/**
 * x/consensus's Msg service: MsgUpdateParams, the gov authority's way to change block size, block
 * gas, evidence age and validator key types on a live chain. BaseApp hands the new params to
 * CometBFT at the end of the block, and CometBFT applies them from the next height.
 */
import { MsgUpdateParams, MsgUpdateParamsResponse } from "cosmjs-types/cosmos/consensus/v1/tx";
import type { MsgHandlerDef, ServiceRegistrar } from "../../app/module";
import type { ConsensusParamsKeeper } from "./keeper";

export function msgUpdateConsensusParamsHandler(keeper: ConsensusParamsKeeper): MsgHandlerDef<MsgUpdateParams> {
  return {
    typeUrl: MsgUpdateParams.typeUrl,
    codec: MsgUpdateParams,
    signers: (msg) => [msg.authority],
    handle(ctx, msg) {
      keeper.updateParams(ctx, msg);
      return { typeUrl: MsgUpdateParamsResponse.typeUrl, value: MsgUpdateParamsResponse.encode({}).finish() };
    },
  };
}

export function registerConsensusMsgServer(registrar: ServiceRegistrar, keeper: ConsensusParamsKeeper): void {
  registrar.registerMsg(msgUpdateConsensusParamsHandler(keeper));
}
