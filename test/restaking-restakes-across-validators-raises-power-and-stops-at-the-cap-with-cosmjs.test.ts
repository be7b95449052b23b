/**
 * Issue 10's remaining must-shows against a real plumed + CometBFT devnet (three validators of
 * 100 PLUME, the decentralization cap at 40%, compound_interval 10, a fast mint so that rewards
 * are large) with plain @cosmjs/stargate and the plume message types:
 * - `MsgRestakeRewards`: dave's rewards on two validators are withdrawn and delegated to a third
 *   in one message, exactly: his new delegation is the sum of the withdrawals, his balance moves
 *   by the fee only, and nothing is left pending on the two.
 * - Compounding raises the validator's CometBFT voting power: at every compounding height the
 *   validator's tokens grow by exactly the compounded amount and CometBFT's /validators shows
 *   power tokens / 10^6 two heights later.
 * - A double sign of the validator slashes an opted-in (erin) and a plain (frank) delegation of
 *   the same stake by the same fraction, as the standard Delegation query shows.
 * - The cap: compounding stops at max_validator_power_share; what it cannot delegate stays in the
 *   pool as idle coins (retried at every interval), and the Pool query says why
 *   ("decentralization cap", last_held_back = the idle bond-denom coins).
 */
import { Registry } from "@cosmjs/proto-signing";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { defaultRegistryTypes, GasPrice, QueryClient, setupStakingExtension, SigningStargateClient, type StakingExtension } from "@cosmjs/stargate";
import { QueryDelegationRewardsRequest, QueryDelegationRewardsResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { QueryDelegationRequest, QueryDelegationResponse } from "cosmjs-types/cosmos/staking/v1beta1/query";
import type { JsonValue } from "../app/module";
import { QueryPoolRequest, QueryPoolResponse } from "../proto/plume/restaking/v1/query";
import { MsgRestakeRewards, MsgSetAutoCompound } from "../proto/plume/restaking/v1/tx";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, queryClient } from "./helpers/clients";
import { broadcastDoubleSign } from "./helpers/double-sign";
import { latestHeight, waitFor, waitForHeight } from "./helpers/rpc";
import { abciQuery, allValidators, cometValidators, consensusKeyOf, stakingGenesis } from "./helpers/staking";
import { Testnet } from "./helpers/testnet";

const INTERVAL = 10;
const CAP = "0.400000000000000000";
const CAP_ATOMICS = 400_000_000_000_000_000n;
const ONE = 10n ** 18n;
const POWER_REDUCTION = 1_000_000n;
const FEE = { amount: [{ denom: DENOM, amount: "20000" }], gas: "1000000" };

const registry = new Registry([
  ...defaultRegistryTypes,
  ["/plume.restaking.v1.MsgSetAutoCompound", MsgSetAutoCompound],
  ["/plume.restaking.v1.MsgRestakeRewards", MsgRestakeRewards],
]);

/** The cap at 40% (binding with three validators), compound_interval 10, inflation held at 20% with 50,000 blocks a year. */
function editGenesis(state: Record<string, JsonValue>): void {
  stakingGenesis({ cap: CAP })(state);
  const restaking = state["restaking"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
  state["restaking"] = { ...restaking, params: { ...restaking.params, compound_interval: INTERVAL.toString() } };
  const mint = state["mint"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
  state["mint"] = {
    ...mint,
    minter: { inflation: "0.200000000000000000", annual_provisions: "0" },
    params: { ...mint.params, inflation_min: "0.200000000000000000", inflation_max: "0.200000000000000000", blocks_per_year: "50000" },
  };
}

/** The bond-denom amount of a coin list string ("12uplume,3uatom"), 0 when absent. */
function bondAmount(coins: string): bigint {
  const hit = coins.split(",").find((c) => c.endsWith(DENOM) && /^\d+$/.test(c.slice(0, -DENOM.length)));
  return hit === undefined ? 0n : BigInt(hit.slice(0, -DENOM.length));
}

describe("restaking across validators, voting power and the cap with cosmjs (issue 10)", () => {
  let net: Testnet;
  let port: number;
  let comet: Comet38Client;
  let q: QueryClient & StakingExtension;
  let alice: string;
  let dave: string;
  let v: [string, string, string];
  const clients: SigningStargateClient[] = [];

  const client = async (name: string): Promise<SigningStargateClient> => {
    const c = await SigningStargateClient.connectWithSigner(`http://127.0.0.1:${port}`, await directWallet(name), {
      registry,
      gasPrice: GasPrice.fromString(`0.025${DENOM}`),
      broadcastPollIntervalMs: 250,
      broadcastTimeoutMs: 30_000,
    });
    clients.push(c);
    return c;
  };
  const delegationOf = async (delegator: string, validator: string): Promise<bigint> => {
    const r = await q.staking.delegatorDelegations(delegator);
    return BigInt(r.delegationResponses.find((d) => d.delegation.validatorAddress === validator)?.balance.amount ?? "0");
  };
  const pendingAt = async (delegator: string, validator: string, height: number): Promise<bigint> => {
    const r = await abciQuery(port, "/cosmos.distribution.v1beta1.Query/DelegationRewards", { delegatorAddress: delegator, validatorAddress: validator }, QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, height);
    return BigInt(r.rewards.find((c) => c.denom === DENOM)?.amount ?? "0");
  };
  const compoundEventAt = async (height: number, validator: string): Promise<Record<string, string> | undefined> => {
    const res = await comet.blockResults(height);
    const e = res.finalizeBlockEvents.find((x) => x.type === "restaking_compound" && x.attributes.some((a) => a.key === "validator" && a.value === validator));
    return e === undefined ? undefined : Object.fromEntries(e.attributes.map((a) => [a.key, a.value]));
  };

  beforeAll(async () => {
    net = await Testnet.create(3, {
      users: ["alice", "dave", "erin", "frank"],
      mnemonics: testMnemonics(["validator0", "validator1", "validator2", "alice", "dave", "erin", "frank"]),
      editGenesis,
    });
    net.startAll();
    port = net.rpcPort(0);
    await waitForHeight(port, 2, 120_000);
    comet = await Comet38Client.connect(`http://127.0.0.1:${port}`);
    q = QueryClient.withExtensions(comet, setupStakingExtension);
    alice = await addressOf(await directWallet("alice"));
    dave = await addressOf(await directWallet("dave"));
    v = net.layout.nodes.map((n) => n.operator) as [string, string, string];
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    comet?.disconnect();
    await net?.stop();
  });

  it("MsgRestakeRewards moves all of dave's rewards from two validators into a third, exactly", async () => {
    const cd = await client("dave");
    const reader = await queryClient(port);
    try {
      const stake = { denom: DENOM, amount: "1000000" };
      const delegated = await cd.signAndBroadcast(
        dave,
        [0, 1].map((i) => ({ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: { delegatorAddress: dave, validatorAddress: v[i], amount: stake } })),
        FEE,
      );
      expect(delegated.code).toBe(0);
      await waitForHeight(port, delegated.height + 3, 60_000);
      expect(await delegationOf(dave, v[2])).toBe(0n);
      const before = await balanceOf(reader, dave);

      const res = await cd.signAndBroadcast(dave, [{ typeUrl: "/plume.restaking.v1.MsgRestakeRewards", value: { delegatorAddress: dave, validatorAddress: v[2] } }], FEE);
      expect([res.code, res.rawLog ?? ""]).toEqual([0, ""]);
      // Each validator's withdrawal in the tx, and what the message says it delegated.
      const withdrawn = res.events
        .filter((e) => e.type === "withdraw_rewards" && e.attributes.some((a) => a.key === "delegator" && a.value === dave))
        .map((e) => [e.attributes.find((a) => a.key === "validator")?.value, bondAmount(e.attributes.find((a) => a.key === "amount")?.value ?? "")] as const);
      expect(withdrawn.map(([val]) => val).sort()).toEqual([v[0], v[1]].sort());
      for (const [, amount] of withdrawn) expect(amount).toBeGreaterThan(0n);
      const total = withdrawn.reduce((s, [, amount]) => s + amount, 0n);
      const restake = res.events.find((e) => e.type === "restaking_restake");
      expect(restake?.attributes.find((a) => a.key === "amount")?.value).toBe(`${total}${DENOM}`);
      // All of it is now dave's delegation to the third validator; his balance paid the fee only.
      expect(await delegationOf(dave, v[2])).toBe(total);
      expect(before - (await balanceOf(reader, dave))).toBe(20_000n);
      // Nothing was left pending on the two at the tx's height.
      expect([await pendingAt(dave, v[0], res.height), await pendingAt(dave, v[1], res.height)]).toEqual([0n, 0n]);
    } finally {
      reader.disconnect();
    }
  }, 120_000);

  it("compounding raises the validator's CometBFT power by what it delegates, then stops at the cap and keeps the rest idle in the pool", async () => {
    const ca = await client("alice");
    const joined = await ca.signAndBroadcast(
      alice,
      [
        { typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: { delegatorAddress: alice, validatorAddress: v[0], amount: { denom: DENOM, amount: "10000000" } } },
        { typeUrl: "/plume.restaking.v1.MsgSetAutoCompound", value: { delegatorAddress: alice, validatorAddress: v[0], enabled: true } },
      ],
      FEE,
    );
    expect([joined.code, joined.rawLog ?? ""]).toEqual([0, ""]);
    const tokensAt = async (height: number): Promise<{ tokens: bigint; bonded: bigint; key: string }> => {
      const vals = await allValidators(port, height);
      const val = vals.find((x) => x.operatorAddress === v[0]);
      if (val === undefined) throw new Error("no validator 0");
      return { tokens: BigInt(val.tokens), bonded: vals.reduce((s, x) => s + BigInt(x.tokens), 0n), key: consensusKeyOf(val) };
    };
    const start = await tokensAt(joined.height);
    await waitForHeight(port, joined.height + 2, 60_000);
    const powerAtStart = (await cometValidators(port, joined.height + 2))[start.key] ?? 0n;
    expect(powerAtStart).toBe(start.tokens / POWER_REDUCTION);

    let tokens = start.tokens;
    let grew = false;
    let capped: { height: number; heldBack: bigint } | undefined;
    // Every compounding height after the join, until one holds back (bounded: the cap is ~23 PLUME away).
    for (let hc = (Math.floor(joined.height / INTERVAL) + 1) * INTERVAL; capped === undefined && hc <= joined.height + 15 * INTERVAL; hc += INTERVAL) {
      await waitForHeight(port, hc + 2, 60_000);
      const e = await compoundEventAt(hc, v[0]);
      expect(e).toBeDefined();
      const compounded = bondAmount(e?.["compounded"] ?? "");
      const heldBack = bondAmount(e?.["held_back"] ?? "");
      const now = await tokensAt(hc);
      // The validator's tokens grow by exactly what was compounded, and CometBFT follows.
      expect(now.tokens).toBe(tokens + compounded);
      expect(e?.["new_tokens"]).toBe(now.tokens.toString());
      expect((await cometValidators(port, hc + 2))[now.key]).toBe(now.tokens / POWER_REDUCTION);
      if (now.tokens / POWER_REDUCTION > powerAtStart) grew = true;
      // Never above the cap.
      expect(now.tokens * ONE).toBeLessThanOrEqual(CAP_ATOMICS * now.bonded);
      tokens = now.tokens;
      if (heldBack > 0n) capped = { height: hc, heldBack };
    }
    expect(grew).toBe(true);
    expect(capped).toBeDefined();
    if (capped === undefined) return;

    // The pool says why, and keeps what the cap refused as idle coins (still the members').
    const pool = async (height: number) =>
      (await abciQuery(port, "/plume.restaking.v1.Query/Pool", { validatorAddress: v[0] }, QueryPoolRequest, QueryPoolResponse, height)).pool.pool;
    const atCap = await pool(capped.height);
    expect(atCap.heldBackReason).toBe("decentralization cap");
    expect(BigInt(atCap.lastHeldBack)).toBe(capped.heldBack);
    // held_back is all the bond-denom coins the pool could not delegate: its idle coins.
    const idleAtCap = BigInt(atCap.idle.find((c) => c.denom === DENOM)?.amount ?? "0");
    expect(idleAtCap).toBe(capped.heldBack);

    // The next interval: the validator stays at the cap, the rewards go idle.
    const next = capped.height + INTERVAL;
    await waitForHeight(port, next + 1, 60_000);
    const e = await compoundEventAt(next, v[0]);
    const heldBack = bondAmount(e?.["held_back"] ?? "");
    const compounded = bondAmount(e?.["compounded"] ?? "");
    const rewards = bondAmount(e?.["rewards"] ?? "");
    expect(heldBack).toBeGreaterThan(0n);
    const after = await tokensAt(next);
    expect(after.tokens).toBe(tokens + compounded);
    expect(after.tokens * ONE).toBeLessThanOrEqual(CAP_ATOMICS * after.bonded);
    const pooled = await pool(next);
    expect(pooled.heldBackReason).toBe("decentralization cap");
    // The idle coins are retried at every interval: the new rewards join them, the headroom (if any) leaves.
    expect(BigInt(pooled.idle.find((c) => c.denom === DENOM)?.amount ?? "0")).toBe(heldBack);
    expect(heldBack).toBe(idleAtCap + rewards - compounded);
    expect(BigInt(pooled.lastHeldBack)).toBe(heldBack);
  }, 240_000);

  it("a double sign slashes an opted-in and a plain delegation of the same stake by the same fraction", async () => {
    const [ce, cf] = [await client("erin"), await client("frank")];
    const erin = await addressOf(await directWallet("erin"));
    const frank = await addressOf(await directWallet("frank"));
    const amount = { denom: DENOM, amount: "5000000" };
    const delegate = (who: string) => ({ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: { delegatorAddress: who, validatorAddress: v[1], amount } });
    const e = await ce.signAndBroadcast(erin, [delegate(erin), { typeUrl: "/plume.restaking.v1.MsgSetAutoCompound", value: { delegatorAddress: erin, validatorAddress: v[1], enabled: true } }], FEE);
    const f = await cf.signAndBroadcast(frank, [delegate(frank)], FEE);
    expect([e.code, f.code]).toEqual([0, 0]);
    const infraction = await latestHeight(port);
    await waitForHeight(port, infraction + 1, 60_000);
    const home1 = net.layout.nodes[1]?.home as string;
    await broadcastDoubleSign({ rpcPort: port, chainId: net.layout.chainId, home: home1, height: infraction });
    // The block whose BeginBlock slashed validator 1.
    let from = infraction + 1;
    const slashHeight = await waitFor(
      "the double-sign slash",
      async () => {
        const latest = await latestHeight(port);
        for (; from <= latest; from++) {
          const r = await comet.blockResults(from);
          if (r.finalizeBlockEvents.some((x) => x.type === "slash" && x.attributes.some((a) => a.key === "reason" && a.value === "double_sign"))) return from;
        }
        return undefined;
      },
      120_000,
      500,
    );
    const stakeAt = async (delegator: string, height: number): Promise<bigint> =>
      BigInt((await abciQuery(port, "/cosmos.staking.v1beta1.Query/Delegation", { delegatorAddr: delegator, validatorAddr: v[1] }, QueryDelegationRequest, QueryDelegationResponse, height)).delegationResponse?.balance?.amount ?? "0");
    const tokensAt = async (height: number): Promise<bigint> => BigInt((await allValidators(port, height)).find((x) => x.operatorAddress === v[1])?.tokens ?? "0");
    // restaking's BeginBlock runs before evidence's: a compounding in the slash block comes first.
    const compounded = bondAmount((await compoundEventAt(slashHeight, v[1]))?.["compounded"] ?? "");
    const [erinBefore, frankBefore] = [(await stakeAt(erin, slashHeight - 1)) + compounded, await stakeAt(frank, slashHeight - 1)];
    const [tokensBefore, tokensAfter] = [(await tokensAt(slashHeight - 1)) + compounded, await tokensAt(slashHeight)];
    expect(tokensAfter).toBeLessThan(tokensBefore);
    expect(erinBefore).toBeGreaterThanOrEqual(frankBefore);
    // Each is the same fraction tokensAfter / tokensBefore of what it was, truncated.
    for (const [who, before] of [
      [erin, erinBefore],
      [frank, frankBefore],
    ] as const) {
      const now = await stakeAt(who, slashHeight);
      expect(now).toBeLessThan(before);
      expect(now).toBeGreaterThanOrEqual((before * tokensAfter) / tokensBefore - 1n);
      expect(now).toBeLessThanOrEqual((before * tokensAfter) / tokensBefore + 1n);
    }
  }, 180_000);
});
