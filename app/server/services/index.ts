import type { VersionInfo } from "cosmjs-types/cosmos/base/tendermint/v1beta1/query";
import { APP_NAME, APP_VERSION } from "../../chain-config";
import { cmtServiceMethods, type AbciQueryable } from "./cmt-service";
import { CometRpcClient } from "./comet-rpc";
import { nodeServiceMethods } from "./node-service";
import { ServiceTable } from "./service-table";
import { txServiceMethods, type TxSimulator } from "./tx-service";

export { CometRpcClient, CometRpcError, httpUrlOf } from "./comet-rpc";
export { ServiceTable, serviceQueryHook, type ExtraQueries, type ServiceCall, type ServiceMethod } from "./service-table";
export type { TxSimulator } from "./tx-service";
export type { AbciQueryable } from "./cmt-service";

/** The SDK release whose client-facing behaviour plumed reproduces (reported in GetNodeInfo). */
export const COMPATIBLE_COSMOS_SDK_VERSION = "v0.50.13";

/** What the services need from the app; BaseApp provides `query`, and `simulate` once the tx pipeline has it. */
export interface ServicesApp extends AbciQueryable {
  simulate?: TxSimulator["simulate"];
}

export interface NodeServicesOptions {
  /** CometBFT's RPC address (config.toml [rpc] laddr), "tcp://127.0.0.1:26657" or http(s)://. */
  readonly cometRpcUrl: string;
  /**
   * The app, looked up on every call: the abci_query hook must exist before BaseApp is built
   * (it is a constructor option), so the services reach the app through this getter.
   */
  readonly app: () => ServicesApp | undefined;
  /** Account bech32 prefix; consensus addresses use `<prefix>valcons`. */
  readonly bech32Prefix: string;
  /** app.toml values reported by cosmos.base.node.v1beta1.Service/Config. */
  readonly minimumGasPrices: string;
  readonly pruningKeepRecent: number;
  readonly pruningInterval: number;
  readonly haltHeight?: bigint;
  readonly cometTimeoutMs?: number;
}

/**
 * The services that answer from CometBFT or the app rather than the store:
 * cosmos.tx.v1beta1.Service, cosmos.base.tendermint.v1beta1.Service and
 * cosmos.base.node.v1beta1.Service. One table serves gRPC, REST and (through serviceQueryHook)
 * abci_query.
 */
export function createNodeServices(opts: NodeServicesOptions): ServiceTable {
  const comet = new CometRpcClient({ url: opts.cometRpcUrl, ...(opts.cometTimeoutMs !== undefined ? { timeoutMs: opts.cometTimeoutMs } : {}) });
  const app = (): ServicesApp => {
    const a = opts.app();
    if (!a) throw new Error("the application is not running yet");
    return a;
  };
  const versionInfo: VersionInfo = {
    name: APP_NAME,
    appName: APP_NAME,
    version: APP_VERSION,
    gitCommit: "",
    buildTags: "",
    goVersion: `node ${process.version} ${process.platform}/${process.arch}`,
    buildDeps: [],
    cosmosSdkVersion: COMPATIBLE_COSMOS_SDK_VERSION,
  };
  const table = new ServiceTable();
  const methods = [
    ...txServiceMethods({
      comet,
      simulator: () => {
        const a = opts.app();
        const simulate = a?.simulate;
        return a && simulate ? { simulate: (tx: Uint8Array) => simulate.call(a, tx) } : undefined;
      },
    }),
    ...cmtServiceMethods({ comet, app, consensusPrefix: `${opts.bech32Prefix}valcons`, versionInfo }),
    ...nodeServiceMethods({
      comet,
      minimumGasPrices: opts.minimumGasPrices,
      pruningKeepRecent: String(opts.pruningKeepRecent),
      pruningInterval: String(opts.pruningInterval),
      haltHeight: opts.haltHeight ?? 0n,
    }),
  ];
  for (const m of methods) table.register(m);
  return table;
}
