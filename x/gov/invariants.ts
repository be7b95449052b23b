/**
 * x/gov's invariants, as plain functions tests call after every block (chain/invariants.ts runs
 * them with every module's). Each returns a result instead of throwing.
 *
 * - deposits (the SDK's ModuleAccountInvariant): the gov module account holds at least the
 *   deposits of the proposals in their deposit or voting period (anyone may send it more, which a
 *   proposal's bank send can spend).
 * - running-tally (plumed's): for every proposal in its voting period, the stored running tally of
 *   each validator is exactly what the current votes and the voters' delegations give (tally.ts);
 *   O(votes × their delegations), for tests only; and the units of voting members of each
 *   validator's restaking pool (PoolTallies) are exactly what the votes and memberships give.
 */
import type { Context } from "../../app/context";
import { Coins, Dec } from "../../app/math";
import { GOV_MODULE_NAME, type GovKeeper } from "./keeper";
import { coinsOf } from "./params";
import { PoolTallies, ValidatorTallies, Votes, VotingPeriodProposals, proposalPrefix, type ValidatorTally } from "./state-keys";
import { EMPTY_VALIDATOR_TALLY, applyDelegation } from "./tally";

export interface InvariantResult {
  readonly name: string;
  readonly broken: boolean;
  readonly message: string;
}

const result = (name: string, problems: readonly string[]): InvariantResult => ({ name, broken: problems.length > 0, message: problems.join("\n") });

export function moduleAccountInvariant(ctx: Context, k: GovKeeper): InvariantResult {
  const store = k.store(ctx);
  let deposits = Coins.empty();
  for (const d of k.deposits(store)) deposits = deposits.add(Coins.of(...coinsOf(d.amount).toArray()));
  const balance = k.bank.getAllBalances(ctx, k.accounts.getModuleAccount(ctx, GOV_MODULE_NAME).address);
  const problems = balance.isAllGTE(deposits) ? [] : [`gov module account holds ${balance.toString()}, deposits add up to ${deposits.toString()}`];
  return result("deposits", problems);
}

const tallyText = (t: ValidatorTally): string => [t.shares, ...t.weighted].join(",");

export function runningTallyInvariant(ctx: Context, k: GovKeeper): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const [id] of VotingPeriodProposals.entries(store)) {
    const expected = new Map<string, ValidatorTally>();
    const expectedPools = new Map<string, ValidatorTally>();
    // This proposal's votes that count (its current voting round).
    for (const [[, voter], vote] of Votes.entries(store, { subPrefix: proposalPrefix(id) })) {
      if (!k.isCurrentVote(store, id, voter)) continue;
      for (const d of k.staking.delegatorDelegations(k.staking.store(ctx), k.addresses.decodeAccount(vote.voter))) {
        expected.set(d.validatorAddress, applyDelegation(expected.get(d.validatorAddress) ?? EMPTY_VALIDATOR_TALLY, Dec.fromProto(d.shares), vote.options, 1n));
      }
      for (const [operator, units] of k.poolKeeper?.memberUnits(ctx, voter) ?? []) {
        const op = k.staking.addresses.encodeValidator(operator);
        expectedPools.set(op, applyDelegation(expectedPools.get(op) ?? EMPTY_VALIDATOR_TALLY, units, vote.options, 1n));
      }
    }
    const stored = new Map<string, ValidatorTally>();
    for (const [[, operator], t] of ValidatorTallies.entries(store, { subPrefix: proposalPrefix(id) })) stored.set(k.staking.addresses.encodeValidator(operator), t);
    const storedPools = new Map<string, ValidatorTally>();
    for (const [[, operator], t] of PoolTallies.entries(store, { subPrefix: proposalPrefix(id) })) storedPools.set(k.staking.addresses.encodeValidator(operator), t);
    const compare = (what: string, want: Map<string, ValidatorTally>, have: Map<string, ValidatorTally>): void => {
      for (const op of [...new Set([...want.keys(), ...have.keys()])].sort()) {
        const w = tallyText(want.get(op) ?? EMPTY_VALIDATOR_TALLY);
        const h = tallyText(have.get(op) ?? EMPTY_VALIDATOR_TALLY);
        if (w !== h) problems.push(`proposal ${id}, ${op}: running ${what} ${h}, votes and ${what === "tally" ? "delegations" : "memberships"} give ${w}`);
      }
    };
    compare("tally", expected, stored);
    compare("pool tally", expectedPools, storedPools);
  }
  return result("running-tally", problems);
}

export function govInvariants(ctx: Context, k: GovKeeper): InvariantResult[] {
  return [moduleAccountInvariant(ctx, k), runningTallyInvariant(ctx, k)];
}
