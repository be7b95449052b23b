/**
 * Governance end to end on a real CometBFT with real cosmjs clients: a gov v1 proposal carrying
 * x/slashing's MsgUpdateParams is submitted and deposited with cosmjs, the validator votes YES, a
 * delegator votes NO for its own stake (overriding the validator's vote), the tally cosmjs'
 * GovExtension reads is the test's own computation, the proposal passes at the end of a short
 * voting period and the new param is live (cosmjs and REST). A proposal whose message fails when
 * it runs ends FAILED with the params unchanged; a v1beta1 TextProposal is submitted and voted on
 * with amino signing (SigningStargateClient's legacy path) and read back through v1beta1 queries.
 */
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import {
  AminoTypes,
  GasPrice,
  QueryClient,
  SigningStargateClient,
  createDefaultAminoConverters,
  defaultRegistryTypes,
  setupGovExtension,
  setupSlashingExtension,
  type GovExtension,
} from "@cosmjs/stargate";
import { Registry } from "@cosmjs/proto-signing";
import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { MsgCancelProposal, MsgSubmitProposal as MsgSubmitProposalV1, MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { MsgDeposit as MsgDepositV1Beta1, MsgSubmitProposal as MsgSubmitProposalV1Beta1, MsgVote as MsgVoteV1Beta1 } from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { MsgUpdateParams as SlashingMsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import type { Params as SlashingParams } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import type { JsonValue } from "../app/module";
import { toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../app/address";
import { plumed } from "../cmd/plumed/client/testing/run-cli";
import { noInflation } from "./helpers/distribution";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, aminoWallet, DENOM, directWallet, PREFIX, signingClient } from "./helpers/clients";
import { waitFor, waitForHeight } from "./helpers/rpc";

const FEE = { amount: [{ denom: DENOM, amount: "20000" }], gas: "800000" };
const GOV = toBech32(PREFIX, moduleAddress("gov"));
const DEPOSIT = [{ denom: DENOM, amount: "1000000" }];

function govGenesis(appState: Record<string, JsonValue>): void {
  // Supply checks below count burned deposits: x/mint must not add to the supply meanwhile.
  noInflation(appState);
  const gov = appState["gov"] as Record<string, JsonValue>;
  const params = gov["params"] as Record<string, JsonValue>;
  appState["gov"] = {
    ...gov,
    params: {
      ...params,
      min_deposit: DEPOSIT,
      expedited_min_deposit: [{ denom: DENOM, amount: "5000000" }],
      max_deposit_period: "60s",
      voting_period: "6s",
      expedited_voting_period: "3s",
    },
  };
}

describe("a proposal changes slashing params when stakers vote yes", () => {
  let net: Testnet;
  let comet: Comet38Client;
  let q: QueryClient & GovExtension & ReturnType<typeof setupSlashingExtension>;
  let alice: SigningStargateClient;
  let validator: SigningStargateClient;
  let aliceAddr: string;
  let validatorAddr: string;
  let v0: string;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: ["alice", "bob"], mnemonics: testMnemonics(["validator0", "alice", "bob"]), editGenesis: govGenesis });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    const aw = await directWallet("alice");
    aliceAddr = await addressOf(aw);
    alice = await signingClient(net.rpcPort(0), aw);
    const vw = await directWallet("validator0");
    validatorAddr = await addressOf(vw);
    validator = await signingClient(net.rpcPort(0), vw);
    comet = await Comet38Client.connect(`http://127.0.0.1:${net.rpcPort(0)}`);
    q = QueryClient.withExtensions(comet, setupGovExtension, setupSlashingExtension);
    v0 = net.layout.nodes[0]?.operator as string;
  });

  afterAll(async () => {
    alice?.disconnect();
    validator?.disconnect();
    comet?.disconnect();
    await net.stop();
  });

  const slashingUpdate = (params: SlashingParams): { typeUrl: string; value: Uint8Array } => ({
    typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams",
    value: SlashingMsgUpdateParams.encode({ authority: GOV, params }).finish(),
  });

  async function submitV1(title: string, params: SlashingParams, deposit = DEPOSIT): Promise<bigint> {
    const res = await alice.signAndBroadcast(
      aliceAddr,
      [
        {
          typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
          value: MsgSubmitProposalV1.fromPartial({ messages: [slashingUpdate(params)], initialDeposit: deposit, proposer: aliceAddr, title, summary: `${title}.` }),
        },
      ],
      FEE,
    );
    expect(res.code).toBe(0);
    const id = MsgSubmitProposalResponse.decode(res.msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    const started = deposit === DEPOSIT ? [`voting_period_start=${id}`, "msg_index=0"] : [];
    expect(res.events.filter((e) => e.type === "submit_proposal").flatMap((e) => e.attributes.map((a) => `${a.key}=${a.value}`))).toEqual([
      `proposal_id=${id}`,
      `proposal_proposer=${aliceAddr}`,
      "proposal_messages=,/cosmos.slashing.v1beta1.MsgUpdateParams",
      "msg_index=0",
      ...started,
    ]);
    return id;
  }

  async function vote(client: SigningStargateClient, voter: string, id: bigint, option: VoteOption): Promise<void> {
    const res = await client.signAndBroadcast(voter, [{ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: MsgVoteV1Beta1.fromPartial({ proposalId: id, voter, option }) }], FEE);
    expect(res.code).toBe(0);
  }

  async function finalStatus(id: bigint): Promise<ProposalStatus> {
    return waitFor(`proposal ${id} to leave its voting period`, async () => {
      const p = (await q.gov.proposal(id.toString())).proposal;
      return p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD ? undefined : p.status;
    });
  }

  it("passes with the validator's YES over a delegator's NO, and the new window is live", async () => {
    const delegated = await alice.delegateTokens(aliceAddr, v0, { denom: DENOM, amount: "50000000" }, FEE);
    expect(delegated.code).toBe(0);
    const before = (await q.slashing.params()).params;
    const id = await submitV1("Longer window", { ...before, signedBlocksWindow: 200n }, [{ denom: DENOM, amount: "400000" }]);
    expect((await q.gov.proposal(id.toString())).proposal.status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    // The validator completes the deposit (v1beta1 MsgDeposit, as cosmjs sends it): voting starts.
    const deposited = await validator.signAndBroadcast(
      validatorAddr,
      [{ typeUrl: "/cosmos.gov.v1beta1.MsgDeposit", value: MsgDepositV1Beta1.fromPartial({ proposalId: id, depositor: validatorAddr, amount: [{ denom: DENOM, amount: "600000" }] }) }],
      FEE,
    );
    expect(deposited.code).toBe(0);
    expect(deposited.events.find((e) => e.type === "proposal_deposit" && e.attributes.some((a) => a.key === "voting_period_start"))).toBeDefined();
    expect((await q.gov.proposal(id.toString())).proposal.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);

    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_YES);
    await vote(alice, aliceAddr, id, VoteOption.VOTE_OPTION_NO);

    // Our own computation: the validator's 150 bonded minus alice's 50 follow its YES; alice's 50 say NO.
    const tally = (await q.gov.tally(id.toString())).tally;
    expect(tally).toEqual({ yes: "100000000", abstain: "0", no: "50000000", noWithVeto: "0" });
    const votes = (await q.gov.votes(id.toString())).votes.map((v: { voter: string; options: { option: number; weight: string }[] }) => [v.voter, v.options.map((o) => [o.option, o.weight])]);
    expect(votes.sort()).toEqual(
      [
        [validatorAddr, [[VoteOption.VOTE_OPTION_YES, "1000000000000000000"]]],
        [aliceAddr, [[VoteOption.VOTE_OPTION_NO, "1000000000000000000"]]],
      ].sort(),
    );
    expect((await q.gov.deposits(id.toString())).deposits.map((d: { depositor: string; amount: unknown }) => [d.depositor, d.amount]).sort()).toEqual(
      [
        [aliceAddr, [{ denom: DENOM, amount: "400000" }]],
        [validatorAddr, [{ denom: DENOM, amount: "600000" }]],
      ].sort(),
    );

    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    const p = (await q.gov.proposal(id.toString())).proposal;
    expect(p.finalTallyResult).toEqual(tally);
    expect((await q.slashing.params()).params.signedBlocksWindow).toBe(200n);
    const api = net.layout.nodes[0]?.ports.api as number;
    const rest = (await (await fetch(`http://127.0.0.1:${api}/cosmos/slashing/v1beta1/params`)).json()) as { params: { signed_blocks_window: string } };
    expect(rest.params.signed_blocks_window).toBe("200");
    const restProposal = (await (await fetch(`http://127.0.0.1:${api}/cosmos/gov/v1/proposals/${id}`)).json()) as { proposal: { status: string; final_tally_result: JsonValue } };
    expect(restProposal.proposal.status).toBe("PROPOSAL_STATUS_PASSED");
    expect(restProposal.proposal.final_tally_result).toEqual({ yes_count: "100000000", abstain_count: "0", no_count: "50000000", no_with_veto_count: "0" });
    // The CLI reads the same.
    const node = ["--node", `http://127.0.0.1:${net.rpcPort(0)}`, "-o", "json"];
    const cli = await plumed(["query", "gov", "proposal", id.toString(), ...node]);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { proposal: { status: string } }).proposal.status).toBe("PROPOSAL_STATUS_PASSED");
    const tallyCli = await plumed(["query", "gov", "tally", id.toString(), ...node]);
    expect(JSON.parse(tallyCli.stdout)).toEqual({ tally: { yes_count: "100000000", abstain_count: "0", no_count: "50000000", no_with_veto_count: "0" } });
    const passed = await plumed(["query", "gov", "proposals", "--status", "passed", ...node]);
    expect((JSON.parse(passed.stdout) as { proposals: { id: string }[] }).proposals.map((p) => p.id)).toEqual([id.toString()]);
  });

  it("ends FAILED when its message fails, with the params unchanged", async () => {
    const before = (await q.slashing.params()).params;
    const id = await submitV1("Broken window", { ...before, signedBlocksWindow: 0n });
    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_YES);
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_FAILED);
    expect((await q.slashing.params()).params).toEqual(before);
    const api = net.layout.nodes[0]?.ports.api as number;
    const rest = (await (await fetch(`http://127.0.0.1:${api}/cosmos/gov/v1/proposals/${id}`)).json()) as { proposal: { failed_reason: string } };
    expect(rest.proposal.failed_reason).toContain("signed blocks window must be positive");
  });

  it("burns the deposits of a vetoed proposal", async () => {
    const before = (await q.slashing.params()).params;
    const supplyUrl = `http://127.0.0.1:${net.layout.nodes[0]?.ports.api as number}/cosmos/bank/v1beta1/supply/by_denom?denom=${DENOM}`;
    const supplyNow = async (): Promise<bigint> => BigInt(((await (await fetch(supplyUrl)).json()) as { amount: { amount: string } }).amount.amount);
    const supply = await supplyNow();
    const id = await submitV1("Vetoed", { ...before, signedBlocksWindow: 300n });
    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_NO_WITH_VETO);
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect((await q.slashing.params()).params).toEqual(before);
    // The 1 PLUME deposit left the supply (fees stay in it: there is no mint).
    expect(await supplyNow()).toBe(supply - 1_000_000n);
    expect((await q.gov.deposits(id.toString())).deposits).toEqual([]);
  });

  it("turns an expedited proposal that misses its threshold into a regular one, which passes later", async () => {
    const before = (await q.slashing.params()).params;
    const res = await alice.signAndBroadcast(
      aliceAddr,
      [
        {
          typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
          value: MsgSubmitProposalV1.fromPartial({
            messages: [slashingUpdate({ ...before, signedBlocksWindow: 400n })],
            initialDeposit: [{ denom: DENOM, amount: "5000000" }],
            proposer: aliceAddr,
            title: "Fast",
            summary: "Fast.",
            expedited: true,
          }),
        },
      ],
      FEE,
    );
    expect(res.code).toBe(0);
    const id = MsgSubmitProposalResponse.decode(res.msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_NO);
    const first = (await q.gov.proposal(id.toString())).proposal.votingEndTime;
    // At the expedited end (3 s) it becomes regular: still voting, until voting start + 6 s.
    const converted = await waitFor("the expedited period to end", async () => {
      const p = (await q.gov.proposal(id.toString())).proposal;
      return p.votingEndTime.seconds > first.seconds ? p : undefined;
    });
    expect(converted.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(converted.votingEndTime.seconds - converted.votingStartTime.seconds).toBe(6n);
    // Its earlier votes no longer count (the SDK's tally deleted them): the validator votes again.
    expect((await q.gov.votes(id.toString())).votes).toEqual([]);
    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_YES);
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect((await q.slashing.params()).params.signedBlocksWindow).toBe(400n);
  });

  it("spends from the gov account with a bank send when the proposal passes", async () => {
    // Anyone may fund the gov account (it is the one module account MsgSend may pay).
    const funded = await alice.sendTokens(aliceAddr, GOV, [{ denom: DENOM, amount: "3000000" }], FEE);
    expect(funded.code).toBe(0);
    const bob = await addressOf(await directWallet("bob"));
    const bobBefore = BigInt((await alice.getBalance(bob, DENOM)).amount);
    const spend = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: GOV, toAddress: bob, amount: [{ denom: DENOM, amount: "2500000" }] }).finish() };
    const res = await alice.signAndBroadcast(
      aliceAddr,
      [{ typeUrl: "/cosmos.gov.v1.MsgSubmitProposal", value: MsgSubmitProposalV1.fromPartial({ messages: [spend], initialDeposit: DEPOSIT, proposer: aliceAddr, title: "Pay bob", summary: "Grant." }) }],
      FEE,
    );
    expect(res.code).toBe(0);
    const id = MsgSubmitProposalResponse.decode(res.msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    await vote(validator, validatorAddr, id, VoteOption.VOTE_OPTION_YES);
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(BigInt((await alice.getBalance(bob, DENOM)).amount)).toBe(bobBefore + 2_500_000n);
  });

  it("takes a v1beta1 TextProposal and its vote signed in amino mode, and answers cosmjs' v1beta1 queries", async () => {
    const wallet = await aminoWallet("bob");
    const bob = await addressOf(wallet);
    const client = await SigningStargateClient.connectWithSigner(`http://127.0.0.1:${net.rpcPort(0)}`, wallet, {
      registry: new Registry(defaultRegistryTypes),
      aminoTypes: new AminoTypes(createDefaultAminoConverters()),
      gasPrice: GasPrice.fromString(`0.025${DENOM}`),
      broadcastPollIntervalMs: 250,
      broadcastTimeoutMs: 30_000,
    });
    const content = { typeUrl: "/cosmos.gov.v1beta1.TextProposal", value: TextProposal.encode({ title: "Signal", description: "Plume says hello." }).finish() };
    const res = await client.signAndBroadcast(bob, [{ typeUrl: "/cosmos.gov.v1beta1.MsgSubmitProposal", value: MsgSubmitProposalV1Beta1.fromPartial({ content, initialDeposit: DEPOSIT, proposer: bob }) }], FEE);
    expect(res.code).toBe(0);
    const id = BigInt(res.events.find((e) => e.type === "submit_proposal")?.attributes.find((a) => a.key === "proposal_id")?.value ?? "0");
    const voted = await client.signAndBroadcast(bob, [{ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: MsgVoteV1Beta1.fromPartial({ proposalId: id, voter: bob, option: VoteOption.VOTE_OPTION_ABSTAIN }) }], FEE);
    expect(voted.code).toBe(0);
    expect((await q.gov.vote(id.toString(), bob)).vote.options).toEqual([{ option: VoteOption.VOTE_OPTION_ABSTAIN, weight: "1000000000000000000" }]);
    const proposal = (await q.gov.proposal(id.toString())).proposal;
    expect(proposal.content).toEqual(content);
    expect(proposal.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    const listed = await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD, "", "");
    expect(listed.proposals.map((p: { proposalId: bigint }) => p.proposalId)).toContain(id);
    const params = await q.gov.params("voting");
    expect(params.votingParams.votingPeriod).toEqual({ seconds: 6n, nanos: 0 });
    // The validator did not vote: bob's abstain alone is far below quorum, so it is rejected.
    expect(await finalStatus(id)).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    client.disconnect();
  });

  it("refuses bad inputs with the SDK's codes, charging only the fee and the sequence", async () => {
    const before = (await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED, "", "")).proposals.length;
    const balance = BigInt((await alice.getBalance(aliceAddr, DENOM)).amount);
    const sequence = (await alice.getSequence(aliceAddr)).sequence;
    const expectCode = async (msgs: { typeUrl: string; value: unknown }[], codespace: string, code: number): Promise<void> => {
      const res = await alice.signAndBroadcast(aliceAddr, msgs, FEE);
      expect({ codespace: res.code === 0 ? "" : (await comet.tx({ hash: Buffer.from(res.transactionHash, "hex") })).result.codespace, code: res.code }).toEqual({ codespace, code });
    };
    const submit = (messages: { typeUrl: string; value: Uint8Array }[], deposit = DEPOSIT) => ({
      typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
      value: MsgSubmitProposalV1.fromPartial({ messages, initialDeposit: deposit, proposer: aliceAddr, title: "t", summary: "s" }),
    });
    const params = (await q.slashing.params()).params;
    await expectCode([submit([])], "gov", 11);
    await expectCode([submit([{ typeUrl: "/cosmos.slashing.v1beta1.MsgUpdateParams", value: SlashingMsgUpdateParams.encode({ authority: aliceAddr, params }).finish() }])], "gov", 13);
    // A type URL the chain does not know fails to decode (sdk/2, refused by CheckTx) as on a Go node;
    // a known type that is no routable message (a TextProposal content) is gov/10.
    await expect(alice.signAndBroadcast(aliceAddr, [submit([{ typeUrl: "/cosmos.nothing.v1.MsgNothing", value: new Uint8Array() }])], FEE)).rejects.toThrow(
      /code 2 \(codespace: sdk\).*unable to resolve type URL \/cosmos.nothing.v1.MsgNothing/,
    );
    const text = { typeUrl: "/cosmos.gov.v1beta1.TextProposal", value: TextProposal.encode({ title: "t", description: "d" }).finish() };
    await expectCode([submit([text])], "gov", 10);
    await expectCode([submit([slashingUpdate(params)], [{ denom: "uother", amount: "5" }])], "gov", 23);
    // A bank send from the gov account is a message a proposal may carry (signer: the gov account).
    const spend = { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: GOV, toAddress: aliceAddr, amount: [{ denom: DENOM, amount: "1" }] }).finish() };
    const pending = await alice.signAndBroadcast(aliceAddr, [submit([spend], [{ denom: DENOM, amount: "100000" }])], FEE);
    expect(pending.code).toBe(0);
    const id = MsgSubmitProposalResponse.decode(pending.msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    await expectCode([{ typeUrl: "/cosmos.gov.v1beta1.MsgVote", value: MsgVoteV1Beta1.fromPartial({ proposalId: id, voter: aliceAddr, option: VoteOption.VOTE_OPTION_YES }) }], "gov", 3);
    const cancel = { typeUrl: "/cosmos.gov.v1.MsgCancelProposal", value: MsgCancelProposal.fromPartial({ proposalId: id, proposer: validatorAddr }) };
    validator.registry.register("/cosmos.gov.v1.MsgCancelProposal", MsgCancelProposal);
    const refused = await validator.signAndBroadcast(validatorAddr, [cancel], FEE);
    expect(refused.code).toBe(18);
    expect((await q.gov.proposals(ProposalStatus.PROPOSAL_STATUS_UNSPECIFIED, "", "")).proposals.length).toBe(before + 1);
    // Six txs reached a block (five refused, one a proposal with its 100000 deposit); the one
    // refused by CheckTx cost nothing.
    expect(BigInt((await alice.getBalance(aliceAddr, DENOM)).amount)).toBe(balance - 6n * 20_000n - 100_000n);
    expect((await alice.getSequence(aliceAddr)).sequence).toBe(sequence + 6);
  });
});
