/**
 * What the simulator needs from an application, and from the composition root that builds it.
 * The core drives the app only through its ABCI methods (InitChain, FinalizeBlock, Commit) and
 * reads state through the contexts it is given; chain/simulation.ts provides both for plumed.
 */
import type {
  RequestFinalizeBlock,
  RequestInitChain,
  ResponseFinalizeBlock,
  ResponseInitChain,
} from "cosmjs-types/tendermint/abci/types";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { ConsensusParamsStore } from "../app/base-app";
import type { Context } from "../app/context";
import type { JsonObject, JsonValue } from "../app/module";
import type { CommitMultiStore } from "../app/store/types";
import type { MsgRegistry } from "../app/tx/decode";
import type { TxOutcome } from "../app/tx/executor";
import type { ModuleSimulation } from "./types";

export interface SimAbci {
  initChain(req: RequestInitChain): ResponseInitChain;
  finalizeBlock(req: RequestFinalizeBlock): ResponseFinalizeBlock;
  commit(req: object): unknown;
}

/** One application instance over its own store. */
export interface SimApp {
  readonly abci: SimAbci;
  /** The app's multistore (the core branches it to run a block ahead of FinalizeBlock). */
  readonly store: CommitMultiStore;
  /** Registered messages: codecs to encode them, amino converters to sign them in amino-json. */
  readonly msgs: MsgRegistry;
  readonly consensusParams: ConsensusParamsStore;
  /** The modules' BeginBlock, as FinalizeBlock runs it before the txs. */
  beginBlock(ctx: Context): void;
  /** The tx pipeline FinalizeBlock runs each tx through. */
  runTx(ctx: Context, tx: Uint8Array): TxOutcome;
  accountState(ctx: Context, address: Uint8Array): { readonly accountNumber: bigint; readonly sequence: bigint } | undefined;
  balance(ctx: Context, address: Uint8Array, denom: string): bigint;
  /** A read-only context over the committed state at `height`. */
  contextAt(height: bigint): Context;
  /** The app's export at a committed height: `app_state` and consensus params (plumed export). */
  exportGenesis(height: bigint): { readonly appState: JsonObject; readonly consensusParams: ConsensusParams | undefined };
  /** The module simulations, bound to this app's keepers, in genesis order. */
  readonly simulations: readonly ModuleSimulation[];
  close(): Promise<void>;
}

export interface SimWiring {
  /** The chain's denom (bond and fee denom) and bech32 prefix. */
  readonly denom: string;
  readonly bech32Prefix: string;
  defaultAppState(): Record<string, JsonValue>;
  defaultConsensusParams(): ConsensusParams;
  /** A new app over a fresh store in `dir`, governed by `authority`. */
  createApp(o: { readonly dir: string; readonly chainId: string; readonly authority: string }): Promise<SimApp>;
}
