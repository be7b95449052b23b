import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { AminoConverter } from "./amino";
import type { ProtoCodec } from "./codec";
import type { Context } from "./context";
import type { KVStoreReader } from "./store/types";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** A message's response as it goes into TxMsgData.msg_responses. */
export interface MsgResponse {
  readonly typeUrl: string;
  readonly value: Uint8Array;
}

/**
 * One Msg service method, registered by type URL. Handlers are thin: `validateBasic` is the
 * stateless check (runs in CheckTx too), `handle` calls the keeper, emits typed events on
 * `ctx.events` and returns the encoded response. Business rules live in the keeper.
 */
export interface MsgHandlerDef<M> {
  readonly typeUrl: string;
  readonly codec: ProtoCodec<M>;
  /** The accounts that must sign (the `cosmos.msg.v1.signer` fields), as bech32 strings. */
  signers(msg: M): readonly string[];
  validateBasic?(msg: M): void;
  handle(ctx: Context, msg: M): MsgResponse;
  /** The legacy amino JSON form; messages without one cannot be signed in LEGACY_AMINO_JSON mode. */
  readonly amino?: AminoConverter<M>;
}

/** Read-only state a query handler sees: the committed stores at the queried height. */
export interface QueryContext {
  readonly height: bigint;
  readonly chainId: string;
  store(storeName: string): KVStoreReader;
}

/**
 * One gRPC query method, registered by its full method path ("/cosmos.bank.v1beta1.Query/Balance").
 * The same handler answers abci_query, gRPC and REST. Errors are AppErrors whose gRPC status the
 * router derives (ErrKeyNotFound/ErrNotFound -> NotFound, invalid request -> InvalidArgument).
 */
export interface QueryHandlerDef<Req, Res> {
  readonly path: string;
  readonly requestCodec: ProtoCodec<Req>;
  readonly responseCodec: ProtoCodec<Res>;
  handle(ctx: QueryContext, request: Req): Res;
}

export interface ServiceRegistrar {
  registerMsg<M>(def: MsgHandlerDef<M>): void;
  registerQuery<Req, Res>(def: QueryHandlerDef<Req, Res>): void;
}

/**
 * A module's contract with the app.
 *
 * - `storeNames` MUST list every sub-store the module reads or writes; a keeper is the sole owner
 *   of its stores.
 * - `defaultGenesis` returns the module's `app_state` section in SDK v0.50 JSON; `validateGenesis`
 *   throws a descriptive Error for an invalid section; `initGenesis` MUST be deterministic and MAY
 *   return the genesis validator set (staking only); `exportGenesis` MUST produce a section that
 *   `initGenesis` accepts and that reproduces the same state (round trip).
 * - `beginBlock`/`endBlock` run with an infinite gas meter on the block branch. They SHOULD NOT
 *   throw: a throw there halts the chain, which is reserved for broken invariants. Recoverable
 *   conditions are handled (and logged) inside.
 * - `endBlock` MAY return validator updates (staking only).
 */
export interface AppModule {
  readonly name: string;
  readonly storeNames: readonly string[];
  registerServices?(registrar: ServiceRegistrar): void;
  defaultGenesis?(): JsonValue;
  validateGenesis?(genesis: JsonValue): void;
  /**
   * Checks the SDK makes in ValidateGenesis (`genesis validate`, gentx) but not in InitGenesis: a
   * genesis that fails them still starts a chain, as on simd. Run by the genesis CLI only, after
   * validateGenesis.
   */
  validateGenesisStrict?(genesis: JsonValue): void;
  initGenesis?(ctx: Context, genesis: JsonValue): readonly ValidatorUpdate[] | void;
  exportGenesis?(ctx: Context): JsonValue;
  beginBlock?(ctx: Context): void;
  endBlock?(ctx: Context): readonly ValidatorUpdate[] | void;
}
