/**
 * What a block tells the app about itself, as the SDK hands it to modules: the header
 * (`ctx.BlockHeader()` / `ctx.HeaderInfo()`) and CometBFT's view of consensus (`ctx.CometInfo()`:
 * who signed the previous block, misbehaviour to punish). BaseApp fills both from each ABCI
 * request (PrepareProposal, ProcessProposal, FinalizeBlock) in the same shape, so a module reads
 * them the same way whatever phase it runs in.
 */
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import {
  MisbehaviorType,
  type CommitInfo,
  type ExtendedCommitInfo,
  type Misbehavior as AbciMisbehavior,
} from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";

export { BlockIDFlag, MisbehaviorType };

export interface BlockHeader {
  readonly chainId: string;
  readonly height: bigint;
  /** Block time from the header: the only clock state transitions may read. */
  readonly time: Timestamp;
  /** Consensus address (20 bytes) of the block's proposer. */
  readonly proposerAddress: Uint8Array;
  /** The block's hash (FinalizeBlock, ProcessProposal); empty in PrepareProposal, genesis and CheckTx. */
  readonly hash: Uint8Array;
  /** Hash of the validator set that signs the next block. */
  readonly nextValidatorsHash: Uint8Array;
  /** The app hash after the previous block (the SDK's header AppHash: LastCommitID().Hash). */
  readonly lastAppHash: Uint8Array;
}

/** A validator as CometBFT identifies it in votes and evidence: consensus address and power. */
export interface CometValidator {
  readonly address: Uint8Array;
  readonly power: bigint;
}

export interface VoteInfo {
  readonly validator: CometValidator;
  /** COMMIT: signed for the block; NIL: signed for nil; ABSENT: no signature. */
  readonly blockIdFlag: BlockIDFlag;
}

export interface LastCommitInfo {
  readonly round: number;
  /** Every validator of the previous block's set, with its power then, in CometBFT's order. */
  readonly votes: readonly VoteInfo[];
}

export interface Misbehavior {
  readonly type: MisbehaviorType;
  readonly validator: CometValidator;
  /** Height of the offence. */
  readonly height: bigint;
  /** Time of the block at the offence's height. */
  readonly time: Timestamp;
  /** Total voting power of the set at the offence's height. */
  readonly totalVotingPower: bigint;
}

/** comet.BlockInfo: the previous block's commit and the misbehaviour CometBFT reports. */
export interface CometInfo {
  readonly lastCommit: LastCommitInfo;
  readonly misbehavior: readonly Misbehavior[];
  readonly validatorsHash: Uint8Array;
  readonly proposerAddress: Uint8Array;
}

const EMPTY = new Uint8Array();
const EPOCH: Timestamp = { seconds: 0n, nanos: 0 };

export const EMPTY_COMET_INFO: CometInfo = {
  lastCommit: { round: 0, votes: [] },
  misbehavior: [],
  validatorsHash: EMPTY,
  proposerAddress: EMPTY,
};

/** A header with only the fields a caller knows; the rest empty (genesis, CheckTx, tests). */
export function blockHeader(fields: Partial<BlockHeader> & Pick<BlockHeader, "chainId" | "height">): BlockHeader {
  return {
    time: EPOCH,
    proposerAddress: EMPTY,
    hash: EMPTY,
    nextValidatorsHash: EMPTY,
    lastAppHash: EMPTY,
    ...fields,
  };
}

function validatorOf(v: { address: Uint8Array; power: bigint } | undefined): CometValidator {
  return { address: v?.address ?? EMPTY, power: v?.power ?? 0n };
}

/** The last commit of FinalizeBlock / ProcessProposal, or PrepareProposal's extended one. */
export function lastCommitFromAbci(commit: CommitInfo | ExtendedCommitInfo | undefined): LastCommitInfo {
  if (commit === undefined) return { round: 0, votes: [] };
  return {
    round: commit.round,
    votes: commit.votes.map((v) => ({ validator: validatorOf(v.validator), blockIdFlag: v.blockIdFlag })),
  };
}

export function misbehaviorFromAbci(list: readonly AbciMisbehavior[]): Misbehavior[] {
  return list.map((m) => ({
    type: m.type,
    validator: validatorOf(m.validator),
    height: m.height,
    time: m.time ?? EPOCH,
    totalVotingPower: m.totalVotingPower,
  }));
}

/** What PrepareProposal, ProcessProposal and FinalizeBlock requests have in common. */
export interface BlockRequestFields {
  readonly height: bigint;
  readonly time?: Timestamp | undefined;
  readonly proposerAddress: Uint8Array;
  readonly nextValidatorsHash: Uint8Array;
  readonly misbehavior: readonly AbciMisbehavior[];
  readonly hash?: Uint8Array;
}

/** The header and comet info of a block request, in the SDK's shape. */
export function blockInfoFromRequest(
  chainId: string,
  lastAppHash: Uint8Array,
  req: BlockRequestFields,
  lastCommit: CommitInfo | ExtendedCommitInfo | undefined,
): { header: BlockHeader; comet: CometInfo } {
  const header = blockHeader({
    chainId,
    height: req.height,
    time: req.time ?? EPOCH,
    proposerAddress: req.proposerAddress,
    hash: req.hash ?? EMPTY,
    nextValidatorsHash: req.nextValidatorsHash,
    lastAppHash,
  });
  const comet: CometInfo = {
    lastCommit: lastCommitFromAbci(lastCommit),
    misbehavior: misbehaviorFromAbci(req.misbehavior),
    validatorsHash: req.nextValidatorsHash,
    proposerAddress: req.proposerAddress,
  };
  return { header, comet };
}
