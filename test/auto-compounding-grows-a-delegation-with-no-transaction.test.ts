/**
 * Issue 10 on the assembled app, in-process, with the real x/mint and x/distribution (F1):
 * alice turns auto-compound on, bob with the same stake on the same validator does not; neither
 * sends another tx for it. At every compounding height (compound_interval 5) the pool's F1
 * rewards are withdrawn once and delegated once. What a wallet sees is read with the standard
 * staking query (cosmjs `delegation()` asks the same): alice's balance grows by exactly what was
 * compounded, bob's pending rewards for the first interval equal that amount (same stake, same
 * rewards), the validator's tokens grow with it. alice undelegates part with a plain MsgUndelegate
 * and receives exactly that after the unbonding time; a double-sign slash cuts alice's and bob's
 * stake by the same fraction; opting out leaves alice an ordinary delegation of the same worth.
 * Every module's invariants (restaking's included) hold after every block.
 */
import { QueryDelegationRewardsRequest, QueryDelegationRewardsResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { MsgWithdrawDelegatorReward } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { QueryDelegationRequest, QueryDelegationResponse } from "cosmjs-types/cosmos/staking/v1beta1/query";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { MsgSubmitProposal, MsgSubmitProposalResponse, MsgVote } from "cosmjs-types/cosmos/gov/v1/tx";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgDelegate, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { RequestQuery, type ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import type { JsonValue } from "../app/module";
import { MsgSetAutoCompound } from "../proto/plume/restaking/v1/tx";
import { startInProcessChain, type ChainUser, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const E18 = 10n ** 18n;
const STAKE = 5_000_000n;

function query<Res>(chain: InProcessChain, path: string, data: Uint8Array, decode: (b: Uint8Array) => Res): Res {
  const res = chain.app.baseApp.query(RequestQuery.fromPartial({ path, data }));
  if (res instanceof Promise) throw new Error("expected a synchronous answer");
  if (res.code !== 0) throw new Error(`${path}: ${res.log}`);
  return decode(res.value);
}

describe("auto-compounding grows a delegation with no transaction (issue 10)", () => {
  let chain: InProcessChain;
  let a: ChainValidator;
  let alice: ChainUser;
  let bob: ChainUser;

  const pendingOf = (user: ChainUser): bigint => {
    const r = query(chain, "/cosmos.distribution.v1beta1.Query/DelegationRewards", QueryDelegationRewardsRequest.encode({ delegatorAddress: user.op.account, validatorAddress: a.op.valoper }).finish(), (b) =>
      QueryDelegationRewardsResponse.decode(b),
    );
    return BigInt(r.rewards.find((c) => c.denom === DENOM)?.amount ?? "0");
  };
  /** The standard staking query a wallet asks (cosmjs delegation()). */
  const delegationOf = (user: ChainUser): bigint => {
    const r = query(chain, "/cosmos.staking.v1beta1.Query/Delegation", QueryDelegationRequest.encode({ delegatorAddr: user.op.account, validatorAddr: a.op.valoper }).finish(), (b) =>
      QueryDelegationResponse.decode(b),
    );
    return BigInt(r.delegationResponse?.balance?.amount ?? "0");
  };
  const ownShares = (user: ChainUser): bigint => BigInt(chain.app.keepers.staking.getDelegation(chain.ctx(), user.op.address, a.op.address)?.shares ?? "0");
  const tokens = (): bigint => BigInt(chain.app.keepers.staking.getValidator(chain.ctx(), a.op.address)?.tokens ?? "0");
  const balance = (user: ChainUser): bigint => chain.app.keepers.bank.getBalance(chain.ctx(), user.op.address, DENOM).amount.toBigInt();
  const compounded = (events: ResponseFinalizeBlock["events"]): bigint =>
    events
      .filter((e) => e.type === "restaking_compound")
      .map((e) => BigInt((e.attributes.find((x) => x.key === "compounded")?.value ?? "").replace(DENOM, "") || "0"))
      .reduce((x, y) => x + y, 0n);
  const ok = (res: ResponseFinalizeBlock): ResponseFinalizeBlock => {
    for (const [i, r] of res.txResults.entries()) if (r.code !== 0) throw new Error(`tx ${i} failed: ${r.log}`);
    return res;
  };
  const setAutoCompound = (enabled: boolean): { typeUrl: string; value: Uint8Array } => ({
    typeUrl: "/plume.restaking.v1.MsgSetAutoCompound",
    value: MsgSetAutoCompound.encode({ delegatorAddress: alice.op.account, validatorAddress: a.op.valoper, enabled }).finish(),
  });

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
        const staking = state["staking"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
        state["staking"] = { ...staking, params: { ...staking.params, unbonding_time: "20s" } };
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

  it("compounds the opted-in delegation at every interval, by exactly what the other earns as pending rewards", async () => {
    chain.block();
    const delegate = (u: ChainUser): { typeUrl: string; value: Uint8Array } => ({
      typeUrl: "/cosmos.staking.v1beta1.MsgDelegate",
      value: MsgDelegate.encode({ delegatorAddress: u.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: STAKE.toString() } }).finish(),
    });
    ok(chain.block({ txs: [await chain.signTx(alice, [delegate(alice)], 400_000), await chain.signTx(bob, [delegate(bob)], 400_000)] }));
    // In one block: alice opts in (her own pending rewards are paid out as her shares move), bob
    // withdraws, so both stakes earn from the same F1 period on.
    const withdraw = {
      typeUrl: "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward",
      value: MsgWithdrawDelegatorReward.encode({ delegatorAddress: bob.op.account, validatorAddress: a.op.valoper }).finish(),
    };
    ok(chain.block({ txs: [await chain.signTx(alice, [setAutoCompound(true)], 600_000), await chain.signTx(bob, [withdraw], 400_000)] }));
    expect(ownShares(alice)).toBe(0n);
    expect(delegationOf(alice)).toBe(STAKE);
    const tokensBefore = tokens();

    // No tx from here on. Height 5 compounds.
    let gained = 0n;
    while (chain.height < 5n) gained += compounded(chain.block().events);
    expect(gained).toBeGreaterThan(0n);
    expect(delegationOf(alice)).toBe(STAKE + gained);
    expect(pendingOf(bob) / E18).toBe(gained);
    expect(delegationOf(bob)).toBe(STAKE);
    expect(tokens()).toBe(tokensBefore + gained);

    // And it keeps growing, interval after interval.
    let more = 0n;
    while (chain.height < 10n) more += compounded(chain.block().events);
    expect(more).toBeGreaterThan(gained);
    expect(delegationOf(alice)).toBe(STAKE + gained + more);
    expect(tokens()).toBe(tokensBefore + gained + more);
  });

  it("a plain MsgUndelegate takes part of the compounding stake; exactly that amount arrives after the unbonding time", async () => {
    const before = balance(alice);
    const stake = delegationOf(alice);
    const amount = 1_234_567n;
    const undelegate = {
      typeUrl: "/cosmos.staking.v1beta1.MsgUndelegate",
      value: MsgUndelegate.encode({ delegatorAddress: alice.op.account, validatorAddress: a.op.valoper, amount: { denom: DENOM, amount: amount.toString() } }).finish(),
    };
    const res = ok(chain.block({ txs: [await chain.signTx(alice, [undelegate], 600_000)] }));
    const extra = compounded(res.txResults[0]?.events ?? []);
    // What is left (at most one uplume of rounding less) keeps compounding.
    expect(delegationOf(alice)).toBeGreaterThanOrEqual(stake + extra - amount - 1n);
    expect(delegationOf(alice)).toBeLessThanOrEqual(stake + extra - amount);
    for (let i = 0; i < 6; i++) chain.block();
    expect(balance(alice) - before).toBe(amount);
  });

  it("a double-sign slash cuts the opted-in and the plain delegation by the same fraction", () => {
    const [aliceBefore, bobBefore, tokensBefore] = [delegationOf(alice), delegationOf(bob), tokens()];
    chain.block({ misbehavior: [{ validator: a, height: chain.height }] });
    const after = tokens();
    expect(after).toBeLessThan(tokensBefore);
    // Each is the same fraction after / before of what it was, truncated.
    for (const [now, was] of [
      [delegationOf(alice), aliceBefore],
      [delegationOf(bob), bobBefore],
    ] as const) {
      expect(now).toBeGreaterThanOrEqual((was * after) / tokensBefore - 1n);
      expect(now).toBeLessThanOrEqual((was * after) / tokensBefore + 1n);
    }
  });

  it("opting out gives alice an ordinary delegation worth what her units were", async () => {
    const before = delegationOf(alice);
    const res = ok(chain.block({ txs: [await chain.signTx(alice, [setAutoCompound(false)], 600_000)] }));
    const extra = compounded(res.txResults[0]?.events ?? []);
    expect(delegationOf(alice)).toBe(before + extra);
    expect(ownShares(alice)).toBeGreaterThan(0n);
    expect(chain.app.keepers.staking.getDelegatorDelegations(chain.ctx(), chain.app.keepers.restaking.poolAddress)).toEqual([]);
  });

  it("keeps governance's running tally consistent when a voter's delegation moves into and out of a pool", async () => {
    const submit = {
      typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
      value: MsgSubmitProposal.encode(
        MsgSubmitProposal.fromPartial({ messages: [], metadata: "ipfs://text", initialDeposit: [{ denom: DENOM, amount: "1000000" }], proposer: alice.op.account, title: "text", summary: "a text proposal" }),
      ).finish(),
    };
    const res = ok(chain.block({ txs: [await chain.signTx(alice, [submit], 600_000)] }));
    const id = MsgSubmitProposalResponse.decode(TxMsgData.decode(res.txResults[0]?.data ?? new Uint8Array()).msgResponses[0]?.value ?? new Uint8Array()).proposalId;
    expect(id).toBeGreaterThan(0n);
    const vote = { typeUrl: "/cosmos.gov.v1.MsgVote", value: MsgVote.encode({ proposalId: id, voter: alice.op.account, option: VoteOption.VOTE_OPTION_YES, metadata: "" }).finish() };
    ok(chain.block({ txs: [await chain.signTx(alice, [vote], 600_000)] }));
    // Every block checks every module's invariants, gov's running tally among them.
    ok(chain.block({ txs: [await chain.signTx(alice, [setAutoCompound(true)], 600_000)] }));
    for (let i = 0; i < 3; i++) chain.block();
    ok(chain.block({ txs: [await chain.signTx(alice, [setAutoCompound(false)], 600_000)] }));
    chain.block();
    expect(ownShares(alice)).toBeGreaterThan(0n);
  });
});
