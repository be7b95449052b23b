/**
 * Issue 10, item 3 (governance), on the assembled app in-process with the real x/mint,
 * x/distribution, x/restaking and x/gov: alice has auto-compound on with validator a (her stake is
 * in a's pool, compounding) and a plain delegation to a on top; a's operator votes YES, alice votes
 * NO. Her whole stake, the pooled part at the pool's current rate and her own delegation, counts as
 * NO, and only the rest of a's stake (its self-delegation, bob's, who did not vote) follows a's
 * YES: live (the TallyResult query) and in the final tally of the block that ends the proposal,
 * with compoundings in between. Expected figures are the SDK's formula from the state: power =
 * shares × tokens / delegator shares, truncated. Every module's invariants hold after every block.
 */
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { QueryTallyResultRequest, QueryTallyResultResponse } from "cosmjs-types/cosmos/gov/v1/query";
import { MsgSubmitProposal, MsgSubmitProposalResponse, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";
import { QueryDelegationRequest, QueryDelegationResponse } from "cosmjs-types/cosmos/staking/v1beta1/query";
import { MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { Dec, Int } from "../app/math";
import type { JsonValue } from "../app/module";
import { MsgSetAutoCompound } from "../proto/plume/restaking/v1/tx";
import { queryChain, startInProcessChain, txsOk, type ChainUser, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const STAKE = 5_000_000n;
const EXTRA = 700_000n;

describe("a restaking member voting NO against its validator's YES counts its whole stake (issue 10)", () => {
  let chain: InProcessChain;
  let a: ChainValidator;
  let alice: ChainUser;
  let bob: ChainUser;

  const ok = txsOk;
  const query = queryChain;
  const delegate = (u: ChainUser, amount: bigint): { typeUrl: string; value: Uint8Array } => ({
    typeUrl: "/cosmos.staking.v1beta1.MsgDelegate",
    value: MsgDelegate.encode({ delegatorAddress: u.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: amount.toString() } }).finish(),
  });
  /** The standard staking query a wallet asks (cosmjs delegation()): own and pooled stake. */
  const delegationOf = (u: ChainUser): bigint => {
    const r = query(chain, "/cosmos.staking.v1beta1.Query/Delegation", QueryDelegationRequest.encode({ delegatorAddr: u.op.account, validatorAddr: a.op.valoper }).finish(), (b) =>
      QueryDelegationResponse.decode(b),
    );
    return BigInt(r.delegationResponse?.balance?.amount ?? "0");
  };

  /** The SDK's tally of a's stake from the state: alice's own and pooled shares NO, the rest YES. */
  const expected = (): { yes: string; no: string; ownOnlyNo: string } => {
    const ctx = chain.ctx();
    const k = chain.app.keepers;
    const v = k.staking.getValidator(ctx, a.op.address);
    if (v === undefined) throw new Error("no validator a");
    const tokens = Int.fromProto(v.tokens);
    const shares = Dec.fromProto(v.delegatorShares);
    const own = Dec.fromProto(k.staking.getDelegation(ctx, alice.op.address, a.op.address)?.shares ?? "0");
    // alice is the pool's only member: all of its shares are hers.
    expect(k.restaking.member(k.restaking.store(ctx), alice.op.address, a.op.address)?.units).toBe(k.restaking.pool(k.restaking.store(ctx), a.op.address)?.totalUnits);
    const pooled = k.restaking.poolShares(ctx, a.op.address);
    const power = (s: Dec): string => s.mulInt(tokens).quo(shares).truncateInt().toString();
    return { yes: power(shares.sub(own).sub(pooled)), no: power(own.add(pooled)), ownOnlyNo: power(own) };
  };

  beforeAll(async () => {
    chain = await startInProcessChain({
      validators: [
        { name: "a", power: 10n },
        { name: "b", power: 10n },
      ],
      users: ["alice", "bob"],
      inflation: true,
      editGenesis: (state: Record<string, JsonValue>) => {
        state["restaking"] = { params: { compound_interval: "5" }, pools: [], members: [], last_compound_height: "0" };
        const gov = state["gov"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
        state["gov"] = { ...gov, params: { ...gov.params, min_deposit: [{ denom: DENOM, amount: "1000000" }], voting_period: "60s", expedited_voting_period: "30s" } };
      },
    });
    [a] = chain.validators as [ChainValidator];
    [alice, bob] = chain.users as [ChainUser, ChainUser];
  });

  afterAll(async () => {
    await chain?.close();
  });

  it("counts alice's own and compounded pooled stake as NO, live and in the final tally", async () => {
    chain.block();
    ok(chain.block({ txs: [await chain.signTx(alice, [delegate(alice, STAKE)], 400_000), await chain.signTx(bob, [delegate(bob, STAKE)], 400_000)] }));
    const setAutoCompound = {
      typeUrl: "/plume.restaking.v1.MsgSetAutoCompound",
      value: MsgSetAutoCompound.encode({ delegatorAddress: alice.op.account, validatorAddress: a.op.valoper, enabled: true }).finish(),
    };
    ok(chain.block({ txs: [await chain.signTx(alice, [setAutoCompound], 600_000)] }));
    // A compounding (height 5) makes the pool's shares differ from its units.
    while (chain.height < 6n) chain.block();
    expect(delegationOf(alice)).toBeGreaterThan(STAKE);
    // A plain delegation on top stays alice's own.
    ok(chain.block({ txs: [await chain.signTx(alice, [delegate(alice, EXTRA)], 400_000)] }));
    expect(chain.app.keepers.staking.getDelegation(chain.ctx(), alice.op.address, a.op.address)).toBeDefined();

    const submit = {
      typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
      value: MsgSubmitProposal.encode(
        MsgSubmitProposal.fromPartial({ messages: [], metadata: "ipfs://text", initialDeposit: [{ denom: DENOM, amount: "1000000" }], proposer: bob.op.account, title: "text", summary: "a text proposal" }),
      ).finish(),
    };
    const res = ok(chain.block({ txs: [await chain.signTx(bob, [submit], 600_000)] }));
    const id = MsgSubmitProposalResponse.decode(TxMsgData.decode(res.txResults[0]?.data ?? new Uint8Array()).msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    const vote = (voter: string, option: VoteOption): { typeUrl: string; value: Uint8Array } => ({ typeUrl: "/cosmos.gov.v1.MsgVote", value: MsgVote.encode({ proposalId: id, voter, option, metadata: "" }).finish() });
    ok(chain.block({ txs: [await chain.signTx(a, [vote(a.op.account, VoteOption.VOTE_OPTION_YES)], 400_000), await chain.signTx(alice, [vote(alice.op.account, VoteOption.VOTE_OPTION_NO)], 400_000)] }));

    // Live: the TallyResult query.
    const live = query(chain, "/cosmos.gov.v1.Query/TallyResult", QueryTallyResultRequest.encode({ proposalId: id }).finish(), (b) => QueryTallyResultResponse.decode(b)).tally;
    const now = expected();
    expect(live).toEqual({ yesCount: now.yes, abstainCount: "0", noCount: now.no, noWithVetoCount: "0" });
    // Her whole stake as a wallet shows it (one uplume of rounding at most), not only her own delegation.
    expect(BigInt(now.no)).toBeGreaterThanOrEqual(delegationOf(alice) - 1n);
    expect(BigInt(now.no)).toBeLessThanOrEqual(delegationOf(alice) + 1n);
    expect(BigInt(now.no)).toBeGreaterThan(BigInt(now.ownOnlyNo) + STAKE);

    // The block that ends the voting period tallies after that block's compounding (no txs since).
    const start = chain.height;
    let compoundings = 0;
    for (;;) {
      const events = chain.block().events;
      compoundings += events.filter((e) => e.type === "restaking_compound").length;
      const p = chain.app.keepers.gov.getProposal(chain.ctx(), id);
      if (p?.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) break;
      expect(chain.height - start).toBeLessThan(20n);
    }
    expect(compoundings).toBeGreaterThan(0);
    const end = expected();
    expect(BigInt(end.no)).toBeGreaterThan(BigInt(now.no));
    const p = chain.app.keepers.gov.getProposal(chain.ctx(), id);
    expect(p?.finalTallyResult).toEqual({ yesCount: end.yes, abstainCount: "0", noCount: end.no, noWithVetoCount: "0" });
    expect(p?.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
  });
});
