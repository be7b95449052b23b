/**
 * Building and checking block proposals, as the SDK's default proposal handler with its default
 * tx selector (baseapp/abci_utils.go) does for an app without an app-side mempool:
 *
 * - PrepareProposal walks the mempool's txs in order and keeps each one that still fits: its
 *   bytes (counted as CometBFT counts them, with protobuf framing) within `max_tx_bytes`, and,
 *   when the consensus params set `block.max_gas`, its declared gas limit within what is left of
 *   it. A tx that does not fit is skipped, not the end of the walk; the walk stops once either
 *   budget is used up. Txs whose bytes are not a TxRaw are left out.
 * - ProcessProposal rejects a proposal whose txs cannot all be read as TxRaw, whose declared gas
 *   limits sum above `block.max_gas`, or whose txs take more bytes than any block of this chain
 *   may carry. The byte bound is the one an honest proposer can never exceed (CometBFT's
 *   MaxDataBytes with one validator and no evidence): the current validator count is not in the
 *   request, and a bound tighter than the proposer's would reject honest blocks and stall the
 *   chain.
 */
import {
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  type RequestPrepareProposal,
  type RequestProcessProposal,
} from "cosmjs-types/tendermint/abci/types";
import type { Context } from "./context";
import { txGasLimit } from "./tx/gas-limit";

/** CometBFT v0.38 types/block.go: the block parts that are not txs. */
const MAX_OVERHEAD_FOR_BLOCK = 11n;
const MAX_HEADER_BYTES = 626n;
const MAX_COMMIT_OVERHEAD_BYTES = 94n;
/** MaxCommitSigBytes (109) plus the 2 bytes of its protobuf framing. */
const MAX_COMMIT_SIG_BYTES_FRAMED = 111n;
/** types.MaxBlockSizeBytes: what block.max_bytes = -1 stands for. */
const MAX_BLOCK_SIZE_BYTES = 104_857_600n;

/** A tx in a block's data costs its bytes plus protobuf framing (field tag + length varint). */
export function protoBytesFieldSize(length: number): number {
  let varint = 1;
  for (let n = length; n >= 0x80; n = Math.floor(n / 128)) varint++;
  return 1 + varint + length;
}

function maxBlockGas(ctx: Context): bigint {
  const maxGas = ctx.consensusParams?.block?.maxGas ?? 0n;
  return maxGas > 0n ? maxGas : 0n;
}

/** The txs of a new proposal, in mempool order. */
export function selectProposalTxs(ctx: Context, txs: readonly Uint8Array[], maxTxBytes: bigint): Uint8Array[] {
  const maxGas = maxBlockGas(ctx);
  const selected: Uint8Array[] = [];
  let totalBytes = 0n;
  let totalGas = 0n;
  for (const tx of txs) {
    const gas = txGasLimit(tx);
    if (gas === undefined) continue;
    const size = BigInt(protoBytesFieldSize(tx.length));
    if (totalBytes + size <= maxTxBytes && (maxGas === 0n || totalGas + gas <= maxGas)) {
      totalBytes += size;
      totalGas += gas;
      selected.push(tx);
    }
    if (totalBytes >= maxTxBytes || (maxGas > 0n && totalGas >= maxGas)) break;
  }
  return selected;
}

/** The most tx bytes any block can carry under `block.max_bytes`. */
export function maxProposalTxBytes(blockMaxBytes: bigint): bigint {
  const maxBytes = blockMaxBytes <= 0n ? MAX_BLOCK_SIZE_BYTES : blockMaxBytes;
  return maxBytes - MAX_OVERHEAD_FOR_BLOCK - MAX_HEADER_BYTES - (MAX_COMMIT_OVERHEAD_BYTES + MAX_COMMIT_SIG_BYTES_FRAMED);
}

/** ACCEPT or REJECT, with the reason for a rejection (logged by BaseApp). */
export function checkProposalTxs(ctx: Context, txs: readonly Uint8Array[]): { status: ProposalStatus; reason?: string } {
  const maxGas = maxBlockGas(ctx);
  const maxBytes = maxProposalTxBytes(ctx.consensusParams?.block?.maxBytes ?? 0n);
  let totalBytes = 0n;
  let totalGas = 0n;
  for (const [i, tx] of txs.entries()) {
    const gas = txGasLimit(tx);
    if (gas === undefined) return { status: ProposalStatus.REJECT, reason: `tx ${i} is not a TxRaw` };
    totalGas += gas;
    totalBytes += BigInt(protoBytesFieldSize(tx.length));
    if (maxGas > 0n && totalGas > maxGas) return { status: ProposalStatus.REJECT, reason: `txs declare more than the block's max gas ${maxGas}` };
    if (totalBytes > maxBytes) return { status: ProposalStatus.REJECT, reason: `txs take more than ${maxBytes} bytes` };
  }
  return { status: ProposalStatus.ACCEPT };
}

/**
 * How the app builds and judges proposals (the SDK's SetPrepareProposal / SetProcessProposal). Each
 * runs on a throwaway branch of the committed state, with the proposal's header and block info on
 * the context; neither may write state that outlives the call.
 */
export interface ProposalHandler {
  prepare(ctx: Context, req: RequestPrepareProposal): Uint8Array[];
  process(ctx: Context, req: RequestProcessProposal): { status: ProposalStatus; reason?: string };
}

export const DEFAULT_PROPOSAL_HANDLER: ProposalHandler = {
  prepare: (ctx, req) => selectProposalTxs(ctx, req.txs, req.maxTxBytes),
  process: (ctx, req) => checkProposalTxs(ctx, req.txs),
};
