/**
 * Governance over several modules at once, on two real CometBFT validators with real cosmjs
 * clients: one gov v1 proposal carries x/slashing's MsgUpdateParams (a longer
 * `signed_blocks_window`) and plume.staking.v1's MsgUpdateParams (a lower decentralization cap);
 * both validators vote YES, a delegator of one of them votes NO for its own stake; the tally cosmjs
 * reads is the one this test computes from the validators' tokens and the delegation; the proposal
 * passes at the end of its voting period and both params are live from the block that ended it
 * (old one height before, new at that height: cosmjs at a height, abci_query and REST with
 * x-cosmos-block-height). A proposal carrying x/distribution's MsgCommunityPoolSpend pays its
 * recipient exactly; a proposal that misses quorum is rejected and its deposits refunded
 * (burn_vote_quorum is false); a cancelled proposal's charge goes into the community pool
 * (proposal_cancel_dest is the distribution module account); an initial deposit below
 * min_initial_deposit_ratio (gov/16) and an invalid vote option (gov/7) cost only fee and sequence.
 */
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { QueryClient, SigningStargateClient, setupDistributionExtension, setupGovExtension, setupSlashingExtension, setupStakingExtension, type GovExtension } from "@cosmjs/stargate";
import { toBech32 } from "@cosmjs/encoding";
import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { MsgCancelProposal, MsgSubmitProposal, MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { MsgVote } from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { MsgUpdateParams as SlashingMsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { QueryParamsRequest as SlashingParamsRequest, QueryParamsResponse as SlashingParamsResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { MsgCommunityPoolSpend, MsgFundCommunityPool } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { QueryProposalRequest, QueryProposalResponse, QueryProposalsRequest, QueryProposalsResponse } from "cosmjs-types/cosmos/gov/v1/query";
import type { Proposal } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgUpdateParams as CapMsgUpdateParams } from "../proto/plume/staking/v1/tx";
import { QueryParamsRequest as CapParamsRequest, QueryParamsResponse as CapParamsResponse } from "../proto/plume/staking/v1/query";
import type { JsonValue } from "../app/module";
import { moduleAddress } from "../app/address";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, DENOM, directWallet, PREFIX, signingClient } from "./helpers/clients";
import { waitFor, waitForHeight } from "./helpers/rpc";
import { abciQuery } from "./helpers/staking";

const FEE = { amount: [{ denom: DENOM, amount: "20000" }], gas: "900000" };
const GOV = toBech32(PREFIX, moduleAddress("gov"));
const DEPOSIT = [{ denom: DENOM, amount: "1000000" }];
const DISTRIBUTION = toBech32(PREFIX, moduleAddress("distribution"));

function govGenesis(appState: Record<string, JsonValue>): void {
  const gov = appState["gov"] as Record<string, JsonValue>;
  const params = gov["params"] as Record<string, JsonValue>;
  appState["gov"] = {
    ...gov,
    params: { ...params, min_deposit: DEPOSIT, max_deposit_period: "60s", voting_period: "6s", expedited_voting_period: "3s", proposal_cancel_ratio: "0.300000000000000000",
      min_initial_deposit_ratio: "0.100000000000000000", proposal_cancel_dest: DISTRIBUTION },
  };
}

type Msg = { typeUrl: string; value: Uint8Array };

describe("one proposal lengthens the signing window and lowers the cap, another spends the community pool", () => {
  let net: Testnet;
  let comet: Comet38Client;
  let q: QueryClient & GovExtension & ReturnType<typeof setupSlashingExtension> & ReturnType<typeof setupStakingExtension> & ReturnType<typeof setupDistributionExtension>;
  const clients: Record<string, SigningStargateClient> = {};
  const addrs: Record<string, string> = {};
  let api: number;

  beforeAll(async () => {
    const names = ["validator0", "validator1", "alice", "bob", "carol"];
    net = await Testnet.create(2, { users: ["alice", "bob", "carol"], mnemonics: testMnemonics(names), editGenesis: govGenesis });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    for (const n of names) {
      const w = await directWallet(n);
      addrs[n] = await addressOf(w);
      clients[n] = await signingClient(net.rpcPort(0), w);
    }
    comet = await Comet38Client.connect(`http://127.0.0.1:${net.rpcPort(0)}`);
    q = QueryClient.withExtensions(comet, setupGovExtension, setupSlashingExtension, setupStakingExtension, setupDistributionExtension);
    api = net.layout.nodes[0]?.ports.api as number;
  });

  afterAll(async () => {
    for (const c of Object.values(clients)) c.disconnect();
    comet?.disconnect();
    await net.stop();
  });

  const client = (name: string): SigningStargateClient => clients[name] as SigningStargateClient;
  const addr = (name: string): string => addrs[name] as string;

  async function submit(who: string, title: string, messages: Msg[]): Promise<bigint> {
    const res = await client(who).signAndBroadcast(
      addr(who),
      [{ typeUrl: "/cosmos.gov.v1.MsgSubmitProposal", value: MsgSubmitProposal.fromPartial({ messages, initialDeposit: DEPOSIT, proposer: addr(who), title, summary: `${title}.` }) }],
      FEE,
    );
    expect(res.code).toBe(0);
    return MsgSubmitProposalResponse.decode(res.msgResponses[0]?.value ?? new Uint8Array()).proposalId;
  }

  async function vote(who: string, id: bigint, option: VoteOption): Promise<void> {
    const res = await client(who).signAndBroadcast(addr(who), [{ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: MsgVote.fromPartial({ proposalId: id, voter: addr(who), option }) }], FEE);
    expect(res.code).toBe(0);
  }

  /** gov v1's Proposal query (cosmjs' GovExtension asks v1beta1, which shows single-message proposals only). */
  async function proposalV1(id: bigint): Promise<Proposal> {
    const res = await q.queryAbci("/cosmos.gov.v1.Query/Proposal", QueryProposalRequest.encode({ proposalId: id }).finish());
    const p = QueryProposalResponse.decode(res.value).proposal;
    if (!p) throw new Error(`no proposal ${id}`);
    return p;
  }

  async function finalStatus(id: bigint): Promise<ProposalStatus> {
    return waitFor(`proposal ${id} to leave its voting period`, async () => {
      const p = await proposalV1(id);
      return p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD ? undefined : p.status;
    });
  }

  /** The height of the block whose EndBlock ended proposal `id` (its `active_proposal` event). */
  async function endingHeight(id: bigint): Promise<number> {
    const latest = (await comet.status()).syncInfo.latestBlockHeight;
    for (let h = latest; h > 1; h--) {
      const events = (await comet.blockResults(h)).finalizeBlockEvents;
      const ended = events.find((e) => e.type === "active_proposal" && e.attributes.some((a) => a.key === "proposal_id" && a.value === id.toString()));
      if (ended) return h;
    }
    throw new Error(`no block ended proposal ${id}`);
  }

  /** The community pool's whole tokens at a height (REST). */
  async function poolAt(height: number): Promise<bigint> {
    const pool = (await restAt<{ pool: { denom: string; amount: string }[] }>("/cosmos/distribution/v1beta1/community_pool", height)).pool;
    return BigInt((pool.find((c) => c.denom === DENOM)?.amount ?? "0").split(".")[0] as string);
  }

  /** bob's proposal to set signed_blocks_window to `window`. */
  async function windowProposal(title: string, window: bigint): Promise<bigint> {
    const slashing = (await q.slashing.params()).params;
    return submit("bob", title, [
      { typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams", value: SlashingMsgUpdateParams.encode({ authority: GOV, params: { ...slashing, signedBlocksWindow: window } }).finish() },
    ]);
  }

  const restAt = async <T>(path: string, height: number): Promise<T> => (await (await fetch(`http://127.0.0.1:${api}${path}`, { headers: { "x-cosmos-block-height": String(height) } })).json()) as T;

  it("passes with the validators' YES over a delegator's NO, and both new params are live from the block that ended it", async () => {
    const v0 = net.layout.nodes[0]?.operator as string;
    const delegated = await client("alice").delegateTokens(addr("alice"), v0, { denom: DENOM, amount: "70000000" }, FEE);
    expect(delegated.code).toBe(0);

    const slashingBefore = (await q.slashing.params()).params;
    const capBefore = await abciQuery(net.rpcPort(0), "/plume.staking.v1.Query/Params", CapParamsRequest.fromPartial({}), CapParamsRequest, CapParamsResponse);
    expect(capBefore.params?.maxValidatorPowerShare).toBe("200000000000000000");
    const window = slashingBefore.signedBlocksWindow + 150n;
    const id = await submit("bob", "Window and cap", [
      { typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams", value: SlashingMsgUpdateParams.encode({ authority: GOV, params: { ...slashingBefore, signedBlocksWindow: window } }).finish() },
      { typeUrl: "/plume.staking.v1.MsgUpdateParams", value: CapMsgUpdateParams.encode({ authority: GOV, params: { maxValidatorPowerShare: "150000000000000000" } }).finish() },
    ]);
    expect((await proposalV1(id)).status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    // As on a Go node, v1beta1 cannot show a proposal of two messages.
    await expect(q.gov.proposal(id.toString())).rejects.toThrow(/when amount of proposal messages not exactly one/);

    await vote("validator0", id, VoteOption.VOTE_OPTION_YES);
    await vote("validator1", id, VoteOption.VOTE_OPTION_YES);
    await vote("alice", id, VoteOption.VOTE_OPTION_NO);

    // Our own computation, from what staking says: each bonded validator's tokens vote its YES,
    // except the tokens alice's shares are worth, which vote her NO.
    const validators = (await q.staking.validators("BOND_STATUS_BONDED")).validators;
    expect(validators.length).toBe(2);
    const tokens = validators.reduce((s, v) => s + BigInt(v.tokens), 0n);
    const d = (await q.staking.delegation(addr("alice"), v0)).delegationResponse;
    const aliceTokens = BigInt(d?.balance?.amount ?? "0");
    expect(aliceTokens).toBe(70_000_000n);
    const expected = { yes: (tokens - aliceTokens).toString(), abstain: "0", no: aliceTokens.toString(), noWithVeto: "0" };
    expect((await q.gov.tally(id.toString())).tally).toEqual(expected);

    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect((await proposalV1(id)).finalTallyResult).toEqual({ yesCount: expected.yes, abstainCount: "0", noCount: expected.no, noWithVetoCount: "0" });

    // Live from the block that ended it: its EndBlock wrote them, so the next block runs with them.
    const h = await endingHeight(id);
    const slashingAt = async (height: number): Promise<bigint> =>
      SlashingParamsResponse.decode((await q.queryAbci("/cosmos.slashing.v1beta1.Query/Params", SlashingParamsRequest.encode({}).finish(), height)).value).params?.signedBlocksWindow ?? 0n;
    const capAt = async (height: number): Promise<string> =>
      (await abciQuery(net.rpcPort(0), "/plume.staking.v1.Query/Params", CapParamsRequest.fromPartial({}), CapParamsRequest, CapParamsResponse, height)).params?.maxValidatorPowerShare ?? "";
    expect(await slashingAt(h - 1)).toBe(slashingBefore.signedBlocksWindow);
    expect(await slashingAt(h)).toBe(window);
    expect(await capAt(h - 1)).toBe("200000000000000000");
    expect(await capAt(h)).toBe("150000000000000000");
    expect((await q.slashing.params()).params.signedBlocksWindow).toBe(window);

    type SlashingRest = { params: { signed_blocks_window: string } };
    type CapRest = { params: { max_validator_power_share: string } };
    expect((await restAt<SlashingRest>("/cosmos/slashing/v1beta1/params", h - 1)).params.signed_blocks_window).toBe(slashingBefore.signedBlocksWindow.toString());
    expect((await restAt<SlashingRest>("/cosmos/slashing/v1beta1/params", h)).params.signed_blocks_window).toBe(window.toString());
    expect((await restAt<CapRest>("/plume/staking/v1/params", h - 1)).params.max_validator_power_share).toBe("0.200000000000000000");
    expect((await restAt<CapRest>("/plume/staking/v1/params", h)).params.max_validator_power_share).toBe("0.150000000000000000");
    const proposal = await restAt<{ proposal: { status: string; final_tally_result: JsonValue } }>(`/cosmos/gov/v1/proposals/${id}`, h);
    expect(proposal.proposal.status).toBe("PROPOSAL_STATUS_PASSED");
    expect(proposal.proposal.final_tally_result).toEqual({ yes_count: expected.yes, abstain_count: "0", no_count: expected.no, no_with_veto_count: "0" });
  });

  it("pays the recipient of a community-pool spend exactly", async () => {
    const funded = await client("alice").signAndBroadcast(
      addr("alice"),
      [{ typeUrl: "/cosmos.distribution.v1beta1.MsgFundCommunityPool", value: MsgFundCommunityPool.fromPartial({ depositor: addr("alice"), amount: [{ denom: DENOM, amount: "5000000" }] }) }],
      FEE,
    );
    expect(funded.code).toBe(0);
    const carol = addr("carol");
    const carolBefore = BigInt((await client("alice").getBalance(carol, DENOM)).amount);
    const spend = MsgCommunityPoolSpend.fromPartial({ authority: GOV, recipient: carol, amount: [{ denom: DENOM, amount: "4321000" }] });
    const id = await submit("bob", "Grant carol", [{ typeUrl: "/cosmos.distribution.v1beta1.MsgCommunityPoolSpend", value: MsgCommunityPoolSpend.encode(spend).finish() }]);
    await vote("validator0", id, VoteOption.VOTE_OPTION_YES);
    await vote("validator1", id, VoteOption.VOTE_OPTION_YES);
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(BigInt((await client("alice").getBalance(carol, DENOM)).amount)).toBe(carolBefore + 4_321_000n);
    // The pool paid it: the block that ended the proposal took it out of the pool, whatever the
    // community tax added in that block's BeginBlock (rewards of the block before).
    const h = await endingHeight(id);
    const drop = (await poolAt(h - 1)) - (await poolAt(h));
    expect(drop).toBeGreaterThan(4_000_000n);
    expect(drop).toBeLessThanOrEqual(4_321_000n);
  });

  it("rejects a proposal that misses quorum and refunds its deposits", async () => {
    // Only alice votes, the validators stay silent.
    const bob = addr("bob");
    const before = BigInt((await client("bob").getBalance(bob, DENOM)).amount);
    const window = (await q.slashing.params()).params.signedBlocksWindow;
    const id = await windowProposal("Nobody cares", 999n);
    expect(BigInt((await client("bob").getBalance(bob, DENOM)).amount)).toBe(before - 20_000n - 1_000_000n);
    await vote("alice", id, VoteOption.VOTE_OPTION_YES);
    // alice's 70 PLUME of 270 bonded: 25.9%, below the quorum.
    const tally = (await q.gov.tally(id.toString())).tally;
    expect(tally).toEqual({ yes: "70000000", abstain: "0", no: "0", noWithVeto: "0" });
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect((await q.slashing.params()).params.signedBlocksWindow).toBe(window);
    expect(BigInt((await client("bob").getBalance(bob, DENOM)).amount)).toBe(before - 20_000n);
    expect((await q.gov.deposits(id.toString())).deposits).toEqual([]);
  });

  it("sends a cancelled proposal's charge to the community pool when proposal_cancel_dest is the distribution module", async () => {
    const bob = addr("bob");
    const before = BigInt((await client("bob").getBalance(bob, DENOM)).amount);
    const id = await windowProposal("Never mind", 777n);
    client("bob").registry.register("/cosmos.gov.v1.MsgCancelProposal", MsgCancelProposal);
    const res = await client("bob").signAndBroadcast(bob, [{ typeUrl: "/cosmos.gov.v1.MsgCancelProposal", value: MsgCancelProposal.fromPartial({ proposalId: id, proposer: bob }) }], FEE);
    expect(res.code).toBe(0);
    // 30% of the 1 PLUME deposit goes to the community pool (FundCommunityPool from the gov
    // account, as the SDK does for this destination), 70% back to bob.
    const transfers = res.events
      .filter((e) => e.type === "transfer")
      .map((e) => Object.fromEntries(e.attributes.filter((a) => a.key !== "msg_index").map((a) => [a.key, a.value])));
    expect(transfers).toContainEqual({ recipient: DISTRIBUTION, sender: GOV, amount: `300000${DENOM}` });
    expect(transfers).toContainEqual({ recipient: bob, sender: GOV, amount: `700000${DENOM}` });
    expect(BigInt((await client("bob").getBalance(bob, DENOM)).amount)).toBe(before - 2n * 20_000n - 300_000n);
    await expect(proposalV1(id)).rejects.toThrow();
    // The pool grew by the charge (and the community tax of the cancel's block), the distribution
    // account holds it: the module-account invariant of x/distribution would say otherwise.
    const { height } = await comet.tx({ hash: Buffer.from(res.transactionHash, "hex") });
    expect((await poolAt(height)) - (await poolAt(height - 1))).toBeGreaterThanOrEqual(300_000n);
  });

  it("refuses an initial deposit below min_initial_deposit_ratio (gov/16) and an invalid vote option (gov/7), charging only the fee and the sequence", async () => {
    const alice = addr("alice");
    const balance = BigInt((await client("alice").getBalance(alice, DENOM)).amount);
    const sequence = (await client("alice").getSequence(alice)).sequence;
    // gov v1's Proposals (v1beta1's cannot show the two-message proposal).
    const count = async (): Promise<number> =>
      QueryProposalsResponse.decode((await q.queryAbci("/cosmos.gov.v1.Query/Proposals", QueryProposalsRequest.encode(QueryProposalsRequest.fromPartial({})).finish())).value).proposals.length;
    const proposals = await count();
    const refused = async (msg: { typeUrl: string; value: unknown }): Promise<{ codespace: string; code: number }> => {
      const res = await client("alice").signAndBroadcast(alice, [msg], FEE);
      return { codespace: res.code === 0 ? "" : (await comet.tx({ hash: Buffer.from(res.transactionHash, "hex") })).result.codespace ?? "", code: res.code };
    };
    // 10% of the 1 PLUME min deposit must come with the proposal: 99999 is one short.
    const slashing = (await q.slashing.params()).params;
    const low = MsgSubmitProposal.fromPartial({
      messages: [{ typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams", value: SlashingMsgUpdateParams.encode({ authority: GOV, params: slashing }).finish() }],
      initialDeposit: [{ denom: DENOM, amount: "99999" }],
      proposer: alice,
      title: "Cheap",
      summary: "Cheap.",
    });
    expect(await refused({ typeUrl: "/cosmos.gov.v1.MsgSubmitProposal", value: low })).toEqual({ codespace: "gov", code: 16 });
    // The option is checked before the proposal: proposal 1 has ended, still gov/7.
    expect(await refused({ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: MsgVote.fromPartial({ proposalId: 1n, voter: alice, option: 7 as VoteOption }) })).toEqual({ codespace: "gov", code: 7 });
    expect(BigInt((await client("alice").getBalance(alice, DENOM)).amount)).toBe(balance - 2n * 20_000n);
    expect((await client("alice").getSequence(alice)).sequence).toBe(sequence + 2);
    expect(await count()).toBe(proposals);
  });
});
