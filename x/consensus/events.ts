import { event, type AppEvent } from "../../app/events";

/** `update_consensus_params{authority, parameters}` (x/consensus keeper, SDK v0.50). */
export function updateConsensusParamsEvent(authority: string, parameters: string): AppEvent {
  return event("update_consensus_params", [
    { key: "authority", value: authority },
    { key: "parameters", value: parameters },
  ]);
}
