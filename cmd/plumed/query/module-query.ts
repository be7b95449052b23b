import { toBase64 } from "@cosmjs/encoding";
import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { bytesToSdkJson, sdkJsonToBytes } from "../../../app/json";
import type { JsonValue } from "../../../app/module";
import { QueryFailedError } from "../client/grpc-query";
import type { CometRpc } from "../client/rpc";

/**
 * One gRPC query method of a module's Query service (`service` as "cosmos.slashing.v1beta1"),
 * sent through abci_query with the SDK JSON of its request; returns the SDK JSON of the answer.
 */
export async function moduleQuery(rpc: CometRpc, service: string, method: string, request: Record<string, JsonValue>, height?: bigint): Promise<JsonValue> {
  const path = `/${service}.Query/${method}`;
  const r = await rpc.abciQuery(path, sdkJsonToBytes(`${service}.Query${method}Request`, request), height);
  if (r.code !== 0) throw new QueryFailedError(path, r.code, r.codespace, r.log);
  try {
    return bytesToSdkJson(`${service}.Query${method}Response`, r.value);
  } catch (err) {
    throw new Error(`cannot decode the answer to ${path}: ${(err as Error).message}`);
  }
}

/** A PageRequest as the SDK JSON of a request's `pagination` field (nothing when absent). */
export function pageJson(p: PageRequest | undefined): Record<string, JsonValue> {
  if (p === undefined) return {};
  return {
    pagination: { key: toBase64(p.key), offset: p.offset.toString(), limit: p.limit.toString(), count_total: p.countTotal, reverse: p.reverse },
  };
}
