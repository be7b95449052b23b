/**
 * Mint and distribution on the assembled app, in-process, against an independent computation of
 * the SDK v0.50 formulas written here with plain bigints (LegacyDec atomics, 18 decimals):
 *
 * - mint (inflation held at 10% by inflation_min = inflation_max = 0.1): each block mints
 *   floor(floor(0.1 * supply * 10^18 / blocks_per_year) / 10^18) into the fee collector;
 * - allocation at every block from height 2: the fee collector's balance C (last block's fees and
 *   this block's mint; block 1's mint waits for block 2) times 0.98 is shared by power over every
 *   vote of the last commit, absent or not: reward_v = floor(0.98 C * floor(p_v * 10^18 / P) /
 *   10^18); commission_v = reward_v * rate_v rounded half to even; the community pool gets C minus
 *   the rewards;
 * - a delegator's rewards over a period: floor(current rewards / validator tokens) (the ratio,
 *   truncated) times its stake, truncated; the stake shrinks by the slash fraction at a slash.
 *
 * Three validators of powers 10, 20, 30 with commissions 5%, 10%, 20%; c's vote is absent from
 * some blocks (it still earns: the SDK shares by the commit's power, signed or not). dora
 * delegates to b, withdraws (her balance rises by exactly the reported rewards, truncated; the
 * decimals go to the community pool), b is slashed for a double sign, and her rewards across the
 * slash are exact. The chain checks every invariant (the SDK's four distribution ones included)
 * after every block.
 */
import { QueryCommunityPoolRequest, QueryCommunityPoolResponse, QueryDelegationRewardsRequest, QueryDelegationRewardsResponse, QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, QueryValidatorOutstandingRewardsRequest, QueryValidatorOutstandingRewardsResponse, QueryValidatorSlashesRequest, QueryValidatorSlashesResponse } from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { MsgWithdrawDelegatorReward } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { DecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import type { JsonValue } from "../app/module";
import { startInProcessChain, type ChainValidator, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const E18 = 10n ** 18n;
const BLOCKS_PER_YEAR = 6_311_520n;
const RATES: Record<string, bigint> = { a: 5n * 10n ** 16n, b: 10n ** 17n, c: 2n * 10n ** 17n };

function query<Res>(chain: InProcessChain, path: string, data: Uint8Array, decode: (b: Uint8Array) => Res): Res {
  const res = chain.app.baseApp.query(RequestQuery.fromPartial({ path, data }));
  if (res instanceof Promise) throw new Error("expected a synchronous answer");
  if (res.code !== 0) throw new Error(`${path}: ${res.log}`);
  return decode(res.value);
}

/** The atomics of the uplume coin of a DecCoin list (0 when absent). */
const atomics = (coins: readonly DecCoin[]): bigint => BigInt(coins.find((c) => c.denom === DENOM)?.amount ?? "0");

const D = "/cosmos.distribution.v1beta1.Query/";
const communityPool = (chain: InProcessChain): bigint =>
  atomics(query(chain, `${D}CommunityPool`, QueryCommunityPoolRequest.encode({}).finish(), (b) => QueryCommunityPoolResponse.decode(b)).pool);
const commission = (chain: InProcessChain, v: ChainValidator): bigint =>
  atomics(
    query(chain, `${D}ValidatorCommission`, QueryValidatorCommissionRequest.encode({ validatorAddress: v.op.valoper }).finish(), (b) => QueryValidatorCommissionResponse.decode(b))
      .commission?.commission ?? [],
  );
const outstanding = (chain: InProcessChain, v: ChainValidator): bigint =>
  atomics(
    query(chain, `${D}ValidatorOutstandingRewards`, QueryValidatorOutstandingRewardsRequest.encode({ validatorAddress: v.op.valoper }).finish(), (b) =>
      QueryValidatorOutstandingRewardsResponse.decode(b),
    ).rewards?.rewards ?? [],
  );
const delegationRewards = (chain: InProcessChain, delegator: string, v: ChainValidator): bigint =>
  atomics(
    query(chain, `${D}DelegationRewards`, QueryDelegationRewardsRequest.encode({ delegatorAddress: delegator, validatorAddress: v.op.valoper }).finish(), (b) =>
      QueryDelegationRewardsResponse.decode(b),
    ).rewards,
  );
const balance = (chain: InProcessChain, address: string): bigint =>
  chain.app.keepers.bank.getBalance(chain.ctx(), chain.app.keepers.auth.addresses.decodeAccount(address), DENOM).amount.toBigInt();
const supply = (chain: InProcessChain): bigint => chain.app.keepers.bank.getSupply(chain.ctx(), DENOM).amount.toBigInt();

/** LegacyDec Mul's rounding: half to even on the 18 chopped decimals. */
function mulRound(a: bigint, b: bigint): bigint {
  const x = a * b;
  const q = x / E18;
  const r = x % E18;
  if (2n * r > E18 || (2n * r === E18 && q % 2n === 1n)) return q + 1n;
  return q;
}

/** The model: what the SDK's formulas give, block by block. */
class Model {
  supply: bigint;
  feeCollector = 0n;
  community = 0n;
  readonly commission = new Map<string, bigint>();
  readonly outstanding = new Map<string, bigint>();
  /** Delegators' share of the rewards since the validator's period last closed. */
  readonly current = new Map<string, bigint>();

  constructor(supply: bigint) {
    this.supply = supply;
  }

  /** BeginBlock of block h: mint, then (from height 2) allocation over the given commit. */
  beginBlock(h: bigint, votes: readonly { readonly name: string; readonly power: bigint }[]): void {
    const minted = (this.supply * 10n ** 17n) / BLOCKS_PER_YEAR / E18;
    this.supply += minted;
    this.feeCollector += minted;
    if (h < 2n) return;
    const collected = this.feeCollector * E18;
    this.feeCollector = 0n;
    const total = votes.reduce((s, v) => s + v.power, 0n);
    const feeMultiplier = (collected * 98n) / 100n;
    let remaining = collected;
    for (const v of votes) {
      const fraction = (v.power * E18) / total;
      const reward = (feeMultiplier * fraction) / E18;
      const c = mulRound(reward, RATES[v.name] ?? 0n);
      this.commission.set(v.name, (this.commission.get(v.name) ?? 0n) + c);
      this.current.set(v.name, (this.current.get(v.name) ?? 0n) + reward - c);
      this.outstanding.set(v.name, (this.outstanding.get(v.name) ?? 0n) + reward);
      remaining -= reward;
    }
    this.community += remaining;
  }

  /** IncrementValidatorPeriod: the period's ratio (truncated), and a fresh current period. */
  closePeriod(name: string, tokens: bigint): bigint {
    const ratio = (this.current.get(name) ?? 0n) / tokens;
    this.current.set(name, 0n);
    return ratio;
  }
}

describe("delegators earn fees and inflation by power and commission (SDK v0.50 F1)", () => {
  let chain: InProcessChain;
  let model: Model;
  let a: ChainValidator;
  let b: ChainValidator;
  let c: ChainValidator;
  let dora: string;

  /** One block on the chain and in the model; `fees` are the fees its txs pay. */
  function block(options: { txs?: Uint8Array[]; fees?: bigint; absentC?: boolean; misbehaviorB?: bigint } = {}): ReturnType<InProcessChain["block"]> {
    const h = chain.height + 1n;
    model.beginBlock(
      h,
      chain.signersOf(h - 1n).map((v) => ({ name: v.name, power: v.power })),
    );
    const res = chain.block({
      ...(options.txs !== undefined ? { txs: options.txs } : {}),
      ...(options.absentC === true ? { absent: [c] } : {}),
      ...(options.misbehaviorB !== undefined ? { misbehavior: [{ validator: b, height: options.misbehaviorB }] } : {}),
    });
    model.feeCollector += options.fees ?? 0n;
    // A double sign burns 5% of b's 25,000,000 after this block's mint.
    if (options.misbehaviorB !== undefined) model.supply -= 1_250_000n;
    for (const [i, r] of res.txResults.entries()) if (r.code !== 0) throw new Error(`tx ${i} of block ${h} failed: ${r.log}`);
    expect(supply(chain)).toBe(model.supply);
    return res;
  }

  beforeAll(async () => {
    chain = await startInProcessChain({
      validators: [
        { name: "a", power: 10n, commissionRate: (RATES["a"] ?? 0n).toString() },
        { name: "b", power: 20n, commissionRate: (RATES["b"] ?? 0n).toString() },
        { name: "c", power: 30n, commissionRate: (RATES["c"] ?? 0n).toString() },
      ],
      users: ["dora"],
      inflation: true,
      editGenesis: (state: Record<string, JsonValue>) => {
        const mint = state["mint"] as { params: Record<string, JsonValue> };
        state["mint"] = { minter: { inflation: "0.100000000000000000", annual_provisions: "0" }, params: { ...mint.params, inflation_min: "0.1", inflation_max: "0.1" } };
      },
    });
    [a, b, c] = chain.validators as [ChainValidator, ChainValidator, ChainValidator];
    dora = chain.users[0]?.op.account ?? "";
    model = new Model(4n * 1_000_000_000_000n);
  });

  afterAll(async () => {
    await chain?.close();
  });

  it("shares each block's fees and mint by the commit's power, commission at each rate, the tax and the rounding to the community pool", async () => {
    block();
    for (let i = 0; i < 3; i++) block({ absentC: i === 1 });
    const delegate = MsgDelegate.encode({ delegatorAddress: dora, validatorAddress: b.op.valoper, amount: { denom: DENOM, amount: "5000000" } }).finish();
    block({ txs: [await chain.signTx(chain.users[0] ?? a, [{ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: delegate }], 400_000, 2_000n)], fees: 2_000n });
    // dora's delegation closed b's period: her rewards count from the next block on.
    model.closePeriod("b", 20_000_000n);
    for (let i = 0; i < 6; i++) block({ absentC: i % 2 === 0 });
    expect(communityPool(chain)).toBe(model.community);
    for (const v of [a, b, c]) {
      expect([v.name, commission(chain, v)]).toEqual([v.name, model.commission.get(v.name)]);
      expect([v.name, outstanding(chain, v)]).toEqual([v.name, model.outstanding.get(v.name)]);
    }
    // c was absent from five blocks and still earned more than b (30 against 20 or 25 of power).
    expect(model.outstanding.get("c") ?? 0n).toBeGreaterThan(model.outstanding.get("b") ?? 0n);
    const ratio = (model.current.get("b") ?? 0n) / 25_000_000n;
    expect(delegationRewards(chain, dora, b)).toBe(ratio * 5_000_000n);
  });

  it("pays a withdrawal the reported rewards truncated to whole coins, and the decimals to the community pool", async () => {
    const before = balance(chain, dora);
    const withdraw = MsgWithdrawDelegatorReward.encode({ delegatorAddress: dora, validatorAddress: b.op.valoper }).finish();
    const tx = await chain.signTx(chain.users[0] ?? a, [{ typeUrl: "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", value: withdraw }]);
    const res = block({ txs: [tx] });
    // The block's own allocation came first, then the withdrawal closed b's period.
    const rewards = model.closePeriod("b", 25_000_000n) * 5_000_000n;
    const paid = rewards / E18;
    expect(paid).toBeGreaterThan(0n);
    expect(balance(chain, dora) - before).toBe(paid);
    model.community += rewards - paid * E18;
    model.outstanding.set("b", (model.outstanding.get("b") ?? 0n) - rewards);
    expect(communityPool(chain)).toBe(model.community);
    expect(outstanding(chain, b)).toBe(model.outstanding.get("b"));
    const withdrawEvent = res.txResults[0]?.events.find((e) => e.type === "withdraw_rewards");
    expect(withdrawEvent?.attributes.map((x) => [x.key, x.value]).slice(0, 3)).toEqual([
      ["amount", `${paid}${DENOM}`],
      ["validator", b.op.valoper],
      ["delegator", dora],
    ]);
    // Nothing has accrued since, in the block of the withdrawal.
    expect(delegationRewards(chain, dora, b)).toBe(0n);
  });

  it("keeps rewards exact across a slash: the stake before it earns at full weight, after it at 95%", () => {
    for (let i = 0; i < 2; i++) block();
    const slashedAt = chain.height + 1n;
    block({ misbehaviorB: chain.height });
    // Slashing runs after distribution in BeginBlock: this block's share joins the closing period.
    const before = model.closePeriod("b", 25_000_000n) * 5_000_000n;
    const slashes = query(chain, `${D}ValidatorSlashes`, QueryValidatorSlashesRequest.encode({ validatorAddress: b.op.valoper, startingHeight: 0n, endingHeight: 1_000n }).finish(), (x) =>
      QueryValidatorSlashesResponse.decode(x),
    ).slashes;
    expect(slashes.map((s) => BigInt(s.fraction))).toEqual([5n * 10n ** 16n]);
    for (let i = 0; i < 3; i++) block();
    const after = ((model.current.get("b") ?? 0n) / 23_750_000n) * 4_750_000n;
    expect(delegationRewards(chain, dora, b)).toBe(before + after);
    expect(chain.height).toBeGreaterThan(slashedAt);
    expect(communityPool(chain)).toBe(model.community);
  });
});
