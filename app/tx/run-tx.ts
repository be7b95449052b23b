/**
 * runTx: one tx through decode, the ante handler and its messages, with the semantics of SDK
 * v0.50's baseapp (runTx, runMsgs, createEvents, deliverTx, CheckTx):
 *
 * 1. Decode (failure: sdk/2, gas 0, no events; in FinalizeBlock the log is just "tx parse error",
 *    as baseapp answers for txs it cannot decode).
 * 2. At least one message; each message's stateless validateBasic.
 * 3. The ante handler on a branch of the given state. On failure nothing it wrote is kept and the
 *    result has no events; gas used is what its meter consumed. On success the branch is written:
 *    fee and sequence persist whatever the messages do.
 * 4. Messages run in FinalizeBlock, genesis and simulation only - never in CheckTx/ReCheck - all on
 *    one second branch, written only if every message succeeds. Each message's events are
 *    preceded by `message{action=<type URL>, sender=<first signer>, module=<type URL segment>}`
 *    (module left out when the message's events already carry one) and get `msg_index=<i>`.
 *    A failure is "failed to execute message; message index: <i>: <error>", and the result carries
 *    the ante events only.
 * 5. Data is TxMsgData{msg_responses}; events are ante events then message events (FinalizeBlock
 *    and simulation; CheckTx results carry none, as in the SDK).
 * 6. In FinalizeBlock with consensus max_gas > 0, the block gas meter takes each tx's gas (capped
 *    at its limit): a tx arriving with the block meter full fails "no block gas left to run tx", and
 *    one that overflows it fails out of gas in location "block gas meter" with its messages' writes
 *    dropped.
 *
 * Out of gas anywhere is sdk/11 "out of gas in location: X; gasWanted: N, gasUsed: M: out of gas".
 * Nothing here throws: every failure, including a handler bug, is an outcome.
 */
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../address";
import type { Context } from "../context";
import { ErrInvalidRequest, ErrOutOfGas, ErrTxDecode } from "../errors";
import { event, EventManager, withAttribute, type AppEvent } from "../events";
import { BasicGasMeter, consumeCircuitBreakerGas, type GasMeter } from "../gas";
import type { MsgResponse } from "../module";
import { LruCache } from "../store/lru-cache";
import type { CacheMultiStore } from "../store/types";
import type { TxExecutor, TxOutcome } from "./executor";
import { AnteFailure, type AnteEnv, type AnteHandler } from "./ante";
import { TxDecoder, type DecodedMsg, type MsgRegistry } from "./decode";
import { isOutOfGas, isPanic, txErrorInfo, wrapError } from "./errors";
import { SdkTx } from "./tx";

const MAX_UINT64 = (1n << 64n) - 1n;
/** Decoded txs remembered (a full default mempool and a block's worth besides). */
const DECODED_TX_CACHE_SIZE = 16_384;
const EMPTY_TX_MSG_DATA = TxMsgData.encode({ data: [], msgResponses: [] }).finish();

/** Gas as a meter reports it: an infinite meter's limit is MaxUint64, as in the SDK. */
function limitOf(meter: GasMeter): bigint {
  return meter.limit ?? MAX_UINT64;
}

/** GasConsumedToLimit. */
function consumedToLimit(meter: GasMeter): bigint {
  const used = meter.consumed();
  return meter.limit !== undefined && used > meter.limit ? meter.limit : used;
}

export interface RunTxDeps {
  readonly decoder: TxDecoder;
  readonly addresses: AddressCodec;
  readonly anteHandler: AnteHandler;
}

interface Partial {
  readonly err: unknown;
  readonly gasWanted: bigint;
  readonly gasUsed: bigint;
  readonly events: readonly AppEvent[];
}

/** The tx pipeline. Stateless apart from the per-block gas meters. */
export class TxRunner implements TxExecutor {
  /** The block gas meter of each block state branch (FinalizeBlock only). */
  private readonly blockGas = new WeakMap<CacheMultiStore, GasMeter>();
  /**
   * Decoded txs by their bytes: a tx is decoded once for its CheckTx, ReChecks and FinalizeBlock
   * (and its signers and signatures, which SdkTx computes once). Decoding is a pure function of the
   * bytes, so a hit gives exactly what decoding again would; failures are not remembered.
   * Message handlers get the shared decoded messages and must not change them (nothing in
   * consensus could see a change: the same bytes never run their messages twice, as the ante
   * handler takes the sequence first; a later simulation of those bytes would).
   */
  private readonly decodedTxs = new LruCache<string, { readonly tx: SdkTx; validated: boolean }>(DECODED_TX_CACHE_SIZE);

  constructor(private readonly deps: RunTxDeps) {}

  runTx(ctx: Context, txBytes: Uint8Array): TxOutcome {
    try {
      return this.run(ctx, txBytes);
    } catch (err) {
      // Unreachable by design; a bug here must still not halt the chain.
      ctx.logger.error("tx pipeline failed unexpectedly", { err: err instanceof Error ? err.message : String(err) });
      return this.outcome(ctx, { err, gasWanted: 0n, gasUsed: 0n, events: [] });
    }
  }

  private blockGasMeter(ctx: Context): GasMeter | undefined {
    if (ctx.mode !== "finalize") return undefined;
    const maxGas = ctx.consensusParams?.block?.maxGas ?? 0n;
    if (maxGas <= 0n) return undefined;
    let meter = this.blockGas.get(ctx.multiStore);
    if (!meter) {
      meter = new BasicGasMeter(maxGas);
      this.blockGas.set(ctx.multiStore, meter);
    }
    return meter;
  }

  private run(ctx: Context, txBytes: Uint8Array): TxOutcome {
    const mode = ctx.mode;
    const simulate = mode === "simulate";
    // 1. Decode (FinalizeBlock decodes before anything else, even the block gas check).
    const key = Buffer.from(txBytes.buffer, txBytes.byteOffset, txBytes.byteLength).toString("latin1");
    let decoded = this.decodedTxs.get(key);
    if (decoded === undefined) {
      try {
        // A copy: the decoded tx refers into its bytes, which must not pin a whole socket chunk.
        decoded = { tx: new SdkTx(this.deps.decoder.decode(txBytes.slice()), this.deps.addresses), validated: false };
      } catch (err) {
        return this.outcome(ctx, { err: mode === "finalize" ? ErrTxDecode.wrap() : err, gasWanted: 0n, gasUsed: 0n, events: [] });
      }
      this.decodedTxs.set(key, decoded);
    }
    const tx = decoded.tx;
    const blockMeter = this.blockGasMeter(ctx);
    if (blockMeter !== undefined && blockMeter.limit !== undefined && blockMeter.consumed() >= blockMeter.limit) {
      return this.outcome(ctx, { err: ErrOutOfGas.wrap("no block gas left to run tx"), gasWanted: 0n, gasUsed: 0n, events: [] });
    }

    // 2. Stateless message checks (a tx that passed them once passes them again).
    if (!decoded.validated) {
      try {
        validateBasicTxMsgs(tx.msgs);
      } catch (err) {
        return this.outcome(ctx, { err, gasWanted: 0n, gasUsed: 0n, events: [] });
      }
      decoded.validated = true;
    }

    // 3. Ante handler on its own branch.
    const anteCtx = ctx.branch();
    const env: AnteEnv = { tx, simulate, priority: 0n };
    let txCtx: Context;
    try {
      txCtx = this.deps.anteHandler(anteCtx, env);
    } catch (err) {
      const failure = err instanceof AnteFailure ? err : new AnteFailure(err, anteCtx);
      if (isPanic(failure.cause) && !isOutOfGas(failure.cause)) {
        // A panic escapes the ante handler: baseapp reports the context's gas from before it (none).
        return this.outcome(ctx, { err: failure.cause, gasWanted: 0n, gasUsed: 0n, events: [] });
      }
      const meter = failure.ctx.gasMeter;
      return this.finish(ctx, blockMeter, meter, { err: failure.cause, gasWanted: limitOf(meter), gasUsed: meter.consumed(), events: [] });
    }
    anteCtx.multiStore.write();
    const meter = txCtx.gasMeter;
    const gasWanted = limitOf(meter);
    const anteEvents = anteCtx.events.events();

    // 4. Messages (never in CheckTx / ReCheck).
    if (mode === "check" || mode === "recheck") {
      return { ...this.success(ctx, gasWanted, meter.consumed(), EMPTY_TX_MSG_DATA, []), priority: env.priority };
    }
    const msgCtx = ctx.withGasMeter(meter).branch();
    let result: { data: Uint8Array; events: AppEvent[] };
    try {
      result = this.runMsgs(msgCtx, tx);
    } catch (err) {
      return this.finish(ctx, blockMeter, meter, { err, gasWanted, gasUsed: meter.consumed(), events: anteEvents });
    }
    if (blockMeter !== undefined) {
      const blockErr = consumeBlockGas(blockMeter, meter, gasWanted);
      if (blockErr !== undefined) return this.outcome(ctx, { err: blockErr, gasWanted, gasUsed: meter.consumed(), events: anteEvents });
    }
    msgCtx.multiStore.write();
    return this.success(ctx, gasWanted, meter.consumed(), result.data, [...anteEvents, ...result.events]);
  }

  /** runMsgs on the message branch; throws the (wrapped) error of the first failing message. */
  private runMsgs(msgCtx: Context, tx: SdkTx): { data: Uint8Array; events: AppEvent[] } {
    const events: AppEvent[] = [];
    const responses: Any[] = [];
    const signers = tx.msgSigners();
    tx.msgs.forEach((m, i) => {
      const handlerCtx = msgCtx.withEventManager(new EventManager());
      let response: MsgResponse;
      try {
        // baseapp's message router asks simapp's circuit breaker first (gas only here).
        consumeCircuitBreakerGas(handlerCtx.gasMeter);
        response = m.def.handle(handlerCtx, m.msg);
      } catch (err) {
        // Go panics (out of gas included) are recovered by runTx as they are, not wrapped.
        if (isOutOfGas(err)) throw err;
        if (isPanic(err)) {
          msgCtx.logger.error("message handler panicked", { msg: m.typeUrl, msg_index: i, err: describe(err) });
          throw err;
        }
        throw wrapError(err, `failed to execute message; message index: ${i}`);
      }
      const first = signers[i]?.[0];
      const sender = first === undefined ? undefined : this.deps.addresses.encodeAccount(first);
      events.push(...withAttribute(createEvents(handlerCtx.events.events(), m.typeUrl, sender), "msg_index", String(i)));
      responses.push({ typeUrl: response.typeUrl, value: response.value });
    });
    return { data: TxMsgData.encode({ data: [], msgResponses: responses }).finish(), events };
  }

  /** A failure path's end: in FinalizeBlock the gas used still counts against the block. */
  private finish(ctx: Context, blockMeter: GasMeter | undefined, meter: GasMeter, p: Partial): TxOutcome {
    if (blockMeter !== undefined) {
      const blockErr = consumeBlockGas(blockMeter, meter, p.gasWanted);
      if (blockErr !== undefined) return this.outcome(ctx, { ...p, err: blockErr });
    }
    return this.outcome(ctx, p);
  }

  private success(ctx: Context, gasWanted: bigint, gasUsed: bigint, data: Uint8Array, events: readonly AppEvent[]): TxOutcome {
    return { code: 0, codespace: "", log: "", data, gasWanted: abciGas(ctx, gasWanted), gasUsed: abciGas(ctx, gasUsed), events };
  }

  private outcome(ctx: Context, p: Partial): TxOutcome {
    const info = txErrorInfo(p.err);
    return { ...info, data: new Uint8Array(), gasWanted: abciGas(ctx, p.gasWanted), gasUsed: abciGas(ctx, p.gasUsed), events: p.events };
  }
}

/** CheckTx/ExecTxResult gas is int64 (Go casts the uint64); simulation reports the uint64. */
function abciGas(ctx: Context, gas: bigint): bigint {
  return ctx.mode === "simulate" ? gas : BigInt.asIntN(64, gas);
}

/** consumeBlockGas: the tx's gas (capped at its limit) into the block meter; its overflow is sdk/11. */
function consumeBlockGas(block: GasMeter, tx: GasMeter, gasWanted: bigint): unknown {
  try {
    block.consume(consumedToLimit(tx), "block gas meter");
    return undefined;
  } catch {
    return ErrOutOfGas.wrap(`out of gas in location: block gas meter; gasWanted: ${gasWanted}, gasUsed: ${tx.consumed()}`);
  }
}

/** validateBasicTxMsgs. */
export function validateBasicTxMsgs(msgs: readonly DecodedMsg[]): void {
  if (msgs.length === 0) throw ErrInvalidRequest.wrap("must contain at least one message");
  for (const m of msgs) m.def.validateBasic?.(m.msg);
}

/** The proto package segment after the first dot ("/cosmos.bank.v1beta1.MsgSend" -> "bank"). */
export function moduleNameFromTypeUrl(typeUrl: string): string {
  const parts = typeUrl.split(".");
  return parts.length > 1 ? (parts[1] as string) : "";
}

/**
 * createEvents: `message{action, sender, module}` then the message's own events. `module` is added
 * only when none of the message's events has a `module` attribute.
 */
export function createEvents(msgEvents: readonly AppEvent[], typeUrl: string, sender: string | undefined): AppEvent[] {
  const attributes = [{ key: "action", value: typeUrl }];
  if (sender !== undefined) attributes.push({ key: "sender", value: sender });
  const hasModule = msgEvents.some((e) => e.attributes.some((a) => a.key === "module"));
  const module = moduleNameFromTypeUrl(typeUrl);
  if (!hasModule && module !== "") attributes.push({ key: "module", value: module });
  return [event("message", attributes), ...msgEvents];
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export type { MsgRegistry };
