/**
 * x/gov params (SDK v0.50 x/gov/types/v1/params.go): the defaults and Params.ValidateBasic with the
 * SDK's texts. Decimal params are plain strings in cosmos.gov.v1.Params ("0.334000000000000000").
 */
import { Params } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { AddressCodec } from "../../app/address";
import { AppError, ErrInternal } from "../../app/errors";
import { Coin, Coins, Dec } from "../../app/math";
import { parseDecString } from "../../app/math/dec";
import { goDurationString } from "../slashing/params";

export { Params };

/** An error the SDK raises with fmt.Errorf (no registered code): code 1, codespace "undefined". */
export function plainError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

export const DEFAULT_MIN_DEPOSIT_TOKENS = 10_000_000n;
/** DefaultMinExpeditedDepositTokensRatio = 5. */
export const DEFAULT_MIN_EXPEDITED_DEPOSIT_TOKENS = DEFAULT_MIN_DEPOSIT_TOKENS * 5n;
/** DefaultPeriod: 48 hours (deposit and voting). */
export const DEFAULT_PERIOD: Duration = { seconds: 172_800n, nanos: 0 };
/** DefaultExpeditedPeriod: 24 hours. */
export const DEFAULT_EXPEDITED_PERIOD: Duration = { seconds: 86_400n, nanos: 0 };

const dec = (s: string): string => Dec.fromString(s).toString();

export function defaultGovParams(bondDenom: string): Params {
  return {
    minDeposit: [{ denom: bondDenom, amount: DEFAULT_MIN_DEPOSIT_TOKENS.toString() }],
    maxDepositPeriod: DEFAULT_PERIOD,
    votingPeriod: DEFAULT_PERIOD,
    quorum: dec("0.334"),
    threshold: dec("0.5"),
    vetoThreshold: dec("0.334"),
    minInitialDepositRatio: dec("0"),
    proposalCancelRatio: dec("0.5"),
    proposalCancelDest: "",
    expeditedVotingPeriod: DEFAULT_EXPEDITED_PERIOD,
    expeditedThreshold: dec("0.667"),
    expeditedMinDeposit: [{ denom: bondDenom, amount: DEFAULT_MIN_EXPEDITED_DEPOSIT_TOKENS.toString() }],
    burnVoteQuorum: false,
    burnProposalDepositPrevote: false,
    burnVoteVeto: true,
    minDepositRatio: dec("0.01"),
  };
}

/** LegacyNewDecFromStr: the value or the SDK's parse error text. */
export function parseDec(s: string): Dec | string {
  const r = parseDecString(s);
  return typeof r === "string" ? r : Dec.fromAtomics(r);
}

/** LegacyMustNewDecFromStr for params already validated (zero for an unparsable string). */
export function paramDec(s: string): Dec {
  const d = parseDec(s);
  return typeof d === "string" ? Dec.zero() : d;
}

export function durationNanos(d: Duration | undefined): bigint {
  return d === undefined ? 0n : d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

/** sdk.Coins from the proto list, order kept (IsValid checks sorting). */
export function coinsOf(list: readonly { denom: string; amount: string }[]): Coins {
  return Coins.fromProto(list);
}

function coinsString(c: Coins): string {
  return c.toString();
}

/** Params.ValidateBasic, in the SDK's order and with its texts. */
export function validateGovParams(p: Params, addresses: AddressCodec): void {
  const minDeposit = coinsOf(p.minDeposit);
  if (minDeposit.isEmpty() || !minDeposit.isValid()) throw plainError(`invalid minimum deposit: ${coinsString(minDeposit)}`);
  const expedited = coinsOf(p.expeditedMinDeposit);
  if (expedited.isEmpty() || !expedited.isValid()) throw plainError(`invalid expedited minimum deposit: ${coinsString(expedited)}`);
  if (expedited.isAllLTE(minDeposit)) throw plainError(`expedited minimum deposit must be greater than minimum deposit: ${coinsString(expedited)}`);
  if (p.maxDepositPeriod === undefined) throw plainError("maximum deposit period must not be nil: <nil>");
  if (durationNanos(p.maxDepositPeriod) < 1_000_000_000n) throw plainError(`maximum deposit period must be positive: ${durationNanos(p.maxDepositPeriod)}`);

  const fraction = (s: string, parseWhat: string, negative: string, tooLarge: (d: Dec) => string, positive?: string): Dec => {
    const d = parseDec(s);
    if (typeof d === "string") throw plainError(`invalid ${parseWhat} string: ${d}`);
    if (positive !== undefined ? !d.isPositive() : d.isNegative()) throw plainError(`${positive ?? negative}: ${d.toString()}`);
    if (d.gt(Dec.one())) throw plainError(tooLarge(d));
    return d;
  };
  fraction(p.quorum, "quorum", "quorom cannot be negative", () => `quorom too large: ${p.quorum}`);
  const threshold = fraction(p.threshold, "threshold", "", (d) => `vote threshold too large: ${d.toString()}`, "vote threshold must be positive");
  const expeditedThreshold = fraction(
    p.expeditedThreshold,
    "expedited threshold",
    "",
    (d) => `expedited vote threshold too large: ${d.toString()}`,
    "expedited vote threshold must be positive",
  );
  if (expeditedThreshold.lte(threshold)) {
    throw plainError(`expedited vote threshold ${expeditedThreshold.toString()}, must be greater than the regular threshold ${threshold.toString()}`);
  }
  fraction(p.vetoThreshold, "vetoThreshold", "", (d) => `veto threshold too large: ${d.toString()}`, "veto threshold must be positive");

  if (p.votingPeriod === undefined) throw plainError("voting period must not be nil: <nil>");
  const voting = durationNanos(p.votingPeriod);
  if (voting < 1_000_000_000n) throw plainError(`voting period must be positive: ${goDurationString(voting)}`);
  if (p.expeditedVotingPeriod === undefined) throw plainError("expedited voting period must not be nil: <nil>");
  const expeditedVoting = durationNanos(p.expeditedVotingPeriod);
  if (expeditedVoting < 1_000_000_000n) throw plainError(`expedited voting period must be positive: ${goDurationString(expeditedVoting)}`);
  // Seconds() are float seconds in Go: comparing nanoseconds is the same comparison.
  if (expeditedVoting >= voting) {
    throw plainError(`expedited voting period ${goDurationString(expeditedVoting)} must be strictly less that the regular voting period ${goDurationString(voting)}`);
  }

  const ratio = (s: string, parseWhat: string, negative: string, tooLarge: string): void => {
    const d = parseDec(s);
    if (typeof d === "string") throw plainError(`${parseWhat}: ${d}`);
    if (d.isNegative()) throw plainError(`${negative}: ${d.toString()}`);
    if (d.gt(Dec.one())) throw plainError(`${tooLarge}: ${d.toString()}`);
  };
  ratio(
    p.minInitialDepositRatio,
    "invalid mininum initial deposit ratio of proposal",
    "mininum initial deposit ratio of proposal must be positive",
    "mininum initial deposit ratio of proposal is too large",
  );
  ratio(p.proposalCancelRatio, "invalid burn rate of cancel proposal", "burn rate of cancel proposal must be positive", "burn rate of cancel proposal is too large");
  if (p.proposalCancelDest.length !== 0) {
    try {
      addresses.decodeAccount(p.proposalCancelDest);
    } catch {
      throw plainError(`deposits destination address is invalid: ${p.proposalCancelDest}`);
    }
  }
}

/** The min deposit of a proposal: expedited_min_deposit for expedited ones (GetMinDepositFromParams). */
export function minDepositFor(p: Params, expedited: boolean): Coins {
  return coinsOf(expedited ? p.expeditedMinDeposit : p.minDeposit);
}

/** `amount × ratio`, truncated or rounded, as a coin (the deposit checks). */
export function scaleCoin(c: Coin, ratio: Dec, round: "truncate" | "round"): Coin {
  const scaled = Dec.fromInt(c.amount).mul(ratio);
  return Coin.unchecked(c.denom, round === "truncate" ? scaled.truncateInt() : scaled.roundInt());
}


