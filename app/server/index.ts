/**
 * The client-facing servers of `plumed start`: gRPC (with reflection) and REST, both answering
 * from the app's query router and the node services, plus the abci_query hook that routes the
 * node services through CometBFT's `abci_query` too.
 *
 * Wiring (cmd/plumed/start.ts):
 *   let plume: PlumeApp | undefined;
 *   const services = nodeServicesFromConfig(config, cometRpcUrl, () => plume?.baseApp);
 *   plume = createPlumeApp({ ..., extraQueries: apiQueryHook(services) });
 *   const api = await startApiServers({ config, baseApp: plume.baseApp, queryRouter: plume.queries,
 *                                       moduleRestRoutes: plume.modules.restRoutes(), services,
 *                                       cometRpcUrl, logger });
 *   ... on stop: await api.close();
 */
import { APP_NAME } from "../chain-config";
import type { AppConfig } from "../config/app-config";
import type { Logger } from "../logger";
import type { QueryRouter } from "../query-router";
import type { SchemaRegistry } from "../../proto/schema/registry";
import { QueryDispatcher, type QueryableApp } from "./dispatcher";
import { startGrpcServer, type RunningGrpcServer } from "./grpc-server";
import { startRestServer, type RunningRestServer } from "./rest-server";
import type { RestRoute } from "./rest-route";
import { allRestRoutes } from "./rest-routes";
import { createNodeServices, type ServicesApp } from "./services/index";
import { serviceQueryHook, type ExtraQueries, type ServiceTable } from "./services/service-table";

export { HEIGHT_HEADER, QueryDispatcher, RpcError, type QueryableApp } from "./dispatcher";
export { startGrpcServer, type GrpcServerOptions, type RunningGrpcServer } from "./grpc-server";
export { RestGateway, startRestServer, httpStatusOf, type RestServerOptions, type RunningRestServer } from "./rest-server";
export { allRestRoutes, SERVICE_REST_ROUTES } from "./rest-routes";
export { getRoutes, type RestRoute } from "./rest-route";
export { createNodeServices, type NodeServicesOptions, type ServicesApp } from "./services/index";
export { ServiceTable, serviceQueryHook, type ExtraQueries, type ServiceMethod } from "./services/service-table";

/** The app.toml settings the servers read. */
export type ApiConfig = Pick<AppConfig, "api" | "grpc" | "minimumGasPrices" | "pruning" | "bech32Prefix">;

export interface ApiServersOptions {
  readonly config: ApiConfig;
  readonly baseApp: QueryableApp & ServicesApp;
  readonly queryRouter: QueryRouter;
  /** The modules' LCD routes (the app's ModuleManager.restRoutes()). */
  readonly moduleRestRoutes: readonly RestRoute[];
  /** CometBFT's RPC address (config.toml [rpc] laddr). */
  readonly cometRpcUrl: string;
  readonly logger: Logger;
  /** The service table whose hook BaseApp was given; created from the config when absent. */
  readonly services?: ServiceTable;
  readonly registry?: SchemaRegistry;
}

export interface RunningApiServers {
  /** "host:port" of the gRPC server, when [grpc] enable = true. */
  readonly grpcAddress: string | undefined;
  /** "host:port" of the REST server, when [api] enable = true. */
  readonly restAddress: string | undefined;
  close(): Promise<void>;
}

/** The node services configured from app.toml. */
export function nodeServicesFromConfig(config: ApiConfig, cometRpcUrl: string, app: () => ServicesApp | undefined): ServiceTable {
  return createNodeServices({
    cometRpcUrl,
    app,
    bech32Prefix: config.bech32Prefix,
    minimumGasPrices: config.minimumGasPrices,
    pruningKeepRecent: config.pruning.keepRecent,
    pruningInterval: config.pruning.interval,
  });
}

/**
 * The hook for BaseApp's `extraQueries` option: the node services (GetTx, GetTxsEvent,
 * GetNodeInfo, GetLatestBlock, node Config, ...) through abci_query. BaseApp answers the two
 * simulate paths itself, before this hook.
 */
export function apiQueryHook(services: ServiceTable): ExtraQueries {
  return serviceQueryHook(services);
}

export async function startApiServers(opts: ApiServersOptions): Promise<RunningApiServers> {
  const services = opts.services ?? nodeServicesFromConfig(opts.config, opts.cometRpcUrl, () => opts.baseApp);
  const dispatcher = new QueryDispatcher({ app: opts.baseApp, queryRouter: opts.queryRouter, services, appName: APP_NAME });
  let grpc: RunningGrpcServer | undefined;
  let rest: RunningRestServer | undefined;
  try {
    if (opts.config.grpc.enable) {
      grpc = await startGrpcServer({
        address: opts.config.grpc.address,
        dispatcher,
        logger: opts.logger.with({ module: "grpc-server" }),
        ...(opts.registry ? { registry: opts.registry } : {}),
      });
    }
    if (opts.config.api.enable) {
      rest = await startRestServer({
        address: opts.config.api.address,
        dispatcher,
        routes: allRestRoutes(opts.moduleRestRoutes),
        logger: opts.logger.with({ module: "api-server" }),
        ...(opts.registry ? { registry: opts.registry } : {}),
      });
    }
  } catch (err) {
    await Promise.all([grpc?.close(), rest?.close()]);
    throw err;
  }
  return {
    grpcAddress: grpc?.address,
    restAddress: rest?.address,
    close: async () => {
      await Promise.all([grpc?.close(), rest?.close()]);
    },
  };
}
