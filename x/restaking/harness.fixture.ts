/**
 * Test harness for x/restaking (not production code): x/staking's harness (in-memory stores, fake
 * bank and auth, the real staking keeper) with a fake F1 distribution keeper and a restaking keeper
 * over the same multistore.
 *
 * FakeDistribution stands in for x/distribution (not in main yet): each `accrue(rate)` credits
 * every delegation floor(its tokens * rate) of pending rewards, deterministically; withdrawing
 * mints the pending amount to the delegator (so supply grows only by "mint", as rewards do);
 * like F1, a delegation's pending rewards are paid out before its shares change
 * (beforeDelegationSharesModified) — which is what joining and leaving a pool rely on.
 */
import type { Delegation } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { moduleAddress } from "../../app/address";
import type { Context } from "../../app/context";
import { EventManager, type AppEvent } from "../../app/events";
import { Coin, Coins, Dec, Int } from "../../app/math";
import type { QueryContext } from "../../app/module";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import { BOND_DENOM, GOV_AUTHORITY, Harness, type HarnessOptions } from "../staking/harness.fixture";
import { StakingHooksRegistry, type StakingHooks } from "../staking/hooks";
import { assertStakingInvariants } from "../staking/invariants";
import { STAKING_STORE } from "../staking/state-keys";
import type { RestakingBankKeeper, RestakingDistributionKeeper, RestakingStakingQuerier } from "./expected-keepers";
import { assertRestakingInvariants } from "./invariants";
import { RESTAKING_MODULE, RestakingKeeper } from "./keeper";
import { tokensFromShares } from "./pool-math";
import { RESTAKING_STORE } from "./state-keys";

export { BOND_DENOM, GOV_AUTHORITY };

const FAKE_DISTRIBUTION_STORE = "fakedistribution";
const hex = (a: Uint8Array): string => Buffer.from(a).toString("hex");
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

export class FakeDistribution implements RestakingDistributionKeeper {
  /** Every payout, in order: who was paid how much for which validator. */
  readonly paid: { delegator: string; validator: string; amount: bigint }[] = [];

  constructor(private readonly staking: Harness) {}

  store(ctx: Context): KVStore {
    return ctx.kvStore(FAKE_DISTRIBUTION_STORE);
  }

  private key(delegator: Bytes, validator: Bytes): Uint8Array {
    return enc(`p/${hex(delegator)}/${hex(validator)}`);
  }

  pending(ctx: Context, delegator: Bytes, validator: Bytes): bigint {
    const raw = this.store(ctx).get(this.key(delegator, validator));
    return raw === undefined ? 0n : BigInt(dec(raw));
  }

  /** Credits every delegation floor(tokens * rate), in delegation-key order. */
  accrue(ctx: Context, rate: string): void {
    const r = Dec.fromString(rate);
    const k = this.staking.keeper;
    for (const d of k.allDelegations(k.store(ctx))) {
      const valAddr = k.addresses.decodeValidator(d.validatorAddress);
      const delAddr = k.addresses.decodeAccount(d.delegatorAddress);
      const v = k.getValidator(ctx, valAddr);
      if (v === undefined) continue;
      const earned = tokensFromShares(v, Dec.fromProto(d.shares)).mul(r).truncateInt().toBigInt();
      if (earned > 0n) this.store(ctx).set(this.key(delAddr, valAddr), enc((this.pending(ctx, delAddr, valAddr) + earned).toString()));
    }
  }

  withdrawDelegatorReward(ctx: Context, delegator: Bytes, validator: Bytes): Coins {
    const amount = this.pending(ctx, delegator, validator);
    this.store(ctx).delete(this.key(delegator, validator));
    const coins = Coins.of(Coin.of(BOND_DENOM, amount));
    if (amount > 0n) {
      this.staking.bank.mint(ctx, delegator, coins);
      const a = this.staking.keeper.addresses;
      this.paid.push({ delegator: a.encodeAccount(delegator), validator: a.encodeValidator(validator), amount });
    }
    return coins;
  }

  /** Withdraw addresses set by tests (the SDK's MsgSetWithdrawAddress); the delegator itself otherwise. */
  readonly withdrawAddresses = new Map<string, Bytes>();

  withdrawAddress(_store: KVStoreReader, delegator: Bytes): Bytes {
    return this.withdrawAddresses.get(hex(delegator)) ?? delegator;
  }

  hooks(): StakingHooks {
    return {
      beforeDelegationSharesModified: (ctx, delAddr, valAddr) => {
        this.withdrawDelegatorReward(ctx, delAddr, valAddr);
      },
    };
  }
}

export class RestakingHarness {
  readonly staking: Harness;
  readonly distribution: FakeDistribution;
  readonly keeper: RestakingKeeper;

  constructor(options: HarnessOptions & { readonly compoundInterval?: bigint } = {}) {
    const hooks = options.hooks ?? new StakingHooksRegistry();
    this.staking = new Harness({ cap: "0", ...options, hooks });
    this.distribution = new FakeDistribution(this.staking);
    hooks.register("distribution", this.distribution.hooks());
    const bank = this.staking.bank;
    const restakingBank: RestakingBankKeeper = {
      getAllBalances: (ctx, address) => bank.getAllBalances(ctx, address),
      // The fake bank's module-to-account move has SendCoinsFromModuleToAccount's effect here.
      sendCoinsFromModuleToAccount: (ctx, module, recipient, amount) => bank.undelegateCoinsFromModuleToAccount(ctx, module, recipient, amount),
    };
    this.keeper = new RestakingKeeper({ staking: this.staking.keeper, distribution: this.distribution, bank: restakingBank, authority: GOV_AUTHORITY });
    // As the app wires it: standard MsgUndelegate/MsgBeginRedelegate reach pooled stake.
    this.staking.keeper.setPooledStake(this.keeper);
    this.keeper.setParams(this.ctx(), { compoundInterval: options.compoundInterval ?? 10n });
  }

  ctx(events: EventManager = new EventManager()): Context {
    return this.staking.ctx(events);
  }

  get poolAddress(): Bytes {
    return moduleAddress(RESTAKING_MODULE);
  }

  /** Rewards for every delegation (see FakeDistribution.accrue). */
  accrue(rate: string): void {
    this.distribution.accrue(this.ctx(), rate);
  }

  /** Ends the block (staking), moves to the next height, runs staking's then restaking's BeginBlock; returns restaking's events. */
  nextBlock(seconds = 5n): readonly AppEvent[] {
    this.staking.nextBlock(seconds);
    const events = new EventManager();
    this.keeper.beginBlock(this.ctx(events));
    return events.events();
  }

  /** Runs blocks until the height is `height` (each with `rate` of rewards accrued first). */
  runTo(height: bigint, rate = "0"): readonly AppEvent[] {
    const events: AppEvent[] = [];
    while (this.staking.height < height) {
      if (rate !== "0") this.accrue(rate);
      events.push(...this.nextBlock());
    }
    return events;
  }

  poolDelegations(ctx: Context = this.ctx()): Delegation[] {
    const k = this.staking.keeper;
    return [...k.delegatorDelegations(k.store(ctx), this.poolAddress)];
  }

  /** Restaking's invariants and staking's (pools' balances against the validators' tokens: no token created or lost). */
  assertInvariants(): void {
    const ctx = this.ctx();
    assertRestakingInvariants(ctx, this.keeper, this.poolDelegations(ctx));
    assertStakingInvariants(ctx, this.staking.keeper);
  }

  /** A delegator's own delegation shares (0 without one). */
  ownShares(delegator: Bytes, validator: Bytes): Dec {
    const d = this.staking.keeper.getDelegation(this.ctx(), delegator, validator);
    return d === undefined ? Dec.zero() : Dec.fromProto(d.shares);
  }

  /** A member's stake in tokens (its part of the pool's shares, truncated), 0 when not a member. */
  memberStake(delegator: Bytes, validator: Bytes): bigint {
    const ctx = this.ctx();
    const store = this.keeper.store(ctx);
    const m = this.keeper.member(store, delegator, validator);
    const pool = this.keeper.pool(store, validator);
    const v = this.staking.keeper.getValidator(ctx, validator);
    if (m === undefined || pool === undefined || v === undefined) return 0n;
    const shares = this.keeper.poolShares(ctx, validator).mul(Dec.fromProto(m.units)).quoTruncate(Dec.fromProto(pool.totalUnits));
    return tokensFromShares(v, shares).truncateInt().toBigInt();
  }

  /** A delegation's tokens (own delegation only), truncated. */
  delegationTokens(delegator: Bytes, validator: Bytes): bigint {
    const v = this.staking.keeper.getValidator(this.ctx(), validator);
    if (v === undefined) return 0n;
    return tokensFromShares(v, this.ownShares(delegator, validator)).truncateInt().toBigInt();
  }

  validatorTokens(validator: Bytes): bigint {
    const v = this.staking.keeper.getValidator(this.ctx(), validator);
    return v === undefined ? 0n : Int.fromProto(v.tokens).toBigInt();
  }

  /** The staking querier the query server needs, over the committed-like harness stores. */
  stakingQuerier(): RestakingStakingQuerier {
    const k = this.staking.keeper;
    return {
      validatorAt: (q: QueryContext, op) => k.validator(q.store(STAKING_STORE), op),
      delegationAt: (q: QueryContext, d, v) => k.delegation(q.store(STAKING_STORE), d, v),
    };
  }

  /** A QueryContext over the harness's current state. */
  queryContext(): QueryContext {
    const ms = this.staking.ms;
    const height = this.staking.height;
    return { height, chainId: "plume-test", store: (name: string) => ms.getStore(name) };
  }

  /** Every key and value of the staking, bank and restaking stores. */
  snapshot(): string {
    const out = [this.staking.snapshot()];
    for (const { key, value } of this.staking.ms.getStore(RESTAKING_STORE).iterate()) out.push(`${RESTAKING_STORE}:${hex(key)}=${hex(value)}`);
    return out.join("\n");
  }
}
