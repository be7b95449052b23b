import { QueryParamsRequest, QueryParamsResponse } from "cosmjs-types/cosmos/consensus/v1/query";
import type { AppModule, ServiceRegistrar } from "../../app/module";
import { CONSENSUS_STORE, readConsensusParams } from "./keeper";

/** x/consensus: stores the consensus params; its genesis lives in CometBFT's genesis, not app_state. */
export function consensusModule(): AppModule {
  return {
    name: "consensus",
    storeNames: [CONSENSUS_STORE],
    registerServices(registrar: ServiceRegistrar): void {
      registrar.registerQuery({
        path: "/cosmos.consensus.v1.Query/Params",
        requestCodec: QueryParamsRequest,
        responseCodec: QueryParamsResponse,
        handle: (ctx) => ({ params: readConsensusParams(ctx.store(CONSENSUS_STORE)) }),
      });
    },
  };
}
