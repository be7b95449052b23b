/**
 * The height a query runs at, checked once for every way in: abci_query (BaseApp.query) and the
 * gRPC and REST servers (app/server/dispatcher.ts). In SDK v0.50 both paths go through
 * baseapp's CreateQueryContext (baseapp/abci.go; the gRPC interceptor in baseapp/grpcserver.go
 * calls it too), so the same bad height gives the same error on each:
 *
 *   height < 0                      ErrInvalidRequest  "cannot query with height < 0; ..."
 *   nothing committed yet           ErrInvalidHeight   "<app> is not ready; please wait for first block"
 *   height > latest                 ErrInvalidHeight   "cannot query with height in the future; ..."
 *   prove and height <= 1           ErrInvalidRequest  "cannot query with proof when height <= 1; ..."
 *   version not kept (pruned)       ErrInvalidRequest  "failed to load state at height H; ... (latest height: L)"
 *
 * Height 0 means the latest committed height.
 */
import { AppError, ErrInvalidHeight, ErrInvalidRequest } from "./errors";

export interface QueryHeightRequest {
  /** The height asked for; 0 is the latest. */
  readonly requested: bigint;
  /** The latest committed height. */
  readonly latest: bigint;
  /** Whether a proof is asked for (abci_query's `prove`). */
  readonly prove?: boolean;
  /** Named in the "not ready" message (the SDK names the app, "SimApp" for simd). */
  readonly appName: string;
}

/** The height to run at, or the SDK's error for a height that cannot be queried. */
export function resolveQueryHeight(r: QueryHeightRequest): bigint {
  if (r.requested < 0n) throw ErrInvalidRequest.wrap("cannot query with height < 0; please provide a valid height");
  if (r.latest === 0n) throw ErrInvalidHeight.wrap(`${r.appName} is not ready; please wait for first block`);
  if (r.requested > r.latest) throw ErrInvalidHeight.wrap("cannot query with height in the future; please provide a valid height");
  const height = r.requested === 0n ? r.latest : r.requested;
  if (r.prove === true && height <= 1n) throw ErrInvalidRequest.wrap("cannot query with proof when height <= 1; please provide a valid height");
  return height;
}

/** The error for a height within range whose state is not kept (pruned). */
export function stateNotAvailable(height: bigint, latest: bigint, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return ErrInvalidRequest.wrap(`failed to load state at height ${height}; ${reason} (latest height: ${latest})`);
}
