import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { AminoConverter } from "./amino";
import type { ProtoCodec } from "./codec";
import type { Context } from "./context";
import type { RestRoute } from "./server/rest-route";
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

/** A query handler of any request and response type, for a module's list of handlers. */
export type AnyQueryHandler = QueryHandlerDef<never, unknown>;

/** Lists a typed handler among handlers of other types (registerQuery takes each back typed). */
export function anyQueryHandler<Req, Res>(def: QueryHandlerDef<Req, Res>): AnyQueryHandler {
  return def as unknown as AnyQueryHandler;
}

export interface ServiceRegistrar {
  registerMsg<M>(def: MsgHandlerDef<M>): void;
  registerQuery<Req, Res>(def: QueryHandlerDef<Req, Res>): void;
  /** An interface implementation messages may carry in an Any (the SDK's RegisterImplementations). */
  registerImplementation?(typeUrl: string): void;
}

/** What a module account may do with coins (the SDK's authtypes.Minter/Burner/Staking). */
export type ModuleAccountPermission = "minter" | "burner" | "staking";

/** A module account its module declares: name (its address is derived from it) and permissions. */
export interface ModuleAccountDecl {
  readonly name: string;
  readonly permissions: readonly ModuleAccountPermission[];
}

/**
 * A store migration from one consensus version of a module to the next (the SDK's
 * RegisterMigration handler). It runs once, in an upgrade, on the block state.
 */
export type Migration = (ctx: Context) => void;

/**
 * A module's contract with the app.
 *
 * - `storeNames` MUST list every sub-store the module reads or writes; a keeper is the sole owner
 *   of its stores.
 * - `consensusVersion` is the version of the module's state layout (the SDK's ConsensusVersion,
 *   default 1). It MUST go up by one with every change of that layout, and `migrations[v]` MUST
 *   then turn version-v state into version-(v+1) state. The app records each module's version in
 *   state at genesis and after every migration.
 * - `defaultGenesis` returns the module's `app_state` section in SDK v0.50 JSON; `validateGenesis`
 *   throws a descriptive Error for an invalid section; `initGenesis` MUST be deterministic and MAY
 *   return the genesis validator set (staking only); `exportGenesis` MUST produce a section that
 *   `initGenesis` accepts and that reproduces the same state (round trip).
 * - `beginBlock`/`endBlock` run with an infinite gas meter on the block branch. They SHOULD NOT
 *   throw: a throw there halts the chain, which is reserved for broken invariants. Recoverable
 *   conditions are handled (and logged) inside.
 * - `endBlock` MAY return validator updates (staking only).
 * - `restRoutes` are the LCD routes of the module's gRPC services (served once their method is
 *   registered). `codespaces` are the error codespaces the module owns: its `errors.ts` registers
 *   its codes there (app/errors.ts registerError) when loaded, and no other module may register
 *   codes in them. A codespace belongs to one module.
 */
export interface AppModule {
  readonly name: string;
  readonly storeNames: readonly string[];
  readonly consensusVersion?: number;
  readonly migrations?: Readonly<Record<number, Migration>>;
  readonly restRoutes?: readonly RestRoute[];
  readonly codespaces?: readonly string[];
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
