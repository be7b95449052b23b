/**
 * cosmos.base.node.v1beta1.Service (client/grpc/node in cosmos-sdk v0.50): the node's app.toml
 * settings clients care about, and the status of the state the query was answered from.
 */
import { ConfigRequest, ConfigResponse, StatusRequest, StatusResponse } from "cosmjs-types/cosmos/base/node/v1beta1/query";
import { parseDecCoins } from "../../math/parse-coins";
import { headerOf } from "./comet-convert";
import { optObj, type CometRpcClient } from "./comet-rpc";
import type { ServiceMethod } from "./service-table";

export interface NodeServiceDeps {
  readonly comet: CometRpcClient;
  /** app.toml minimum-gas-prices ("0.025uplume"), pruning-keep-recent and pruning-interval, halt-height. */
  readonly minimumGasPrices: string;
  readonly pruningKeepRecent: string;
  readonly pruningInterval: string;
  readonly haltHeight: bigint;
}

const SERVICE = "/cosmos.base.node.v1beta1.Service";

/** DecCoins.String() of the configured prices: "0.025000000000000000uplume"; empty when none. */
export function minGasPricesString(text: string): string {
  try {
    return parseDecCoins(text).toString();
  } catch {
    return "";
  }
}

export function nodeServiceMethods(deps: NodeServiceDeps): ServiceMethod<never, unknown>[] {
  const config: ServiceMethod<ConfigRequest, ConfigResponse> = {
    path: `${SERVICE}/Config`,
    requestCodec: ConfigRequest,
    responseCodec: ConfigResponse,
    viaAbci: true,
    async handle() {
      return ConfigResponse.fromPartial({
        minimumGasPrice: minGasPricesString(deps.minimumGasPrices),
        pruningKeepRecent: deps.pruningKeepRecent,
        pruningInterval: deps.pruningInterval,
        haltHeight: deps.haltHeight,
      });
    },
  };

  const status: ServiceMethod<StatusRequest, StatusResponse> = {
    path: `${SERVICE}/Status`,
    requestCodec: StatusRequest,
    responseCodec: StatusResponse,
    viaAbci: true,
    async handle(_req, call) {
      // The SDK reads these from the query context's header: the time, app hash (of the state
      // before the block) and next validators hash of block `height`, which is CometBFT's header.
      // earliest_store_height is left 0, as the SDK does.
      try {
        const block = await deps.comet.block(call.height);
        const header = headerOf(optObj(block["block"])?.["header"]);
        return StatusResponse.fromPartial({ height: call.height, timestamp: header.time, appHash: header.appHash, validatorHash: header.nextValidatorsHash });
      } catch {
        return StatusResponse.fromPartial({ height: call.height });
      }
    },
  };

  return [config, status] as ServiceMethod<never, unknown>[];
}
