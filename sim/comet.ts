/**
 * What CometBFT would tell the app about each block, without CometBFT: the validator set of every
 * height (genesis set, then each FinalizeBlock's validator updates applied two heights later, as
 * CometBFT does), the previous block's votes with random absent validators, a proposer, and
 * random double-sign evidence against validators of recent heights.
 *
 * Liveness follows a small Markov chain per validator (online, spotty, offline), the way the SDK's
 * simulator models it, so that absences come in streaks as real downtime does. Whatever the draw,
 * more than 2/3 of the power signs every block: otherwise the block could not have been
 * committed. Validators never double-sign twice (CometBFT's evidence would be a duplicate).
 */
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { MisbehaviorType, type CommitInfo, type Misbehavior, type ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { sha256 } from "../app/crypto/hash";
import { bytesToHex } from "../app/encoding";
import type { SimRandom } from "./random";

export interface CometValidator {
  /** sha256(ed25519 key)[:20]: CometBFT's validator address. */
  readonly address: Uint8Array;
  readonly pubKey: Uint8Array;
  readonly power: bigint;
}

export interface CometParams {
  /** Chance per block, in 1/1000, that the block carries a double-sign misbehavior. */
  readonly doubleSignPerMille: number;
  /** Evidence older than this many blocks is never reported (consensus evidence.max_age_num_blocks). */
  readonly evidenceMaxAgeBlocks: bigint;
}

/** Liveness states and, per state, the chance (1/1000) to sign and the next-state weights. */
const LIVENESS = [
  { name: "online", signPerMille: 995, next: [970, 25, 5] },
  { name: "spotty", signPerMille: 600, next: [300, 600, 100] },
  { name: "offline", signPerMille: 50, next: [50, 150, 800] },
] as const;

/** How many heights of sets and times are kept for evidence. */
const HISTORY = 100n;

export function cometAddress(ed25519Key: Uint8Array): Uint8Array {
  return sha256(ed25519Key).subarray(0, 20);
}

function updateKey(u: ValidatorUpdate): Uint8Array {
  const key = u.pubKey?.ed25519 ?? u.pubKey?.secp256k1;
  if (key === undefined) throw new Error("validator update without a public key");
  return key;
}

/** CometBFT's order of a validator set: power descending, then address ascending. */
function sortSet(set: CometValidator[]): CometValidator[] {
  return set.sort((a, b) => (a.power !== b.power ? (a.power > b.power ? -1 : 1) : Buffer.compare(Buffer.from(a.address), Buffer.from(b.address))));
}

export function applyUpdates(set: readonly CometValidator[], updates: readonly ValidatorUpdate[]): CometValidator[] {
  const byAddress = new Map<string, CometValidator>(set.map((v) => [bytesToHex(v.address), v]));
  for (const u of updates) {
    const pubKey = updateKey(u);
    const address = cometAddress(pubKey);
    const hex = bytesToHex(address);
    if (u.power === 0n) byAddress.delete(hex);
    else byAddress.set(hex, { address, pubKey, power: u.power });
  }
  return sortSet([...byAddress.values()]);
}

function totalPower(set: readonly CometValidator[]): bigint {
  return set.reduce((sum, v) => sum + v.power, 0n);
}

/** The parts of RequestFinalizeBlock CometBFT fills in (everything but the txs). */
export interface CometBlock {
  readonly hash: Uint8Array;
  readonly proposerAddress: Uint8Array;
  readonly nextValidatorsHash: Uint8Array;
  readonly decidedLastCommit: CommitInfo;
  readonly misbehavior: Misbehavior[];
  /** How many validators of the last commit were absent (for the log). */
  readonly absent: number;
}

export class CometMock {
  private readonly sets = new Map<bigint, CometValidator[]>();
  private readonly times = new Map<bigint, Timestamp>();
  private readonly liveness = new Map<string, number>();
  private readonly tombstoned = new Set<string>();

  constructor(
    private readonly params: CometParams,
    readonly initialHeight: bigint,
    genesis: readonly ValidatorUpdate[],
  ) {
    const set = applyUpdates([], genesis);
    if (set.length === 0) throw new Error("the genesis validator set is empty");
    this.sets.set(initialHeight, set);
    this.sets.set(initialHeight + 1n, set);
  }

  /** The set that signs block `height` (known up to two heights ahead). */
  validatorsAt(height: bigint): readonly CometValidator[] {
    const set = this.sets.get(height);
    if (set === undefined) throw new Error(`no validator set known for height ${height}`);
    return set;
  }

  /** CometBFT's part of the FinalizeBlock request of block `height`. */
  block(r: SimRandom, height: bigint): CometBlock {
    const set = this.validatorsAt(height);
    const { commit, absent } = height > this.initialHeight ? this.lastCommit(r, height - 1n) : { commit: { round: 0, votes: [] }, absent: 0 };
    return {
      hash: r.bytes(32),
      proposerAddress: this.proposer(r, set),
      nextValidatorsHash: setHash(this.validatorsAt(height + 1n)),
      decidedLastCommit: commit,
      misbehavior: this.misbehavior(r, height),
      absent,
    };
  }

  /**
   * After FinalizeBlock of `height`: records its time and set for evidence, and schedules the
   * updates it returned for height + 2.
   */
  endBlock(height: bigint, time: Timestamp, updates: readonly ValidatorUpdate[]): void {
    this.times.set(height, time);
    const next = applyUpdates(this.validatorsAt(height + 1n), updates);
    if (next.length === 0) throw new Error(`the validator updates of block ${height} leave no validator for block ${height + 2n}`);
    this.sets.set(height + 2n, next);
    const old = height - HISTORY;
    this.sets.delete(old);
    this.times.delete(old);
  }

  private lastCommit(r: SimRandom, signedHeight: bigint): { commit: CommitInfo; absent: number } {
    const set = this.validatorsAt(signedHeight);
    const flags = set.map((v) => {
      const hex = bytesToHex(v.address);
      const state = LIVENESS[this.liveness.get(hex) ?? 0] ?? LIVENESS[0];
      const nextState = r.weighted(state.next.map((weight, i) => ({ weight, i }))).i;
      this.liveness.set(hex, nextState);
      if (!r.chance(state.signPerMille, 1000)) return BlockIDFlag.BLOCK_ID_FLAG_ABSENT;
      // A few signers voted nil (signed, but not for the block).
      return r.chance(10, 1000) ? BlockIDFlag.BLOCK_ID_FLAG_NIL : BlockIDFlag.BLOCK_ID_FLAG_COMMIT;
    });
    // More than 2/3 of the power committed the block, or it would not exist: bring back the
    // strongest missing signers until it did.
    const total = totalPower(set);
    let committed = set.reduce((sum, v, i) => sum + (flags[i] === BlockIDFlag.BLOCK_ID_FLAG_COMMIT ? v.power : 0n), 0n);
    for (let i = 0; 3n * committed <= 2n * total && i < set.length; i++) {
      if (flags[i] !== BlockIDFlag.BLOCK_ID_FLAG_COMMIT) {
        flags[i] = BlockIDFlag.BLOCK_ID_FLAG_COMMIT;
        committed += (set[i] as CometValidator).power;
      }
    }
    return {
      commit: { round: 0, votes: set.map((v, i) => ({ validator: { address: v.address, power: v.power }, blockIdFlag: flags[i] as BlockIDFlag })) },
      absent: flags.filter((f) => f === BlockIDFlag.BLOCK_ID_FLAG_ABSENT).length,
    };
  }

  /** CometBFT rotates proposers in proportion to power; a power-weighted draw is the same in the long run. */
  private proposer(r: SimRandom, set: readonly CometValidator[]): Uint8Array {
    let x = r.bigint(0n, totalPower(set) - 1n);
    for (const v of set) {
      if (x < v.power) return v.address;
      x -= v.power;
    }
    throw new Error("unreachable");
  }

  private misbehavior(r: SimRandom, height: bigint): Misbehavior[] {
    if (!r.chance(this.params.doubleSignPerMille, 1000)) return [];
    const oldest = [this.initialHeight, height - this.params.evidenceMaxAgeBlocks + 1n, height - HISTORY + 1n].reduce((a, b) => (a > b ? a : b));
    if (oldest > height - 1n) return [];
    const at = r.bigint(oldest, height - 1n);
    const set = this.sets.get(at);
    const when = this.times.get(at);
    if (set === undefined || when === undefined) return [];
    const candidates = set.filter((v) => !this.tombstoned.has(bytesToHex(v.address)));
    // Never the whole set: the chain must keep validators once slashing tombstones offenders.
    if (candidates.length < 2) return [];
    const v = r.pick(candidates);
    this.tombstoned.add(bytesToHex(v.address));
    return [
      {
        type: MisbehaviorType.DUPLICATE_VOTE,
        validator: { address: v.address, power: v.power },
        height: at,
        time: when,
        totalVotingPower: totalPower(set),
      },
    ];
  }
}

/** A stand-in for CometBFT's validator set hash: deterministic over addresses and powers. */
function setHash(set: readonly CometValidator[]): Uint8Array {
  const parts = set.map((v) => `${bytesToHex(v.address)}:${v.power}`).join(",");
  return sha256(new TextEncoder().encode(parts));
}
