/**
 * x/mint's Query service (cosmos.mint.v1beta1.Query, SDK v0.50 keeper/grpc_query.go). Inflation
 * and AnnualProvisions answer `bytes` holding the Dec's atomics as text ("130000000000000000" for
 * 0.13), which cosmjs' setupMintExtension decodes with Decimal.fromAtomics(…, 18).
 */
import {
  QueryAnnualProvisionsRequest,
  QueryAnnualProvisionsResponse,
  QueryInflationRequest,
  QueryInflationResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/mint/v1beta1/query";
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import type { KVStoreReader } from "../../app/store/types";
import type { MintReader } from "./keeper";
import { MINT_STORE } from "./state-keys";

const utf8 = new TextEncoder();
const decBytes = (atomics: string): Uint8Array => utf8.encode(atomics === "" ? "0" : atomics);

export function mintQueryHandlers(r: MintReader): AnyQueryHandler[] {
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(MINT_STORE);
  const path = (method: string): string => `/cosmos.mint.v1beta1.Query/${method}`;
  return [
    erase<QueryParamsRequest, QueryParamsResponse>({
      path: path("Params"),
      requestCodec: QueryParamsRequest,
      responseCodec: QueryParamsResponse,
      handle: (ctx) => ({ params: r.params(store(ctx)) }),
    }),
    erase<QueryInflationRequest, QueryInflationResponse>({
      path: path("Inflation"),
      requestCodec: QueryInflationRequest,
      responseCodec: QueryInflationResponse,
      handle: (ctx) => ({ inflation: decBytes(r.minter(store(ctx)).inflation) }),
    }),
    erase<QueryAnnualProvisionsRequest, QueryAnnualProvisionsResponse>({
      path: path("AnnualProvisions"),
      requestCodec: QueryAnnualProvisionsRequest,
      responseCodec: QueryAnnualProvisionsResponse,
      handle: (ctx) => ({ annualProvisions: decBytes(r.minter(store(ctx)).annualProvisions) }),
    }),
  ];
}

export function registerMintQueryServer(registrar: ServiceRegistrar, r: MintReader): void {
  for (const def of mintQueryHandlers(r)) registrar.registerQuery(def);
}
