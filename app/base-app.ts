// Installs the 64-bit varint writer fix before anything encodes (see app/proto-varint-fix.ts).
import "./proto-varint-fix";
import * as abci from "cosmjs-types/tendermint/abci/types";
import { ConsensusParams as ConsensusParamsCodec, type ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { AbciApplication } from "./abci/application";
import { blockHeader, blockInfoFromRequest, type BlockHeader, type CometInfo } from "./block-info";
import { Context, type ExecMode } from "./context";
import type { CrashPoint } from "./crash-point";
import { abciErrorInfo, ErrInvalidRequest, ErrUnknownRequest } from "./errors";
import { EventManager, toAbciEvents, withAttribute } from "./events";
import type { Logger } from "./logger";
import type { JsonObject, QueryContext } from "./module";
import type { ModuleManager } from "./module-manager";
import { resolveQueryHeight, stateNotAvailable } from "./query-height";
import { queryErrorToAbci, type QueryRouter } from "./query-router";
import type { CacheMultiStore, CommitMultiStore } from "./store/types";
import type { TxExecutor, TxOutcome } from "./tx/executor";
import { routeSimulateQuery, simulateResponseFromOutcome } from "./tx/simulate";
import type { SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { bytesToHex } from "./encoding";
import { equalBytes } from "./store/bytes";
import { readOnlyMultiStore } from "./read-only-store";
import { DEFAULT_PROPOSAL_HANDLER, type ProposalHandler } from "./proposals";

export interface ConsensusParamsStore {
  get(ctx: Context): ConsensusParams | undefined;
  set(ctx: Context, params: ConsensusParams): void;
}

export interface BaseAppOptions {
  readonly name: string;
  readonly version: string;
  readonly appVersion: bigint;
  /** The chain id from genesis.json; InitChain and every block must carry the same. */
  readonly chainId: string;
  readonly store: CommitMultiStore;
  readonly modules: ModuleManager;
  readonly queries: QueryRouter;
  readonly consensusParams: ConsensusParamsStore;
  readonly txExecutor: TxExecutor;
  readonly logger: Logger;
  /** Blocks CometBFT must keep (Commit.retain_height); 0 keeps everything. */
  readonly minRetainBlocks?: number;
  /** Test hook (app/crash-point.ts): SIGKILL this process at a chosen phase of a block. */
  readonly crashPoint?: CrashPoint;
  /** Builds and judges block proposals; default: the SDK's default tx selection and checks. */
  readonly proposals?: ProposalHandler;
  /** Extra query paths outside the gRPC router (e.g. /app/simulate), tried before "unknown query path". */
  readonly extraQueries?: (path: string, data: Uint8Array, ctx: QueryContext) => Uint8Array | Promise<Uint8Array> | undefined;
}


/**
 * The ABCI application: keeps the three states CometBFT expects (finalize, check, query), runs
 * the modules in their declared order, and commits each block atomically through the multistore.
 *
 * - FinalizeBlock never persists: it executes on a branch, stages the writes and returns the
 *   working app hash. Commit persists in one lmdb transaction. A crash in between loses the block,
 *   and CometBFT replays it at the handshake (Info reports the last committed height).
 * - CheckTx runs on a check branch that is reset to the committed state at every Commit.
 * - Queries read committed versions only.
 */
/** Txs run between two turns of the event loop in FinalizeBlock over the socket (finalizeBlockInSlices). */
const TXS_PER_SLICE = 50;

export class BaseApp implements AbciApplication {
  private checkState!: CacheMultiStore;
  /**
   * Between InitChain and the first Commit the check state is a branch of the first block's own
   * branch (so that CheckTx sees the genesis accounts): the block then runs in one piece, since
   * CheckTx between its slices would see its partial writes.
   */
  private checkStateOnBlockBranch = false;
  /** The consensus params of the check state, read once per reset (CheckTx never changes them). */
  private checkParams: ConsensusParams | undefined;
  private checkHeader: BlockHeader;
  private finalizeState: CacheMultiStore | undefined;
  private finalizedHeight: bigint | undefined;
  private lastHeader: BlockHeader | undefined;
  private initialHeight = 1n;

  constructor(private readonly opts: BaseAppOptions) {
    const last = opts.store.lastCommitId();
    this.checkHeader = blockHeader({ chainId: opts.chainId, height: BigInt(last.version), lastAppHash: last.hash });
    this.resetCheckState(opts.store.branch());
  }

  /** A new check state (after InitChain and every Commit), with its consensus params. */
  private resetCheckState(store: CacheMultiStore): void {
    this.checkState = store;
    this.checkParams = this.opts.consensusParams.get(new Context(store, this.checkHeader, "check", this.log));
  }

  private get log(): Logger {
    return this.opts.logger;
  }

  lastBlockHeight(): bigint {
    return BigInt(this.opts.store.lastCommitId().version);
  }

  info(_req: abci.RequestInfo): abci.ResponseInfo {
    const last = this.opts.store.lastCommitId();
    return abci.ResponseInfo.fromPartial({
      data: this.opts.name,
      version: this.opts.version,
      appVersion: this.opts.appVersion,
      lastBlockHeight: BigInt(last.version),
      lastBlockAppHash: last.version === 0 ? new Uint8Array() : last.hash,
    });
  }

  initChain(req: abci.RequestInitChain): abci.ResponseInitChain {
    if (req.chainId !== this.opts.chainId) {
      throw new Error(`invalid chain-id on InitChain; expected: ${this.opts.chainId}, got: ${req.chainId}`);
    }
    if (this.lastBlockHeight() !== 0n) throw new Error("InitChain called on a chain that already has committed blocks");
    this.initialHeight = req.initialHeight > 0n ? req.initialHeight : 1n;
    // The first commit is version initial_height (a chain restarted from an export starts above 1).
    this.opts.store.setInitialVersion(Number(this.initialHeight));
    // Genesis writes go into the block branch of the first block; they are committed with it.
    this.finalizeState = this.opts.store.branch();
    // SDK v0.50 InitChain: the genesis context is at height 0 ("the block before the first"),
    // unless the chain starts above height 1, where it is at initial_height.
    const genesisHeight = this.initialHeight > 1n ? this.initialHeight : 0n;
    const header = blockHeader({ chainId: req.chainId, height: genesisHeight, ...(req.time ? { time: req.time } : {}) });
    const ctx = new Context(this.finalizeState, header, "genesis", this.log);
    if (req.consensusParams) this.opts.consensusParams.set(ctx, req.consensusParams);
    const appState = parseAppState(req.appStateBytes);
    const validators = this.opts.modules.initGenesis(ctx.withConsensusParams(req.consensusParams), appState, this.log);
    // baseapp's rule: validators listed in CometBFT's genesis must be exactly the app's (from gentxs
    // or the staking genesis); an empty list lets the app's set stand.
    if (req.validators.length > 0) assertSameValidators(req.validators, validators);
    this.checkHeader = header;
    this.resetCheckState(this.finalizeState.branch());
    this.checkStateOnBlockBranch = true;
    this.log.info("initialized chain from genesis", { chain_id: req.chainId, initial_height: this.initialHeight, validators: validators.length });
    return abci.ResponseInitChain.fromPartial({
      validators,
      appHash: this.opts.store.lastCommitId().hash,
    });
  }

  query(req: abci.RequestQuery): abci.ResponseQuery | Promise<abci.ResponseQuery> {
    const last = this.lastBlockHeight();
    const height = req.height === 0n ? last : req.height;
    const failed = (err: unknown): abci.ResponseQuery => {
      const e = abciErrorInfo(err);
      return abci.ResponseQuery.fromPartial({ code: e.code, codespace: e.codespace, log: e.log, height });
    };
    try {
      // The same checks, codes and texts as the gRPC and REST servers (app/query-height.ts).
      resolveQueryHeight({ requested: req.height, latest: last, prove: req.prove, appName: this.opts.name });
      const ctx = this.queryContext(height);
      const value = this.route(req.path, req.data, ctx);
      if (value instanceof Uint8Array) return abci.ResponseQuery.fromPartial({ code: 0, value, height });
      // Services that ask CometBFT (GetTx, node status, ...) answer asynchronously.
      return value.then((v) => abci.ResponseQuery.fromPartial({ code: 0, value: v, height }), failed);
    } catch (err) {
      return failed(err);
    }
  }

  private queryContext(height: bigint): QueryContext {
    let view: ReturnType<CommitMultiStore["viewAt"]>;
    try {
      view = this.opts.store.viewAt(Number(height));
    } catch (err) {
      throw stateNotAvailable(height, this.lastBlockHeight(), err);
    }
    return { height, chainId: this.opts.chainId, store: (name) => view.getReader(name) };
  }

  private route(path: string, data: Uint8Array, ctx: QueryContext): Uint8Array | Promise<Uint8Array> {
    // Simulation runs on the check state, not on the queried version: answered here, first.
    const simulated = routeSimulateQuery(path, data, (txBytes) => this.simulate(txBytes));
    if (simulated !== undefined) return simulated;
    const handler = this.opts.queries.handler(path);
    if (handler) {
      try {
        return this.opts.queries.queryBytes(path, ctx, data);
      } catch (err) {
        throw queryErrorToAbci(err);
      }
    }
    if (path === "/app/version") return new TextEncoder().encode(this.opts.version);
    const extra = this.opts.extraQueries?.(path, data, ctx);
    if (extra !== undefined) return extra;
    if (path === "/cosmos.tx.v1beta1.Service/BroadcastTx") throw ErrInvalidRequest.wrap("can't route a broadcast tx message");
    throw ErrUnknownRequest.wrap(`unknown query path ${path}`);
  }

  checkTx(req: abci.RequestCheckTx): abci.ResponseCheckTx {
    const mode = req.type === abci.CheckTxType.RECHECK ? "recheck" : "check";
    const ctx = new Context(this.checkState, this.checkHeader, mode, this.log).withConsensusParams(this.checkParams);
    const out = this.runTx(ctx, req.tx);
    return abci.ResponseCheckTx.fromPartial({
      code: out.code,
      codespace: out.codespace,
      log: out.log,
      data: out.data,
      gasWanted: out.gasWanted,
      gasUsed: out.gasUsed,
      events: toAbciEvents(out.events),
    });
  }

  /**
   * Runs a tx in simulation mode on a throwaway branch of the check state (never persisted), as
   * cosmjs' gas estimation needs it. Throws SimulationError (with the gas used) when the tx fails.
   */
  simulate(txBytes: Uint8Array): SimulateResponse {
    const store = this.checkState.branch();
    const ctx = new Context(store, this.checkHeader, "simulate", this.log).withConsensusParams(this.checkParams);
    return simulateResponseFromOutcome(this.runTx(ctx, txBytes));
  }

  private runTx(ctx: Context, tx: Uint8Array): TxOutcome {
    try {
      return this.opts.txExecutor.runTx(ctx, tx);
    } catch (err) {
      // The executor must turn failures into outcomes; reaching here is a bug, but one bad tx
      // must not halt the chain: it fails deterministically with its error.
      this.log.error("tx executor threw", { err: (err as Error).message });
      const e = abciErrorInfo(err);
      return { ...e, data: new Uint8Array(), gasWanted: 0n, gasUsed: 0n, events: [] };
    }
  }

  /**
   * A context over a throwaway branch of the committed state with the proposal's header and
   * block info (the SDK's prepareProposalState / processProposalState).
   */
  private proposalContext(mode: ExecMode, header: BlockHeader, comet: CometInfo): Context {
    return new Context(this.opts.store.branch(), header, mode, this.log, { consensusParams: this.checkParams, comet });
  }

  prepareProposal(req: abci.RequestPrepareProposal): abci.ResponsePrepareProposal {
    this.opts.crashPoint?.atProposal(req.height, req.txs.length);
    const { header, comet } = blockInfoFromRequest(this.opts.chainId, this.lastAppHash(), req, req.localLastCommit);
    const ctx = this.proposalContext("prepare", header, comet);
    return { txs: (this.opts.proposals ?? DEFAULT_PROPOSAL_HANDLER).prepare(ctx, req) };
  }

  processProposal(req: abci.RequestProcessProposal): abci.ResponseProcessProposal {
    this.opts.crashPoint?.atProposal(req.height, req.txs.length);
    const { header, comet } = blockInfoFromRequest(this.opts.chainId, this.lastAppHash(), req, req.proposedLastCommit);
    const ctx = this.proposalContext("process", header, comet);
    const verdict = (this.opts.proposals ?? DEFAULT_PROPOSAL_HANDLER).process(ctx, req);
    if (verdict.reason !== undefined) this.log.warn("rejected a block proposal", { height: req.height, reason: verdict.reason });
    return { status: verdict.status };
  }

  /** The app hash after the last committed block (empty before the first). */
  private lastAppHash(): Uint8Array {
    const last = this.opts.store.lastCommitId();
    return last.version === 0 ? new Uint8Array() : last.hash;
  }

  finalizeBlock(req: abci.RequestFinalizeBlock): abci.ResponseFinalizeBlock {
    const steps = this.finalizeBlockSteps(req);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
    }
  }

  /**
   * FinalizeBlock as the ABCI socket runs it: the same steps, with a turn of the event loop every
   * TXS_PER_SLICE txs, in which CheckTx (and queries) on CometBFT's other connections are answered.
   * A Go app serves those connections in parallel with FinalizeBlock; without this, the mempool
   * stopped taking txs for the whole execution of every block. CheckTx runs on the check state,
   * which the block's txs do not touch (they write the block's own branch, put into the store
   * only after the last tx), and every shared cache maps bytes to what they decode or hash to, so
   * what runs in between changes nothing the block computes.
   */
  async finalizeBlockInSlices(req: abci.RequestFinalizeBlock): Promise<abci.ResponseFinalizeBlock> {
    const steps = this.finalizeBlockSteps(req);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The application the ABCI socket server drives: this one, with FinalizeBlock in slices. */
  socketApplication(): AbciApplication {
    return {
      info: (req) => this.info(req),
      initChain: (req) => this.initChain(req),
      query: (req) => this.query(req),
      checkTx: (req) => this.checkTx(req),
      prepareProposal: (req) => this.prepareProposal(req),
      processProposal: (req) => this.processProposal(req),
      finalizeBlock: (req) => this.finalizeBlockInSlices(req),
      extendVote: (req) => this.extendVote(req),
      verifyVoteExtension: (req) => this.verifyVoteExtension(req),
      commit: (req) => this.commit(req),
      listSnapshots: (req) => this.listSnapshots(req),
      offerSnapshot: (req) => this.offerSnapshot(req),
      loadSnapshotChunk: (req) => this.loadSnapshotChunk(req),
      applySnapshotChunk: (req) => this.applySnapshotChunk(req),
    };
  }

  /** FinalizeBlock's work, pausing (yield) between slices of txs. */
  private *finalizeBlockSteps(req: abci.RequestFinalizeBlock): Generator<void, abci.ResponseFinalizeBlock> {
    const last = this.lastBlockHeight();
    const expected = last === 0n ? this.initialHeight : last + 1n;
    if (req.height !== expected) throw new Error(`FinalizeBlock for height ${req.height}, expected ${expected}`);
    if (this.finalizedHeight === req.height) throw new Error(`FinalizeBlock for height ${req.height} called twice without Commit`);
    this.finalizeState ??= this.opts.store.branch();
    const crashBeforeTx = this.opts.crashPoint?.atFinalizeBlock(req.height, req.txs.length);
    const { header, comet } = blockInfoFromRequest(this.opts.chainId, this.lastAppHash(), req, req.decidedLastCommit);
    const base = new Context(this.finalizeState, header, "finalize", this.log, { comet });
    const params = this.opts.consensusParams.get(base);
    const blockCtx = base.withConsensusParams(params);

    const beginEvents = new EventManager();
    this.opts.modules.beginBlock(blockCtx.withEventManager(beginEvents));

    const txResults: abci.ExecTxResult[] = [];
    for (const [i, tx] of req.txs.entries()) {
      if (i > 0 && i % TXS_PER_SLICE === 0 && !this.checkStateOnBlockBranch) yield;
      if (i === crashBeforeTx) this.opts.crashPoint?.reached("finalize-mid", req.height);
      const out = this.runTx(blockCtx.withEventManager(new EventManager()), tx);
      const result = abci.ExecTxResult.fromPartial({
        code: out.code,
        codespace: out.codespace,
        log: out.log,
        data: out.data,
        gasWanted: out.gasWanted,
        gasUsed: out.gasUsed,
        events: toAbciEvents(out.events),
      });
      txResults.push(result);
    }

    const endEvents = new EventManager();
    const validatorUpdates = this.opts.modules.endBlock(blockCtx.withEventManager(endEvents));

    // Params changed by this block's txs (gov through x/consensus) go back to CometBFT, which
    // applies them from the next height.
    const paramsAfter = this.opts.consensusParams.get(base);
    const paramsChanged = paramsAfter !== undefined && !sameConsensusParams(params, paramsAfter);

    this.finalizeState.write();
    const appHash = this.opts.store.workingHash();
    this.finalizedHeight = req.height;
    this.lastHeader = header;
    return abci.ResponseFinalizeBlock.fromPartial({
      events: toAbciEvents([
        ...withAttribute(beginEvents.events(), "mode", "BeginBlock"),
        ...withAttribute(endEvents.events(), "mode", "EndBlock"),
      ]),
      txResults,
      validatorUpdates,
      ...(paramsChanged ? { consensusParamUpdates: paramsAfter } : {}),
      appHash,
    });
  }

  commit(_req: abci.RequestCommit): abci.ResponseCommit {
    if (this.finalizedHeight === undefined) throw new Error("Commit without FinalizeBlock");
    this.opts.crashPoint?.reached("before-commit", this.finalizedHeight);
    const id = this.opts.store.commit();
    this.opts.crashPoint?.reached("after-commit", BigInt(id.version));
    const stats = this.opts.store.lastCommitStats();
    this.finalizeState = undefined;
    this.finalizedHeight = undefined;
    if (this.lastHeader) this.checkHeader = this.lastHeader;
    this.resetCheckState(this.opts.store.branch());
    this.checkStateOnBlockBranch = false;
    this.log.info("committed state", { height: id.version, app_hash: bytesToHex(id.hash).toUpperCase(), changed_keys: stats.changedKeys });
    const keep = BigInt(this.opts.minRetainBlocks ?? 0);
    const retainHeight = keep > 0n && BigInt(id.version) > keep ? BigInt(id.version) - keep : 0n;
    return { retainHeight };
  }

  extendVote(_req: abci.RequestExtendVote): abci.ResponseExtendVote {
    return { voteExtension: new Uint8Array() };
  }

  verifyVoteExtension(_req: abci.RequestVerifyVoteExtension): abci.ResponseVerifyVoteExtension {
    return { status: abci.ResponseVerifyVoteExtension_VerifyStatus.ACCEPT };
  }

  // State sync is not offered yet: no snapshots, and any offered snapshot is declined so that a
  // syncing node falls back to block sync.
  listSnapshots(_req: abci.RequestListSnapshots): abci.ResponseListSnapshots {
    return { snapshots: [] };
  }

  offerSnapshot(_req: abci.RequestOfferSnapshot): abci.ResponseOfferSnapshot {
    return { result: abci.ResponseOfferSnapshot_Result.REJECT };
  }

  loadSnapshotChunk(_req: abci.RequestLoadSnapshotChunk): abci.ResponseLoadSnapshotChunk {
    return { chunk: new Uint8Array() };
  }

  applySnapshotChunk(_req: abci.RequestApplySnapshotChunk): abci.ResponseApplySnapshotChunk {
    return { result: abci.ResponseApplySnapshotChunk_Result.ABORT, refetchChunks: [], rejectSenders: [] };
  }

  /** A read-only context over a committed version, for export and CLI reads. */
  contextAt(height: bigint): Context {
    const view = this.opts.store.viewAt(Number(height));
    const store = readOnlyMultiStore(view);
    return new Context(store, blockHeader({ chainId: this.opts.chainId, height }), "check", this.log);
  }
}

function sameConsensusParams(a: ConsensusParams | undefined, b: ConsensusParams): boolean {
  return a !== undefined && equalBytes(ConsensusParamsCodec.encode(a).finish(), ConsensusParamsCodec.encode(b).finish());
}

function parseAppState(bytes: Uint8Array): JsonObject {
  if (bytes.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new Error(`genesis app_state is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("genesis app_state must be a JSON object");
  return parsed as JsonObject;
}

/** InitChain's check (baseapp/abci.go): same count, then the same validators in sorted order. */
function assertSameValidators(fromComet: readonly abci.ValidatorUpdate[], fromApp: readonly abci.ValidatorUpdate[]): void {
  if (fromComet.length !== fromApp.length) {
    throw new Error(
      `len(RequestInitChain.Validators) != len(GenesisValidators) (${fromComet.length} != ${fromApp.length}): ` +
        "genesis.json lists validators that differ from those the app computed from its gentxs and staking genesis (collect-gentxs writes an empty list)",
    );
  }
  const key = (v: abci.ValidatorUpdate): string =>
    `${v.pubKey?.ed25519 !== undefined ? "ed25519" : "secp256k1"}:${bytesToHex(v.pubKey?.ed25519 ?? v.pubKey?.secp256k1 ?? new Uint8Array())}:${v.power}`;
  const a = fromComet.map(key).sort();
  const b = fromApp.map(key).sort();
  const i = a.findIndex((k, j) => k !== b[j]);
  if (i >= 0) throw new Error(`genesisValidators[${i}] != req.Validators[${i}]: ${b[i] ?? ""} (app) vs ${a[i] ?? ""} (genesis.json)`);
}
