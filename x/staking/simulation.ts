/**
 * x/staking and the decentralization cap in the seeded simulation (sim/types.ts).
 *
 * Genesis: staking params and the cap within their valid ranges (the cap 0, 1 or a share with
 * enough validators for it to bind), and the validators, either in the staking genesis
 * (unbonded, with their self-delegations and a few others' delegations; InitGenesis bonds the
 * strongest) or as a plan that x/genutil turns into gentxs (GENTX_PLAN).
 *
 * Operations: delegate, undelegate, redelegate, cancel an unbonding, create and edit validators,
 * change staking params and the cap through the authority; and the ones that must fail, above all
 * stake that would lift a validator above the cap (a delegation, a new validator's
 * self-delegation), the finding of issue 12. Every operation predicts its outcome from the state
 * with the keeper's rules in the SDK's order of checks; stake that arrives is followed by the cap
 * check of invariants.ts on the block so far.
 *
 * Liveness guard: operations never jail, empty or de-power a validator when that would leave
 * fewer than LIVE_VALIDATORS_FLOOR live validators (downtime and double signs still jail them,
 * through x/slashing; its unjail operation brings the ones it may back).
 *
 * Invariants: module-accounts, nonnegative-power, positive-delegation, delegator-shares, and the
 * cap at the set EndBlock formed (validators that entered it).
 */
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import {
  DVPairs,
  DVVTriplets,
  Redelegation,
  UnbondingDelegation,
  ValAddresses,
  Validator,
  type Description,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import {
  MsgBeginRedelegate,
  MsgCancelUnbondingDelegation,
  MsgCreateValidator,
  MsgDelegate,
  MsgEditValidator,
  MsgUndelegate,
  MsgUpdateParams,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { ErrInvalidRequest } from "../../app/errors";
import { Dec, Int } from "../../app/math";
import type { JsonValue } from "../../app/module";
import { equalBytes } from "../../app/store";
import type { SimAccount } from "../../sim/keys";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type ExportDifference, type Expectation, type InvariantEnv, type ModuleSimulation, type OpEnv, type SimGenesis, type SimOperation, type SimTx } from "../../sim/types";
import { MsgUpdateParams as CapMsgUpdateParams } from "../../proto/plume/staking/v1/tx";
import { capBinds, capOf, judgeIncomingStake, minValidatorsForCap } from "./cap";
import {
  ErrCommissionGTMaxChangeRate,
  ErrCommissionUpdateTime,
  ErrDelegatorShareExRateInvalid,
  ErrGovInvalidSigner,
  ErrInvalidCapParams,
  ErrMaxRedelegationEntries,
  ErrMaxUnbondingDelegationEntries,
  ErrMinSelfDelegationDecreased,
  ErrNoValidatorFound,
  ErrTransitiveRedelegation,
  ErrValidatorJailed,
  ErrValidatorPowerCapExceeded,
  ErrValidatorPubKeyTypeNotSupported,
} from "./errors";
import { stakingGenesisToJson } from "./genesis";
import {
  capAfterEndBlockInvariant,
  capAfterStakeInvariant,
  delegatorSharesInvariant,
  moduleAccountsInvariant,
  nonNegativePowerInvariant,
  positiveDelegationInvariant,
  type InvariantResult as StakingInvariantResult,
} from "./invariants";
import type { StakingKeeper } from "./keeper";
import { POWER_REDUCTION } from "./params";
import { compareTimestamps } from "./time";
import {
  delegatorSharesOf,
  DO_NOT_MODIFY_DESC,
  invalidExRate,
  isBonded,
  isUnbonded,
  minSelfDelegationOf,
  newValidator,
  sharesFromTokens,
  tokensFromShares,
  tokensOf,
} from "./validator";

/** The validators x/genutil's simulation turns into gentxs when staking's genesis has none. */
export const GENTX_PLAN = "staking/gentx-plan";
export interface GentxPlanEntry {
  readonly operator: SimAccount;
  readonly amount: bigint;
}

/** Operations never bring the live (unjailed, powered) validators below this many. */
export const LIVE_VALIDATORS_FLOOR = 5;
/** create-validator stops adding validators beyond this many (EndBlock and reads stay cheap). */
const MAX_SIM_VALIDATORS = 60;
const DAY_NANOS = 86_400_000_000_000n;
/** Genesis stake per validator or delegation stays below this (whales join the set later, under the cap). */
const MAX_GENESIS_STAKE = 100_000_000_000n;
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

const ED25519 = "/cosmos.crypto.ed25519.PubKey";
/** A Dec with 3 decimals from per-mille (0.000 .. 1.000). */
const perMille = (n: number): Dec => Dec.withPrec(BigInt(n), 3);
const coin = (denom: string, amount: bigint) => ({ denom, amount: amount.toString() });

function consensusKey(key: Uint8Array): Any {
  return { typeUrl: ED25519, value: Ed25519PubKey.encode({ key }).finish() };
}

function timeNanos(t: Timestamp): bigint {
  return t.seconds * 1_000_000_000n + BigInt(t.nanos);
}

function randomDescription(r: SimRandom, moniker: string): Description {
  return { moniker, identity: "", website: r.text(0, 20), securityContact: "", details: r.text(0, 40) };
}

/** Random commission rates above the floor: rate <= max rate <= 1, max change <= max rate. */
function randomCommission(r: SimRandom, minRate: Dec): { rate: Dec; maxRate: Dec; maxChangeRate: Dec } {
  const floor = Number(minRate.mulInt(1000n).ceil().truncateInt().toBigInt());
  const maxRate = perMille(r.int(Math.max(floor, 1), 1000));
  const maxRateMille = Number(maxRate.mulInt(1000n).truncateInt().toBigInt());
  const rate = perMille(r.int(floor, maxRateMille));
  const maxChangeRate = perMille(r.int(0, maxRateMille));
  return { rate, maxRate, maxChangeRate };
}

export function stakingSimulation(k: StakingKeeper): ModuleSimulation {
  const store = (env: OpEnv) => k.store(env.ctx);
  const validators = (env: OpEnv): Validator[] => [...k.allValidators(store(env))];
  const live = (v: Validator): boolean => !v.jailed && tokensOf(v).toBigInt() >= POWER_REDUCTION;
  const liveCount = (env: OpEnv): number => validators(env).filter(live).length;

  /** The cap's verdict on `amount` arriving at `v`, or undefined when the cap does not bind. */
  const capVerdict = (env: OpEnv, v: Validator, amount: bigint, fromBondedSet: boolean) => {
    const { cap, binding } = k.capStatus(env.ctx);
    if (!binding) return undefined;
    return judgeIncomingStake(cap, {
      validatorTokens: tokensOf(v).toBigInt(),
      validatorBonded: isBonded(v),
      bondedTotal: k.totalBondedTokens(env.ctx).toBigInt(),
      amount,
      fromBondedSet,
    });
  };
  /** The most `v` can receive under the cap (unbounded: undefined). */
  const headroom = (env: OpEnv, v: Validator, fromBondedSet: boolean): bigint | undefined => capVerdict(env, v, 0n, fromBondedSet)?.headroom;
  const afterStake = (operator: Uint8Array) => (ctx: OpEnv["ctx"]) => {
    const res = capAfterStakeInvariant(ctx, k, operator);
    return res.broken ? res.message : undefined;
  };
  const amountUpTo = (env: OpEnv, max: bigint, room: bigint | undefined): bigint | undefined => {
    const limit = room === undefined || room > max ? max : room;
    return limit >= 1n ? env.r.bigint(1n, limit) : undefined;
  };

  /**
   * How many tokens may leave `v` (through `delegator`'s delegation, worth `held` tokens) without
   * jailing or de-powering a live validator when live validators are scarce.
   */
  const maxOutflow = (env: OpEnv, v: Validator, delegator: Uint8Array, held: bigint): bigint => {
    if (!live(v) || liveCount(env) > LIVE_VALIDATORS_FLOOR) return held;
    let max = held;
    const keepPowered = tokensOf(v).toBigInt() - POWER_REDUCTION;
    if (keepPowered < max) max = keepPowered;
    if (equalBytes(delegator, k.operatorBytes(v))) {
      const keepSelf = held - minSelfDelegationOf(v).toBigInt();
      if (keepSelf < max) max = keepSelf;
    }
    return max < 0n ? 0n : max;
  };

  /** A random delegation of a random account: its validator and what it is worth in tokens. */
  const randomDelegation = (env: OpEnv) => {
    const delegator = env.accounts.random(env.r);
    const ds = [...k.delegatorDelegations(store(env), delegator.address)];
    const d = env.r.maybePick(ds);
    if (d === undefined) return undefined;
    const operator = k.addresses.decodeValidator(d.validatorAddress);
    const v = k.getValidator(env.ctx, operator);
    if (v === undefined) return undefined;
    const held = tokensFromShares(v, Dec.fromProto(d.shares)).truncateInt().toBigInt();
    return { delegator, v, operator, held, shares: Dec.fromProto(d.shares) };
  };

  /** The richest of a few random accounts (those that can afford stake above the cap). */
  const richest = (env: OpEnv, keep: (a: SimAccount) => boolean = () => true): SimAccount | undefined => {
    let best: SimAccount | undefined;
    let most = -1n;
    for (let i = 0; i < 8; i++) {
      const a = env.accounts.random(env.r);
      const b = env.spendable(a.address, env.denom);
      if (keep(a) && b > most) [best, most] = [a, b];
    }
    return best;
  };

  const delegate = (aboveCap: boolean): SimOperation => ({
    name: aboveCap ? "delegate-above-cap" : "delegate",
    weight: aboveCap ? 6 : 60,
    generate(env): SimTx | undefined {
      const delegator = aboveCap ? richest(env) : env.accounts.random(env.r);
      if (delegator === undefined) return undefined;
      const v = env.r.maybePick(validators(env).filter((x) => !invalidExRate(x)));
      if (v === undefined) return undefined;
      const spendable = env.spendable(delegator.address, env.denom);
      const room = headroom(env, v, false);
      let amount: bigint | undefined;
      if (aboveCap) {
        // Just past what the cap allows (or far past it), if the delegator can pay it.
        if (room === undefined) return undefined;
        amount = room + (env.r.chance(1, 2) ? 1n : env.r.bigint(1n, 1_000_000_000n));
        if (amount > spendable) return undefined;
      } else {
        amount = amountUpTo(env, spendable, room);
        if (amount === undefined) return undefined;
      }
      const operator = k.operatorBytes(v);
      const msgs = [{ typeUrl: MsgDelegate.typeUrl, value: MsgDelegate.fromPartial({ delegatorAddress: delegator.bech32, validatorAddress: v.operatorAddress, amount: coin(env.denom, amount) }) }];
      const verdict = capVerdict(env, v, amount, false);
      const expect = verdict?.exceeds ? expectError(ErrValidatorPowerCapExceeded) : EXPECT_OK;
      return { msgs, tx: env.sign(delegator, msgs), expect, after: afterStake(operator) };
    },
  });

  const undelegate: SimOperation = {
    name: "undelegate",
    weight: 30,
    generate(env) {
      const d = randomDelegation(env);
      if (d === undefined) return undefined;
      const amount = amountUpTo(env, maxOutflow(env, d.v, d.delegator.address, d.held), undefined);
      if (amount === undefined) return undefined;
      const ubd = k.getUnbondingDelegation(env.ctx, d.delegator.address, d.operator);
      const full = (ubd?.entries.length ?? 0) >= k.getParams(env.ctx).maxEntries;
      const msgs = [{ typeUrl: MsgUndelegate.typeUrl, value: MsgUndelegate.fromPartial({ delegatorAddress: d.delegator.bech32, validatorAddress: d.v.operatorAddress, amount: coin(env.denom, amount) }) }];
      return { msgs, tx: env.sign(d.delegator, msgs), expect: full ? expectError(ErrMaxUnbondingDelegationEntries) : EXPECT_OK };
    },
  };

  const redelegate: SimOperation = {
    name: "redelegate",
    weight: 20,
    generate(env) {
      const d = randomDelegation(env);
      if (d === undefined) return undefined;
      const dst = env.r.maybePick(validators(env).filter((x) => x.operatorAddress !== d.v.operatorAddress));
      if (dst === undefined) return undefined;
      const srcBonded = isBonded(d.v);
      const amount = amountUpTo(env, maxOutflow(env, d.v, d.delegator.address, d.held), invalidExRate(dst) ? undefined : headroom(env, dst, srcBonded));
      if (amount === undefined) return undefined;
      const dstOperator = k.operatorBytes(dst);
      const msgs = [
        {
          typeUrl: MsgBeginRedelegate.typeUrl,
          value: MsgBeginRedelegate.fromPartial({ delegatorAddress: d.delegator.bech32, validatorSrcAddress: d.v.operatorAddress, validatorDstAddress: dst.operatorAddress, amount: coin(env.denom, amount) }),
        },
      ];
      // BeginRedelegation's checks in order: transitive, max entries, (unbond), ex-rate and cap of
      // the destination, then the source's fate (an unbonded source emptied by the move is gone).
      let expect: Expectation = EXPECT_OK;
      const shares = sharesFromTokens(d.v, Int.from(amount));
      if (k.hasReceivingRedelegation(store(env), d.delegator.address, d.operator)) expect = expectError(ErrTransitiveRedelegation);
      else if (k.hasMaxRedelegationEntries(env.ctx, d.delegator.address, d.operator, dstOperator)) expect = expectError(ErrMaxRedelegationEntries);
      else if (invalidExRate(dst)) expect = expectError(ErrDelegatorShareExRateInvalid);
      else if (capVerdict(env, dst, amount, srcBonded)?.exceeds) expect = expectError(ErrValidatorPowerCapExceeded);
      else if (isUnbonded(d.v) && delegatorSharesOf(d.v).sub(shares.gt(d.shares) ? d.shares : shares).isZero()) expect = expectError(ErrNoValidatorFound);
      return { msgs, tx: env.sign(d.delegator, msgs), expect, after: afterStake(dstOperator) };
    },
  };

  const cancelUnbonding: SimOperation = {
    name: "cancel-unbonding",
    weight: 15,
    generate(env) {
      const delegator = env.accounts.random(env.r);
      const ubds = validators(env)
        .map((v) => ({ v, ubd: k.getUnbondingDelegation(env.ctx, delegator.address, k.operatorBytes(v)) }))
        .filter((x) => x.ubd !== undefined);
      const pick = env.r.maybePick(ubds);
      if (pick === undefined || pick.ubd === undefined) return undefined;
      const entry = env.r.pick(pick.ubd.entries);
      // The keeper acts on the first entry created at that height.
      const first = pick.ubd.entries.find((e) => e.creationHeight === entry.creationHeight) ?? entry;
      const balance = Int.fromProto(first.balance).toBigInt();
      const v = pick.v;
      const amount = amountUpTo(env, balance, headroom(env, v, false));
      if (amount === undefined) return undefined;
      let expect: Expectation = EXPECT_OK;
      if (invalidExRate(v)) expect = expectError(ErrDelegatorShareExRateInvalid);
      else if (v.jailed) expect = expectError(ErrValidatorJailed);
      else if (compareTimestamps(first.completionTime, env.time) < 0) expect = expectError(ErrInvalidRequest);
      else if (capVerdict(env, v, amount, false)?.exceeds) expect = expectError(ErrValidatorPowerCapExceeded);
      const msgs = [
        {
          typeUrl: MsgCancelUnbondingDelegation.typeUrl,
          value: MsgCancelUnbondingDelegation.fromPartial({ delegatorAddress: delegator.bech32, validatorAddress: v.operatorAddress, amount: coin(env.denom, amount), creationHeight: entry.creationHeight }),
        },
      ];
      return { msgs, tx: env.sign(delegator, msgs), expect, after: afterStake(k.operatorBytes(v)) };
    },
  };

  const createValidator = (aboveCap: boolean): SimOperation => ({
    name: aboveCap ? "create-validator-above-cap" : "create-validator",
    weight: aboveCap ? 2 : 3,
    generate(env): SimTx | undefined {
      if (!aboveCap && validators(env).length >= MAX_SIM_VALIDATORS) return undefined;
      const isOperator = (a: SimAccount): boolean => k.getValidator(env.ctx, a.address) !== undefined;
      const operator = aboveCap ? richest(env, (a) => !isOperator(a)) : env.accounts.random(env.r);
      if (operator === undefined || isOperator(operator)) return undefined;
      const spendable = env.spendable(operator.address, env.denom);
      const { cap, binding } = k.capStatus(env.ctx);
      const bonded = k.totalBondedTokens(env.ctx).toBigInt();
      const verdictFor = (amount: bigint) =>
        binding ? judgeIncomingStake(cap, { validatorTokens: 0n, validatorBonded: false, bondedTotal: bonded, amount, fromBondedSet: false }) : undefined;
      const room = verdictFor(0n)?.headroom;
      let amount: bigint | undefined;
      if (aboveCap) {
        if (room === undefined) return undefined;
        amount = room + env.r.bigint(1n, 1_000_000_000n);
        if (amount > spendable) return undefined;
      } else {
        amount = amountUpTo(env, spendable, room);
        if (amount === undefined) return undefined;
      }
      const minRate = k.minCommissionRate(env.ctx);
      const c = randomCommission(env.r, minRate);
      const minSelf = env.r.bigint(1n, amount);
      const msg = MsgCreateValidator.fromPartial({
        description: randomDescription(env.r, `sim-${operator.index}-${env.r.text(1, 8)}`),
        commission: { rate: c.rate.toProto(), maxRate: c.maxRate.toProto(), maxChangeRate: c.maxChangeRate.toProto() },
        minSelfDelegation: minSelf.toString(),
        delegatorAddress: "",
        validatorAddress: operator.valoper,
        pubkey: consensusKey(env.r.bytes(32)),
        value: coin(env.denom, amount),
      });
      const msgs = [{ typeUrl: MsgCreateValidator.typeUrl, value: msg }];
      const allowed = env.ctx.consensusParams?.validator?.pubKeyTypes;
      let expect: Expectation = EXPECT_OK;
      if (allowed !== undefined && !allowed.includes("ed25519")) expect = expectError(ErrValidatorPubKeyTypeNotSupported);
      else if (verdictFor(amount)?.exceeds) expect = expectError(ErrValidatorPowerCapExceeded);
      return { msgs, tx: env.sign(operator, msgs), expect, after: afterStake(operator.address) };
    },
  });

  const editValidator: SimOperation = {
    name: "edit-validator",
    weight: 5,
    generate(env) {
      const v = env.r.maybePick(validators(env));
      if (v === undefined) return undefined;
      const operator = env.accounts.get(k.operatorBytes(v));
      if (operator === undefined) return undefined;
      const description: Description = {
        moniker: env.r.chance(1, 2) ? DO_NOT_MODIFY_DESC : `sim-edit-${env.r.text(1, 10)}`,
        identity: DO_NOT_MODIFY_DESC,
        website: env.r.chance(1, 2) ? DO_NOT_MODIFY_DESC : env.r.text(0, 30),
        securityContact: DO_NOT_MODIFY_DESC,
        details: env.r.chance(1, 2) ? DO_NOT_MODIFY_DESC : env.r.text(0, 50),
      };
      let expect: Expectation = EXPECT_OK;
      let commissionRate = "";
      const rates = v.commission.commissionRates;
      const current = Dec.fromProto(rates.rate);
      const minRate = k.minCommissionRate(env.ctx);
      if (env.r.chance(1, 2)) {
        const maxRate = Dec.fromProto(rates.maxRate);
        const maxChange = Dec.fromProto(rates.maxChangeRate);
        const elapsed = timeNanos(env.time) - timeNanos(v.commission.updateTime);
        // A rate within every bound, or (rarely) one step above the allowed change.
        const tooFast = env.r.chance(1, 10) && current.add(maxChange).add(perMille(1)).lte(maxRate);
        let rate: Dec;
        if (tooFast) rate = current.add(maxChange).add(perMille(1));
        else {
          const hi = Dec.min(maxRate, current.add(maxChange));
          const lo = minRate;
          if (hi.lt(lo)) return undefined;
          const span = hi.sub(lo).toAtomics();
          rate = Dec.fromAtomics(lo.toAtomics() + env.r.bigint(0n, span));
        }
        commissionRate = rate.toProto();
        if (rate.lt(minRate)) expect = expectError(ErrInvalidRequest);
        else if (elapsed < DAY_NANOS) expect = expectError(ErrCommissionUpdateTime);
        else if (tooFast) expect = expectError(ErrCommissionGTMaxChangeRate);
      }
      let minSelfDelegation = "";
      if (env.r.chance(1, 4)) {
        const currentMin = minSelfDelegationOf(v).toBigInt();
        const tokens = tokensOf(v).toBigInt();
        const lower = env.r.chance(1, 5);
        const value = lower ? env.r.bigint(1n, currentMin) : currentMin < tokens ? env.r.bigint(currentMin + 1n, tokens) : undefined;
        if (value !== undefined) {
          minSelfDelegation = value.toString();
          if (expect.ok && lower) expect = expectError(ErrMinSelfDelegationDecreased);
        }
      }
      const msg = MsgEditValidator.fromPartial({ description, validatorAddress: v.operatorAddress, commissionRate, minSelfDelegation });
      const msgs = [{ typeUrl: MsgEditValidator.typeUrl, value: msg }];
      return { msgs, tx: env.sign(operator, msgs), expect };
    },
  };

  /** A random cap: 0 (off), 1 (off), or a share from 5% to 50%. */
  const randomCap = (r: SimRandom): Dec => {
    const x = r.int(0, 9);
    if (x === 0) return Dec.zero();
    if (x === 1) return Dec.one();
    return Dec.withPrec(BigInt(r.int(5, 50)), 2);
  };

  const updateCap = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-cap" : variant === "unauthorized" ? "update-cap-unauthorized" : "update-cap-invalid",
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const share = variant === "invalid" ? Dec.one().add(perMille(env.r.int(1, 1000))) : randomCap(env.r);
      const msg = CapMsgUpdateParams.fromPartial({ authority: signer.bech32, params: { maxValidatorPowerShare: share.toProto() } });
      const msgs = [{ typeUrl: "/plume.staking.v1.MsgUpdateParams", value: msg }];
      let expect: Expectation = EXPECT_OK;
      if (signer !== env.authority) expect = expectError(ErrGovInvalidSigner);
      else if (variant === "invalid") expect = expectError(ErrInvalidCapParams);
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  const updateParams: SimOperation = {
    name: "update-params",
    weight: 1,
    generate(env) {
      const current = k.getParams(env.ctx);
      const params = { ...randomParams(env.r, current.bondDenom), historicalEntries: current.historicalEntries };
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: env.authority.bech32, params }) }];
      return { msgs, tx: env.sign(env.authority, msgs), expect: EXPECT_OK };
    },
  };

  return {
    module: "staking",
    genesis(g: SimGenesis) {
      const params = randomParams(g.r, g.denom);
      const cap = randomCap(g.r);
      // Enough validators for the cap to bind (it binds from ceil(1/cap) bonded validators).
      const needed = Math.max(LIVE_VALIDATORS_FLOOR, Number(minValidatorsForCap(cap)));
      const count = Math.min(g.accounts.length - 1, g.r.int(needed, needed + 8));
      params.maxValidators = Math.max(params.maxValidators, Number(minValidatorsForCap(cap)));
      const operators = g.r.shuffle(g.accounts.slice(1)).slice(0, count);
      const plan: GentxPlanEntry[] = operators.map((operator) => {
        const balance = g.funds.balance(operator.address, g.denom);
        return { operator, amount: g.r.bigint(10_000_000n, min(balance / 2n, MAX_GENESIS_STAKE)) };
      });
      const viaGentxs = g.r.chance(1, 2);
      const section = g.appState["staking"] as Record<string, JsonValue>;
      g.appState["plume_staking"] = { params: { max_validator_power_share: cap.toString() } };
      if (viaGentxs) {
        g.notes.set(GENTX_PLAN, plan);
        g.appState["staking"] = { ...section, ...(stakingGenesisToJson(emptyGenesis(params)) as Record<string, JsonValue>) };
        return;
      }
      // Validators in the staking genesis: unbonded with their tokens in the not-bonded pool;
      // InitGenesis bonds the strongest max_validators.
      const minRate = Dec.fromProto(params.minCommissionRate);
      const vals = plan.map(({ operator, amount }) => {
        g.funds.debit(operator.address, g.denom, amount);
        const c = randomCommission(g.r, minRate);
        const base = newValidator(k.addresses.encodeValidator(operator.address), consensusKey(g.r.bytes(32)), randomDescription(g.r, `genesis-${operator.index}`));
        return {
          operator,
          v: {
            ...base,
            tokens: amount.toString(),
            delegatorShares: Dec.fromInt(Int.from(amount)).toProto(),
            commission: { commissionRates: { rate: c.rate.toProto(), maxRate: c.maxRate.toProto(), maxChangeRate: c.maxChangeRate.toProto() }, updateTime: g.genesisTime },
            minSelfDelegation: g.r.bigint(1n, amount).toString(),
          },
        };
      });
      const delegations = vals.map(({ operator, v }) => ({ delegatorAddress: operator.bech32, validatorAddress: v.operatorAddress, shares: v.delegatorShares }));
      // Some accounts delegate at genesis too.
      for (const a of g.accounts) {
        if (!g.r.chance(1, 3)) continue;
        const target = g.r.pick(vals);
        if (target.operator === a) continue;
        const amount = g.r.bigint(1_000_000n, min(g.funds.balance(a.address, g.denom) / 4n, MAX_GENESIS_STAKE));
        g.funds.debit(a.address, g.denom, amount);
        target.v = { ...target.v, tokens: (BigInt(target.v.tokens) + amount).toString(), delegatorShares: Dec.fromProto(target.v.delegatorShares).add(Dec.fromInt(Int.from(amount))).toProto() };
        delegations.push({ delegatorAddress: a.bech32, validatorAddress: target.v.operatorAddress, shares: Dec.fromInt(Int.from(amount)).toProto() });
      }
      let pooled = 0n;
      for (const x of vals) pooled += BigInt(x.v.tokens);
      g.funds.credit(k.notBondedPoolAddress, g.denom, pooled);
      g.appState["staking"] = {
        ...section,
        ...(stakingGenesisToJson({ ...emptyGenesis(params), validators: vals.map((x) => x.v), delegations: mergeDelegations(delegations) }) as Record<string, JsonValue>),
      };
    },
    exportDifferences: STAKING_EXPORT_DIFFERENCES,
    operations: [
      delegate(false),
      delegate(true),
      undelegate,
      redelegate,
      cancelUnbonding,
      createValidator(false),
      createValidator(true),
      editValidator,
      updateCap("authority"),
      updateCap("unauthorized"),
      updateCap("invalid"),
      updateParams,
    ],
    invariants: [
      ...(
        [
          ["module-accounts", moduleAccountsInvariant],
          ["nonnegative-power", nonNegativePowerInvariant],
          ["positive-delegation", positiveDelegationInvariant],
          ["delegator-shares", delegatorSharesInvariant],
        ] as const
      ).map(([name, check]) => ({ name, check: (inv: InvariantEnv) => sdkFormat(check(inv.ctx, k)) })),
      {
        name: "validator-power-cap-entry",
        check: (inv) => {
          if (inv.previous === undefined) return { broken: false, message: "" };
          const prevStore = k.store(inv.previous);
          const before = k.lastValidators(prevStore).map((v) => k.operatorBytes(v));
          // EndBlock judged entrants with this block's cap params and the set of the block before.
          const cap = capOf(k.getCapParams(inv.ctx));
          return sdkFormat(capAfterEndBlockInvariant(inv.ctx, k, before, capBinds(cap, BigInt(before.length))));
        },
      },
    ],
  };
}

const sortedUnique = (items: readonly string[]): string[] => [...new Set(items)].sort();
const store = "staking";

/**
 * What the SDK's staking genesis does not carry, so an imported chain holds it differently (the
 * SDK's own import/export simulation skips these prefixes): the unbonding id counter and the id
 * index (an import starts counting again, so new entries get other ids), the order of pairs inside
 * a queue slot (insertion order), and historical info (headers of past blocks). Ids and queue
 * order are normalized away; everything else in those records must still be equal.
 */
export const STAKING_EXPORT_DIFFERENCES: readonly ExportDifference[] = [
  { store, prefix: Uint8Array.of(0x37), reason: "the last unbonding id is not in the genesis format" },
  { store, prefix: Uint8Array.of(0x38), reason: "the unbonding id index is not in the genesis format" },
  { store, prefix: Uint8Array.of(0x39), reason: "the unbonding id index is not in the genesis format" },
  { store, prefix: Uint8Array.of(0x50), reason: "historical info (past headers) is not in the genesis format" },
  {
    store,
    prefix: Uint8Array.of(0x21),
    reason: "validators' unbonding ids are renumbered after an import",
    normalize: (v) => Validator.encode({ ...Validator.decode(v), unbondingIds: [] }).finish(),
  },
  {
    store,
    prefix: Uint8Array.of(0x32),
    reason: "unbonding entries' ids are renumbered after an import",
    normalize: (v) => {
      const u = UnbondingDelegation.decode(v);
      return UnbondingDelegation.encode({ ...u, entries: u.entries.map((e) => ({ ...e, unbondingId: 0n })) }).finish();
    },
  },
  {
    store,
    prefix: Uint8Array.of(0x34),
    reason: "redelegation entries' ids are renumbered after an import",
    normalize: (v) => {
      const r = Redelegation.decode(v);
      return Redelegation.encode({ ...r, entries: r.entries.map((e) => ({ ...e, unbondingId: 0n })) }).finish();
    },
  },
  {
    store,
    prefix: Uint8Array.of(0x41),
    reason: "an unbonding queue slot lists its pairs in insertion order (and once per entry before an import)",
    normalize: (v) => new TextEncoder().encode(sortedUnique(DVPairs.decode(v).pairs.map((p) => `${p.delegatorAddress}/${p.validatorAddress}`)).join(",")),
  },
  {
    store,
    prefix: Uint8Array.of(0x42),
    reason: "a redelegation queue slot lists its triplets in insertion order",
    normalize: (v) =>
      new TextEncoder().encode(sortedUnique(DVVTriplets.decode(v).triplets.map((t) => `${t.delegatorAddress}/${t.validatorSrcAddress}/${t.validatorDstAddress}`)).join(",")),
  },
  {
    store,
    prefix: Uint8Array.of(0x43),
    reason: "a validator queue slot lists its validators in insertion order",
    normalize: (v) => new TextEncoder().encode(sortedUnique(ValAddresses.decode(v).addresses).join(",")),
  },
];

/** sdk.FormatInvariant's text: "staking: <name> invariant\n<details>\n". */
function sdkFormat(res: StakingInvariantResult): { broken: boolean; message: string } {
  return { broken: res.broken, message: `staking: ${res.name} invariant\n${res.message}\n` };
}

function emptyGenesis(params: ReturnType<typeof randomParams>) {
  return { params, lastTotalPower: 0n, lastValidatorPowers: [], validators: [], delegations: [], unbondingDelegations: [], redelegations: [], exported: false };
}

/** One delegation per (delegator, validator), shares added up, in a stable order. */
function mergeDelegations(list: { delegatorAddress: string; validatorAddress: string; shares: string }[]) {
  const out = new Map<string, { delegatorAddress: string; validatorAddress: string; shares: string }>();
  for (const d of list) {
    const key = `${d.delegatorAddress}/${d.validatorAddress}`;
    const prev = out.get(key);
    out.set(key, prev === undefined ? d : { ...d, shares: Dec.fromProto(prev.shares).add(Dec.fromProto(d.shares)).toProto() });
  }
  // deterministic: first-seen order of `list`, which the seed draws.
  return [...out.values()];
}

/** Staking params within their valid ranges, unbonding times short enough to mature in a run. */
function randomParams(r: SimRandom, bondDenom: string) {
  return {
    unbondingTime: { seconds: BigInt(r.int(60, 7200)), nanos: 0 },
    maxValidators: r.int(3, 30),
    maxEntries: r.int(1, 7),
    historicalEntries: r.int(0, 20),
    bondDenom,
    minCommissionRate: (r.chance(1, 2) ? Dec.zero() : perMille(r.int(0, 100))).toProto(),
  };
}
