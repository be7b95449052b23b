/**
 * Issue 10 against a real plumed + CometBFT devnet (one validator, the devnet's compound_interval
 * of 10 blocks) with @cosmjs/stargate: alice turns auto-compound on with one message, bob with the
 * same stake does not, and neither sends anything else. After the next compounding height, plain
 * cosmjs `delegation()` shows alice's stake grown by exactly what the block's `restaking_compound`
 * event delegated, and bob's pending rewards grew by the same amount over the same blocks (same
 * stake, same rewards). alice then undelegates part of her compounding stake with plain
 * `undelegateTokens` and receives exactly that after the unbonding time. Between compoundings,
 * plain cosmjs `distribution.delegationRewards()` shows alice what is pending for her: her units'
 * share of the pool's pending rewards. Bad inputs get
 * restaking's codes and change nothing.
 */
import { Registry } from "@cosmjs/proto-signing";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { toBech32 } from "@cosmjs/encoding";
import {
  defaultRegistryTypes,
  GasPrice,
  QueryClient,
  setupDistributionExtension,
  setupStakingExtension,
  SigningStargateClient,
  type DeliverTxResponse,
  type DistributionExtension,
  type StakingExtension,
} from "@cosmjs/stargate";
import { QueryDelegationRewardsRequest, QueryDelegationRewardsResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { moduleAddress } from "../app/address";
import { MsgRestakeRewards, MsgSetAutoCompound } from "../proto/plume/restaking/v1/tx";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, PREFIX, queryClient } from "./helpers/clients";
import { waitFor, waitForHeight } from "./helpers/rpc";
import { abciQuery, stakingGenesis } from "./helpers/staking";
import { Testnet } from "./helpers/testnet";

const STAKE = 10_000_000n;
const INTERVAL = 10;
const FEE = { amount: [{ denom: DENOM, amount: "20000" }], gas: "800000" };

const registry = new Registry([
  ...defaultRegistryTypes,
  ["/plume.restaking.v1.MsgSetAutoCompound", MsgSetAutoCompound],
  ["/plume.restaking.v1.MsgRestakeRewards", MsgRestakeRewards],
]);

async function plumeClient(port: number, name: string): Promise<SigningStargateClient> {
  return SigningStargateClient.connectWithSigner(`http://127.0.0.1:${port}`, await directWallet(name), {
    registry,
    gasPrice: GasPrice.fromString(`0.025${DENOM}`),
    broadcastPollIntervalMs: 250,
    broadcastTimeoutMs: 30_000,
  });
}

describe("auto-compounding with cosmjs (issue 10)", () => {
  let net: Testnet;
  let port: number;
  let comet: Comet38Client;
  let q: QueryClient & StakingExtension & DistributionExtension;
  let alice: string;
  let bob: string;
  let carol: string;
  let v0: string;
  const clients: SigningStargateClient[] = [];

  const client = async (name: string): Promise<SigningStargateClient> => {
    const c = await plumeClient(port, name);
    clients.push(c);
    return c;
  };
  const delegationOf = async (delegator: string): Promise<bigint> => BigInt((await q.staking.delegation(delegator, v0)).delegationResponse?.balance.amount ?? "0");
  const pendingAt = async (delegator: string, height: number): Promise<bigint> => {
    const r = await abciQuery(port, "/cosmos.distribution.v1beta1.Query/DelegationRewards", { delegatorAddress: delegator, validatorAddress: v0 }, QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, height);
    return BigInt(r.rewards.find((c) => c.denom === DENOM)?.amount ?? "0");
  };
  const compoundedAt = async (height: number): Promise<bigint> => {
    const res = await comet.blockResults(height);
    const e = res.finalizeBlockEvents.find((x) => x.type === "restaking_compound" && x.attributes.some((a) => a.key === "validator" && a.value === v0));
    const value = e?.attributes.find((a) => a.key === "compounded")?.value ?? "";
    return BigInt(value.replace(DENOM, "") || "0");
  };
  const setAutoCompound = (delegator: string, enabled: boolean): { typeUrl: string; value: MsgSetAutoCompound } => ({
    typeUrl: "/plume.restaking.v1.MsgSetAutoCompound",
    value: { delegatorAddress: delegator, validatorAddress: v0, enabled },
  });

  beforeAll(async () => {
    net = await Testnet.create(1, { users: ["alice", "bob", "carol"], mnemonics: testMnemonics(["validator0", "alice", "bob", "carol"]), editGenesis: stakingGenesis({ unbondingTime: "8s" }) });
    net.startAll();
    port = net.rpcPort(0);
    await waitForHeight(port, 2, 120_000);
    comet = await Comet38Client.connect(`http://127.0.0.1:${port}`);
    q = QueryClient.withExtensions(comet, setupStakingExtension, setupDistributionExtension);
    alice = await addressOf(await directWallet("alice"));
    bob = await addressOf(await directWallet("bob"));
    carol = await addressOf(await directWallet("carol"));
    v0 = net.layout.nodes[0]?.operator ?? "";
  });

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    comet?.disconnect();
    await net.stop();
  });

  it("grows alice's plain delegation() by exactly what compounded, bob's pending rewards by the same over the same blocks", async () => {
    const [ca, cb] = [await client("alice"), await client("bob")];
    for (const [c, who] of [
      [ca, alice],
      [cb, bob],
    ] as const) {
      const r = await c.delegateTokens(who, v0, { denom: DENOM, amount: STAKE.toString() }, FEE);
      expect(r.code).toBe(0);
    }
    const joined: DeliverTxResponse = await ca.signAndBroadcast(alice, [setAutoCompound(alice, true)], FEE);
    expect(joined.code).toBe(0);
    const hj = joined.height;
    expect(await delegationOf(alice)).toBe(STAKE);
    // The first compounding height after the join, and the block after it.
    const hc = (Math.floor(hj / INTERVAL) + 1) * INTERVAL;
    await waitForHeight(port, hc + 1, 60_000);
    const r = await compoundedAt(hc);
    expect(r).toBeGreaterThan(0n);
    // No compounding between hc and hc + INTERVAL: the latest state shows what hc did.
    expect(await delegationOf(alice)).toBe(STAKE + r);
    expect(await delegationOf(bob)).toBe(STAKE);
    // bob's rewards over (hj, hc], the blocks the pool earned in: exactly r (F1 truncates the pool's to whole coins).
    const bobGained = (await pendingAt(bob, hc)) - (await pendingAt(bob, hj));
    expect(bobGained / 10n ** 18n).toBe(r);
    // What is pending for alice until the next compounding: nothing right after it, then her
    // units' share of the pool delegation's pending rewards (all of it: she is its only member).
    const pool = toBech32(PREFIX, moduleAddress("restaking"));
    expect(await pendingAt(alice, hc)).toBe(0n);
    await waitForHeight(port, hc + 2, 60_000);
    const alicePending = await pendingAt(alice, hc + 2);
    expect(alicePending).toBeGreaterThan(0n);
    expect(alicePending).toBe(await pendingAt(pool, hc + 2));
    // Plain cosmjs, no plume types: DelegationRewards and DelegationTotalRewards show it.
    const shown = await q.distribution.delegationRewards(alice, v0);
    expect(BigInt(shown.rewards.find((c) => c.denom === DENOM)?.amount ?? "0")).toBeGreaterThan(0n);
    const totals = await q.distribution.delegationTotalRewards(alice);
    expect(totals.rewards.map((x) => x.validatorAddress)).toEqual([v0]);
    expect(BigInt(totals.total.find((c) => c.denom === DENOM)?.amount ?? "0")).toBeGreaterThan(0n);
    // It keeps growing without a tx.
    await waitForHeight(port, hc + INTERVAL + 1, 60_000);
    const r2 = await compoundedAt(hc + INTERVAL);
    expect(r2).toBeGreaterThan(0n);
    expect(await delegationOf(alice)).toBe(STAKE + r + r2);
  }, 180_000);

  it("plain undelegateTokens takes from the compounding stake; exactly that amount arrives after the unbonding time", async () => {
    const ca = await client("alice");
    const reader = await queryClient(port);
    try {
      const amount = 1_234_567n;
      const before = await delegationOf(alice);
      const res = await ca.undelegateTokens(alice, v0, { denom: DENOM, amount: amount.toString() }, FEE);
      expect(res.code).toBe(0);
      const balanceAfterTx = await balanceOf(reader, alice);
      const compoundedInTx = BigInt(
        (res.events.find((e) => e.type === "restaking_compound")?.attributes.find((a) => a.key === "compounded")?.value ?? "").replace(DENOM, "") || "0",
      );
      const left = await delegationOf(alice);
      expect(left).toBeLessThanOrEqual(before + compoundedInTx - amount);
      expect(left).toBeGreaterThanOrEqual(before + compoundedInTx - amount - 1n);
      const paid = await waitFor("the unbonding to complete", async () => {
        const b = await balanceOf(reader, alice);
        return b > balanceAfterTx ? b - balanceAfterTx : undefined;
      });
      expect(paid).toBe(amount);
    } finally {
      reader.disconnect();
    }
  }, 120_000);

  it("refuses auto-compound without a delegation and a restake with nothing pending, with restaking's codes and no state change", async () => {
    const cc = await client("carol");
    const reader = await queryClient(port);
    const before = await balanceOf(reader, carol);
    const noDelegation = await cc.signAndBroadcast(carol, [setAutoCompound(carol, true)], FEE);
    expect([noDelegation.code, noDelegation.rawLog ?? ""]).toEqual([3, expect.stringContaining("no delegation to put into the compounding pool")]);
    const nothing = await cc.signAndBroadcast(carol, [{ typeUrl: "/plume.restaking.v1.MsgRestakeRewards", value: { delegatorAddress: carol, validatorAddress: v0 } }], FEE);
    expect([nothing.code, nothing.rawLog ?? ""]).toEqual([9, expect.stringContaining("no pending rewards to restake")]);
    // Only the two fees left carol's account; she still delegates nothing.
    expect(before - (await balanceOf(reader, carol))).toBe(40_000n);
    expect((await q.staking.delegatorDelegations(carol)).delegationResponses).toEqual([]);
    reader.disconnect();
  }, 60_000);

  it("refuses carol turning alice's auto-compound off: the signer of MsgSetAutoCompound is its delegator", async () => {
    const cc = await client("carol");
    const reader = await queryClient(port);
    const before = await balanceOf(reader, carol);
    // The chain reads the signer from the message (alice) and finds carol's key on the tx: refused in CheckTx.
    await expect(cc.signAndBroadcast(carol, [setAutoCompound(alice, false)], FEE)).rejects.toThrow(/code 8\b|pubKey does not match signer address/);
    expect(await balanceOf(reader, carol)).toBe(before);
    reader.disconnect();
  }, 60_000);
});
