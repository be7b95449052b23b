/**
 * All of x/gov's storage layout in one place. The SDK's part (prefixes 0x00-0x31) is SDK v0.50's
 * collections layout (x/gov/types/keys.go, keeper/keeper.go): big-endian uint64 ids, sdk.TimeKey
 * (FormatTimeBytes, fixed width) in the queues, length-prefixed addresses after the id in deposits
 * and votes. plumed's running tally (tally.ts) keeps its own records under 0x90-0x94.
 *
 * | prefix | key                          | value                                             |
 * |--------|------------------------------|---------------------------------------------------|
 * | 0x00   | id                           | cosmos.gov.v1.Proposal                            |
 * | 0x01   | voting end time ‖ id         | id (uint64 BE): the active queue                  |
 * | 0x02   | deposit end time ‖ id        | id (uint64 BE): the inactive queue                |
 * | 0x03   | -                            | next proposal id (uint64 BE)                      |
 * | 0x04   | id                           | 0x01: proposals in their voting period            |
 * | 0x10   | id ‖ len depositor           | cosmos.gov.v1.Deposit                             |
 * | 0x20   | id ‖ len voter               | cosmos.gov.v1.Vote                                |
 * | 0x30   | -                            | cosmos.gov.v1.Params                              |
 * | 0x31   | -                            | constitution (UTF-8)                              |
 * | 0x90   | id ‖ len validator operator  | running tally of the voters delegating to it      |
 * | 0x91   | len voter ‖ id               | round of the vote (uint64 BE): an account's votes |
 * | 0x92   | id                           | (empty): ended proposals whose votes are pruned   |
 * | 0x93   | id                           | voting round (uint64 BE), absent for round 0      |
 * | 0x94   | id ‖ len validator operator  | units of the voting members of its restaking pool |
 *
 * A round starts over when an expedited proposal becomes a regular one: the SDK's tally deletes the
 * votes then, plumed leaves them to pruning and counts only votes of the current round.
 */
import { Deposit, Params, Proposal, Vote } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import {
  Collection,
  EmptyValue,
  Item,
  StringValue,
  Uint64Key,
  Uint64Value,
  concatBytes,
  lengthPrefixed,
  protoValue,
  splitLengthPrefixed,
  type KeyCodec,
  type ValueCodec,
} from "../../app/collections";
import type { Bytes } from "../../app/store/types";
import { formatTimeBytes, parseTimeBytes } from "../staking/time";

export const GOV_STORE = "gov";

/** (id, address): uint64 BE ‖ len ‖ address (PairKeyCodec(Uint64Key, LengthPrefixedAddressKey)). */
export const IdAddressKey: KeyCodec<readonly [bigint, Bytes]> = {
  encode: ([id, addr]) => concatBytes(Uint64Key.encode(id), lengthPrefixed(addr)),
  decode: (b) => {
    const id = Uint64Key.decode(b.subarray(0, 8));
    const [addr, rest] = splitLengthPrefixed(b.subarray(8));
    if (rest.length !== 0) throw new Error("trailing bytes after a length-prefixed address key");
    return [id, Uint8Array.from(addr)] as const;
  },
};

/** (address, id): len ‖ address ‖ uint64 BE. */
export const AddressIdKey: KeyCodec<readonly [Bytes, bigint]> = {
  encode: ([addr, id]) => concatBytes(lengthPrefixed(addr), Uint64Key.encode(id)),
  decode: (b) => {
    const [addr, rest] = splitLengthPrefixed(b);
    return [Uint8Array.from(addr), Uint64Key.decode(rest)] as const;
  },
};

const TIME_BYTES = 29;

/** (time, id): FormatTimeBytes ‖ uint64 BE. */
export const TimeIdKey: KeyCodec<readonly [Timestamp, bigint]> = {
  encode: ([t, id]) => concatBytes(formatTimeBytes(t), Uint64Key.encode(id)),
  decode: (b) => [parseTimeBytes(b.subarray(0, TIME_BYTES)), Uint64Key.decode(b.subarray(TIME_BYTES))] as const,
};

/** The first key after every queue entry due at `t` (entries at exactly `t` included). */
export function queueEndAfter(t: Timestamp): Bytes {
  return concatBytes(formatTimeBytes(t), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
}

/**
 * A validator's running tally for one proposal, over the accounts that voted and delegate to it
 * (tally.ts): the sum of their shares (LegacyDec atomics, 10^-18) and, per option (yes, abstain,
 * no, no_with_veto), the sum of shares × weight (10^-36 units, exact).
 */
export interface ValidatorTally {
  readonly shares: bigint;
  readonly weighted: readonly [bigint, bigint, bigint, bigint];
}

/** Five decimal integers separated by commas: deterministic and exact. */
const ValidatorTallyValue: ValueCodec<ValidatorTally> = {
  encode: (t) => new TextEncoder().encode([t.shares, ...t.weighted].map((x) => x.toString()).join(",")),
  decode: (b) => {
    const parts = new TextDecoder().decode(b).split(",").map((s) => BigInt(s));
    if (parts.length !== 5) throw new Error("malformed validator tally record");
    const [shares, y, a, n, v] = parts as [bigint, bigint, bigint, bigint, bigint];
    return { shares, weighted: [y, a, n, v] };
  },
};

export const Proposals = new Collection<bigint, Proposal>(Uint8Array.of(0x00), Uint64Key, protoValue(Proposal));
export const ActiveQueue = new Collection<readonly [Timestamp, bigint], bigint>(Uint8Array.of(0x01), TimeIdKey, Uint64Value);
export const InactiveQueue = new Collection<readonly [Timestamp, bigint], bigint>(Uint8Array.of(0x02), TimeIdKey, Uint64Value);
export const ProposalIdItem = new Item<bigint>(Uint8Array.of(0x03), Uint64Value);
const ONE_BYTE: ValueCodec<Bytes> = { encode: (v) => v, decode: (b) => Uint8Array.from(b) };
export const VotingPeriodProposals = new Collection<bigint, Bytes>(Uint8Array.of(0x04), Uint64Key, ONE_BYTE);
export const Deposits = new Collection<readonly [bigint, Bytes], Deposit>(Uint8Array.of(0x10), IdAddressKey, protoValue(Deposit));
export const Votes = new Collection<readonly [bigint, Bytes], Vote>(Uint8Array.of(0x20), IdAddressKey, protoValue(Vote));
export const ParamsItem = new Item<Params>(Uint8Array.of(0x30), protoValue(Params));
export const ConstitutionItem = new Item<string>(Uint8Array.of(0x31), StringValue);

/** plumed's running tally (tally.ts). */
export const ValidatorTallies = new Collection<readonly [bigint, Bytes], ValidatorTally>(Uint8Array.of(0x90), IdAddressKey, ValidatorTallyValue);
export const VoterProposals = new Collection<readonly [Bytes, bigint], bigint>(Uint8Array.of(0x91), AddressIdKey, Uint64Value);
export const PruneQueue = new Collection<bigint, true>(Uint8Array.of(0x92), Uint64Key, EmptyValue);
export const VotingRounds = new Collection<bigint, bigint>(Uint8Array.of(0x93), Uint64Key, Uint64Value);
/**
 * Per (proposal, validator), the x/restaking pool members that voted (tally.ts, poolVoters): the
 * sum of their units (LegacyDec atomics) and per option units × weight (10^-36 units), in a
 * ValidatorTally whose `shares` hold units.
 */
export const PoolTallies = new Collection<readonly [bigint, Bytes], ValidatorTally>(Uint8Array.of(0x94), IdAddressKey, ValidatorTallyValue);

/** The sub-prefix of one proposal's entries in Deposits, Votes, ValidatorTallies and PoolTallies. */
export function proposalPrefix(id: bigint): Bytes {
  return Uint64Key.encode(id);
}

/** The sub-prefix of one account's entries in VoterProposals. */
export function voterPrefix(voter: Bytes): Bytes {
  return lengthPrefixed(voter);
}
