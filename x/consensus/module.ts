import { QueryParamsRequest, QueryParamsResponse } from "cosmjs-types/cosmos/consensus/v1/query";
import type { AppModule } from "../../app/module";
import { CONSENSUS_STORE, readConsensusParams, type ConsensusParamsKeeper } from "./keeper";
import { registerConsensusMsgServer } from "./msg-server";
import { CONSENSUS_REST_ROUTES } from "./rest-routes";

/**
 * x/consensus: stores the consensus params and lets the gov authority change them; its genesis
 * lives in CometBFT's genesis (consensus_params), not in app_state.
 */
export function consensusModule(keeper: ConsensusParamsKeeper): AppModule {
  return {
    name: "consensus",
    storeNames: [CONSENSUS_STORE],
    restRoutes: CONSENSUS_REST_ROUTES,
    registerServices(registrar) {
      registerConsensusMsgServer(registrar, keeper);
      registrar.registerQuery({
        path: "/cosmos.consensus.v1.Query/Params",
        requestCodec: QueryParamsRequest,
        responseCodec: QueryParamsResponse,
        handle: (ctx) => ({ params: readConsensusParams(ctx.store(CONSENSUS_STORE)) }),
      });
    },
  };
}
