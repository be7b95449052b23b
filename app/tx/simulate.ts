/**
 * Simulation: a tx run in "simulate" mode on a throwaway branch of the check state, for gas
 * estimation (cosmjs' "auto" fee). Signatures are not verified (SIGN_MODE_UNSPECIFIED with empty
 * signatures is fine), a missing public key is replaced by a placeholder, gas is not limited, and
 * the messages run; nothing is ever persisted.
 *
 * Two ABCI query paths reach it:
 * - `/cosmos.tx.v1beta1.Service/Simulate`: proto SimulateRequest{tx_bytes} -> SimulateResponse.
 *   A failing tx is the gRPC status Unknown "<error> With gas wanted: '<n>' and gas used: '<m>' ",
 *   which the ABCI query reports as sdk/6 (x/auth/tx/service.go, baseapp gRPCErrorToSDKError).
 * - `/app/simulate`: raw tx bytes -> the JSON SimulationResponse (baseapp handleQueryApp); a failure
 *   keeps the tx's code, its log prefixed "failed to simulate tx: ".
 */
import { Event as AbciEvent } from "cosmjs-types/tendermint/abci/types";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { AppError } from "../errors";
import { bytesToBase64 } from "../encoding";
import { toAbciEvents } from "../events";
import type { JsonValue } from "../module";
import { GrpcStatus, QueryError, invalidArgument, queryErrorToAbci } from "../query-router";
import type { TxOutcome } from "./executor";

export const SIMULATE_GRPC_QUERY_PATH = "/cosmos.tx.v1beta1.Service/Simulate";
export const SIMULATE_APP_QUERY_PATH = "/app/simulate";

/** A tx that failed in simulation: its error and the gas it had used. */
export class SimulationError extends AppError {
  constructor(
    codespace: string,
    code: number,
    log: string,
    readonly gasWanted: bigint,
    readonly gasUsed: bigint,
  ) {
    super(codespace, code, log);
    this.name = "SimulationError";
  }
}

/** The SimulateResponse of a successful simulation outcome; throws SimulationError otherwise. */
export function simulateResponseFromOutcome(out: TxOutcome): SimulateResponse {
  if (out.code !== 0) throw new SimulationError(out.codespace, out.code, out.log, out.gasWanted, out.gasUsed);
  const msgResponses = out.data.length > 0 ? TxMsgData.decode(out.data).msgResponses : [];
  return SimulateResponse.fromPartial({
    gasInfo: { gasWanted: out.gasWanted, gasUsed: out.gasUsed },
    // Unlike CheckTx/FinalizeBlock results, a simulation's events are not marked for indexing.
    result: { data: out.data, log: out.log, events: toAbciEvents(out.events).map((e) => ({ ...e, attributes: e.attributes.map((a) => ({ ...a, index: false })) })), msgResponses },
  });
}

/** Runs `simulate` and answers the gRPC method's request bytes, or throws the query's AppError. */
export function simulateTx(simulate: (txBytes: Uint8Array) => SimulateResponse, requestBytes: Uint8Array): Uint8Array {
  let request: SimulateRequest;
  try {
    request = SimulateRequest.decode(requestBytes);
  } catch (err) {
    throw queryErrorToAbci(invalidArgument(`failed to decode request: ${(err as Error).message}`));
  }
  let txBytes = request.txBytes;
  // Backwards compatibility: a Tx instead of its bytes (the bytes then follow our own encoding).
  if (txBytes.length === 0 && request.tx !== undefined) txBytes = Tx.encode(request.tx).finish();
  if (txBytes.length === 0) throw queryErrorToAbci(invalidArgument("empty txBytes is not allowed"));
  try {
    return SimulateResponse.encode(simulate(txBytes)).finish();
  } catch (err) {
    if (!(err instanceof SimulationError)) throw err;
    const desc = `${err.message} With gas wanted: '${err.gasWanted}' and gas used: '${err.gasUsed}' `;
    throw queryErrorToAbci(new QueryError(GrpcStatus.Unknown, desc));
  }
}

function anyJson(any: Any): JsonValue {
  // Message responses are resolved by type only when they carry no fields (the usual case); the
  // app has no JSON codecs for responses here, so a non-empty one keeps its bytes in base64.
  return any.value.length === 0 ? { "@type": any.typeUrl } : { "@type": any.typeUrl, value: bytesToBase64(any.value) };
}

/** The JSON SimulationResponse of baseapp's /app/simulate (proto JSON, original field names, defaults emitted). */
export function simulationResponseJson(res: SimulateResponse): string {
  const gas = res.gasInfo ?? { gasWanted: 0n, gasUsed: 0n };
  const result = res.result;
  const json: JsonValue = {
    gas_info: { gas_wanted: gas.gasWanted.toString(), gas_used: gas.gasUsed.toString() },
    result:
      result === undefined
        ? null
        : {
            data: bytesToBase64(result.data),
            log: result.log,
            events: result.events.map((e: AbciEvent) => ({
              type: e.type,
              attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })),
            })),
            msg_responses: result.msgResponses.map(anyJson),
          },
  };
  return JSON.stringify(json);
}

/**
 * The simulation query paths, or undefined for any other path. `simulate` runs one tx in simulation
 * mode (BaseApp.simulate).
 */
export function routeSimulateQuery(path: string, data: Uint8Array, simulate: (txBytes: Uint8Array) => SimulateResponse): Uint8Array | undefined {
  if (path === SIMULATE_GRPC_QUERY_PATH) return simulateTx(simulate, data);
  if (path !== SIMULATE_APP_QUERY_PATH) return undefined;
  try {
    return new TextEncoder().encode(simulationResponseJson(simulate(data)));
  } catch (err) {
    if (err instanceof AppError) throw err.wrap("failed to simulate tx");
    throw err;
  }
}
