import type { MsgUpdateParams } from "cosmjs-types/cosmos/consensus/v1/tx";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { Context } from "../../app/context";
import type { KVStoreReader } from "../../app/store/types";
import { ErrInvalidSigner } from "../gov/errors";
import { updateConsensusParamsEvent } from "./events";
import { consensusParamsText, updateConsensusParams, validateConsensusParams, validateConsensusParamsUpdate } from "./params";

export const CONSENSUS_STORE = "consensus";
const PARAMS_KEY = Uint8Array.of(0x00);

/**
 * Owns CometBFT's consensus params as the chain knows them (x/consensus in the SDK): set from
 * InitChain, changed by the gov authority through MsgUpdateParams, read by BaseApp every block
 * (block max gas; changes go back to CometBFT in FinalizeBlock) and by staking (allowed validator
 * key types).
 *
 * `get`/`set` read the store without gas: BaseApp calls them outside any tx, as the SDK's
 * GetConsensusParams does on the block context.
 */
export class ConsensusParamsKeeper {
  constructor(readonly authority: string) {}

  get(ctx: Context): ConsensusParams | undefined {
    return readConsensusParams(ctx.multiStore.getStore(CONSENSUS_STORE));
  }

  set(ctx: Context, params: ConsensusParams): void {
    ctx.multiStore.getStore(CONSENSUS_STORE).set(PARAMS_KEY, ConsensusParams.encode(params).finish());
  }

  /**
   * MsgUpdateParams (x/consensus/keeper UpdateParams, SDK v0.50): only the authority; block,
   * evidence and validator sections must all be present; the merged params must pass CometBFT's
   * ValidateBasic and ValidateUpdate at this block's height. Returns the params as stored.
   */
  updateParams(ctx: Context, msg: MsgUpdateParams): ConsensusParams {
    if (msg.authority !== this.authority) throw ErrInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${msg.authority}`);
    const update = requestedParams(msg);
    const store = ctx.kvStore(CONSENSUS_STORE);
    const raw = store.get(PARAMS_KEY);
    const current = raw === undefined ? ConsensusParams.fromPartial({}) : ConsensusParams.decode(raw);
    const next = updateConsensusParams(current, update);
    validateConsensusParams(next);
    validateConsensusParamsUpdate(current, update, ctx.height);
    store.set(PARAMS_KEY, ConsensusParams.encode(next).finish());
    ctx.events.emit(updateConsensusParamsEvent(msg.authority, consensusParamsText(update)));
    return next;
  }
}

/** MsgUpdateParams.ToProtoConsensusParams: a plain Go error when a required section is missing. */
function requestedParams(msg: MsgUpdateParams): ConsensusParams {
  if (msg.block === undefined || msg.evidence === undefined || msg.validator === undefined) {
    throw new Error("all parameters must be present");
  }
  return ConsensusParams.fromPartial({
    block: msg.block,
    evidence: msg.evidence,
    validator: msg.validator,
    ...(msg.abci ? { abci: msg.abci } : {}),
  });
}

export function readConsensusParams(store: KVStoreReader): ConsensusParams | undefined {
  const raw = store.get(PARAMS_KEY);
  return raw === undefined ? undefined : ConsensusParams.decode(raw);
}
