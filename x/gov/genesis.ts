/**
 * x/gov genesis (app_state.gov) in SDK v0.50's JSON (cosmos.gov.v1.GenesisState) with
 * x/gov/genesis.go's InitGenesis / ExportGenesis, proposals in flight included. The running tally
 * is not part of it: InitGenesis rebuilds it from the votes and the delegations.
 */
import { ProposalStatus } from "cosmjs-types/cosmos/gov/v1/gov";
import { GenesisState } from "cosmjs-types/cosmos/gov/v1/genesis";
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import { Coins } from "../../app/math";
import type { JsonValue } from "../../app/module";
import { GOV_MODULE_NAME, type GovKeeper } from "./keeper";
import { coinsOf, defaultGovParams, plainError, validateGovParams } from "./params";
import { ActiveQueue, Deposits, InactiveQueue, Votes } from "./state-keys";
import type { AddressCodec } from "../../app/address";

export { GenesisState };

const TYPE = "cosmos.gov.v1.GenesisState";

export function defaultGovGenesis(bondDenom: string): GenesisState {
  return { startingProposalId: 1n, deposits: [], votes: [], proposals: [], params: defaultGovParams(bondDenom), constitution: "" };
}

export function govGenesisToJson(g: GenesisState): JsonValue {
  return bytesToSdkJson(TYPE, GenesisState.encode(g).finish());
}

export function parseGovGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/** types/v1/genesis.go ValidateGenesis, with the SDK's texts. */
export function validateGovGenesis(g: GenesisState, addresses: AddressCodec): void {
  if (g.startingProposalId === 0n) throw plainError("starting proposal id must be greater than 0");
  const ids = new Set<bigint>();
  for (const p of g.proposals) {
    if (ids.has(p.id)) throw plainError(`duplicate proposal id: ${p.id}`);
    ids.add(p.id);
  }
  const deposits = new Set<string>();
  for (const d of g.deposits) {
    if (!ids.has(d.proposalId)) throw plainError(`deposit ${d.depositor} has non-existent proposal id: ${d.proposalId}`);
    const key = `${d.proposalId}/${d.depositor}`;
    if (deposits.has(key)) throw plainError(`duplicate deposit: ${key}`);
    deposits.add(key);
  }
  const votes = new Set<string>();
  for (const v of g.votes) {
    if (!ids.has(v.proposalId)) throw plainError(`vote ${v.voter} has non-existent proposal id: ${v.proposalId}`);
    const key = `${v.proposalId}/${v.voter}`;
    if (votes.has(key)) throw plainError(`duplicate vote: ${key}`);
    votes.add(key);
  }
  if (g.params === undefined) throw plainError("invalid minimum deposit: ");
  validateGovParams(g.params, addresses);
}

/**
 * InitGenesis: next proposal id, params, constitution, the gov module account, deposits, votes,
 * proposals (with their queue entries), the module account's balance checked against the
 * deposits; then the running tallies from the votes.
 */
export function initGovGenesis(ctx: Context, k: GovKeeper, g: GenesisState): void {
  k.setNextProposalId(ctx, g.startingProposalId);
  if (g.params === undefined) throw new Error("gov genesis has no params");
  k.setParams(ctx, g.params);
  k.setConstitution(ctx, g.constitution);
  const account = k.accounts.getModuleAccount(ctx, GOV_MODULE_NAME);
  const store = k.store(ctx);
  let total = Coins.empty();
  for (const d of g.deposits) {
    Deposits.set(store, [d.proposalId, k.addresses.decodeAccount(d.depositor)], d);
    total = total.add(Coins.of(...coinsOf(d.amount).toArray()));
  }
  for (const v of g.votes) Votes.set(store, [v.proposalId, k.addresses.decodeAccount(v.voter)], v);
  for (const p of g.proposals) {
    if (p.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && p.depositEndTime !== undefined) InactiveQueue.set(store, [p.depositEndTime, p.id], p.id);
    if (p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD && p.votingEndTime !== undefined) ActiveQueue.set(store, [p.votingEndTime, p.id], p.id);
    k.setProposal(ctx, p);
  }
  const balance = k.bank.getAllBalances(ctx, account.address);
  if (!balance.equal(total)) throw new Error(`expected module account was ${balance.toString()} but we got ${total.toString()}`);
  k.rebuildTallies(ctx);
}

/** ExportGenesis: what InitGenesis reads, votes only of proposals in their voting period. */
export function exportGovGenesis(ctx: Context, k: GovKeeper): GenesisState {
  const store = k.store(ctx);
  return {
    startingProposalId: k.nextProposalId(store),
    deposits: [...k.deposits(store)],
    votes: [...k.votes(store)],
    proposals: [...k.proposals(store)],
    params: k.params(store),
    constitution: k.constitution(store),
  };
}
