import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { Context } from "../../app/context";
import type { KVStoreReader } from "../../app/store/types";

export const CONSENSUS_STORE = "consensus";
const PARAMS_KEY = Uint8Array.of(0x00);

/**
 * Owns CometBFT's consensus params as the chain knows them (x/consensus in the SDK): set from
 * InitChain, read by the tx pipeline (block max gas) and staking (allowed validator key types).
 */
export class ConsensusParamsKeeper {
  get(ctx: Context): ConsensusParams | undefined {
    return readConsensusParams(ctx.multiStore.getStore(CONSENSUS_STORE));
  }

  set(ctx: Context, params: ConsensusParams): void {
    ctx.multiStore.getStore(CONSENSUS_STORE).set(PARAMS_KEY, ConsensusParams.encode(params).finish());
  }
}

export function readConsensusParams(store: KVStoreReader): ConsensusParams | undefined {
  const raw = store.get(PARAMS_KEY);
  return raw === undefined ? undefined : ConsensusParams.decode(raw);
}
