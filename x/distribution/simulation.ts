/**
 * x/distribution in the seeded simulation (sim/types.ts).
 *
 * Genesis: the community tax and whether withdraw addresses may be set, drawn within their valid
 * ranges (F1 records start empty: staking's genesis and gentxs create them through the hooks).
 *
 * Operations: withdraw a delegation's rewards (and one that does not exist: staking/19), withdraw
 * a validator's commission (distribution/7 when there is none worth a whole coin... or none at
 * all, as the keeper checks), set a withdraw address (8 when disabled, sdk/4 to a blocked module
 * account), fund the community pool, spend it through the authority (9 above what it holds),
 * deposit into a validator's rewards pool, change the params through the authority, from anyone
 * else (gov/13) and out of range (undefined/1).
 *
 * Invariants: the SDK's four (invariants.ts): nonnegative outstanding, can-withdraw, reference
 * count, module account.
 */
import {
  MsgCommunityPoolSpend,
  MsgDepositValidatorRewardsPool,
  MsgFundCommunityPool,
  MsgSetWithdrawAddress,
  MsgUpdateParams,
  MsgWithdrawDelegatorReward,
  MsgWithdrawValidatorCommission,
} from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { Params } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { moduleAddress } from "../../app/address";
import { ErrInternal, ErrUnauthorized } from "../../app/errors";
import { Dec } from "../../app/math";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type Expectation, type InvariantEnv, type ModuleSimulation, type SimOperation } from "../../sim/types";
import { ErrNoDelegation } from "../staking/errors";
import type { StakingKeeper } from "../staking/keeper";
import { STAKING_STORE } from "../staking/state-keys";
import { ErrBadDistribution, ErrNoValidatorCommission, ErrSetWithdrawAddrDisabled } from "./errors";
import { ErrGovInvalidSigner } from "../slashing/errors";
import { defaultDistributionGenesis, distributionGenesisToJson } from "./genesis";
import { canWithdrawInvariant, moduleAccountInvariant, nonNegativeOutstandingInvariant, referenceCountInvariant, type InvariantResult } from "./invariants";
import type { DistributionKeeper } from "./keeper";
import { DISTRIBUTION_MODULE_NAME } from "./keeper";

const perMille = (n: number): Dec => Dec.withPrec(BigInt(n), 3);

export function randomDistributionParams(r: SimRandom): Params {
  return {
    communityTax: perMille(r.int(0, 300)).toProto(),
    baseProposerReward: Dec.zero().toProto(),
    bonusProposerReward: Dec.zero().toProto(),
    withdrawAddrEnabled: r.chance(9, 10),
  };
}

const coin = (denom: string, amount: bigint) => ({ denom, amount: amount.toString() });

export function distributionSimulation(k: DistributionKeeper, staking: StakingKeeper): ModuleSimulation {
  const moduleAccount = moduleAddress(DISTRIBUTION_MODULE_NAME);

  const withdrawRewards = (exists: boolean): SimOperation => ({
    name: exists ? "withdraw-rewards" : "withdraw-rewards-no-delegation",
    weight: exists ? 30 : 2,
    generate(env) {
      const store = staking.store(env.ctx);
      const validators = [...staking.allValidators(store)];
      let delegator: Uint8Array;
      let validator: Uint8Array;
      if (exists) {
        const d = env.r.maybePick([...staking.allDelegations(store)]);
        if (d === undefined) return undefined;
        delegator = staking.addresses.decodeAccount(d.delegatorAddress);
        validator = staking.addresses.decodeValidator(d.validatorAddress);
      } else {
        const v = env.r.maybePick(validators);
        if (v === undefined) return undefined;
        validator = staking.operatorBytes(v);
        const outsider = env.accounts.all().find((a) => staking.getDelegation(env.ctx, a.address, validator) === undefined);
        if (outsider === undefined) return undefined;
        delegator = outsider.address;
      }
      const signer = env.accounts.get(delegator);
      if (signer === undefined) return undefined;
      const msg = MsgWithdrawDelegatorReward.fromPartial({ delegatorAddress: signer.bech32, validatorAddress: staking.addresses.encodeValidator(validator) });
      const msgs = [{ typeUrl: MsgWithdrawDelegatorReward.typeUrl, value: msg }];
      return { msgs, tx: env.sign(signer, msgs), expect: exists ? EXPECT_OK : expectError(ErrNoDelegation) };
    },
  });

  const withdrawCommission: SimOperation = {
    name: "withdraw-commission",
    weight: 10,
    generate(env) {
      const v = env.r.maybePick([...staking.allValidators(staking.store(env.ctx))]);
      if (v === undefined) return undefined;
      const operator = staking.operatorBytes(v);
      const signer = env.accounts.get(operator);
      if (signer === undefined) return undefined;
      const accumulated = k.accumulatedCommission(k.store(env.ctx), operator);
      const expect: Expectation = accumulated.isZero() ? expectError(ErrNoValidatorCommission) : EXPECT_OK;
      const msgs = [{ typeUrl: MsgWithdrawValidatorCommission.typeUrl, value: MsgWithdrawValidatorCommission.fromPartial({ validatorAddress: v.operatorAddress }) }];
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  };

  const setWithdrawAddress = (toModule: boolean): SimOperation => ({
    name: toModule ? "set-withdraw-address-blocked" : "set-withdraw-address",
    weight: toModule ? 1 : 5,
    generate(env) {
      const delegator = env.accounts.random(env.r);
      // Mostly someone else, now and then back to itself.
      const to = toModule ? staking.addresses.encodeAccount(moduleAccount) : (env.r.chance(1, 4) ? delegator : (env.accounts.randomOther(env.r, delegator) ?? delegator)).bech32;
      let expect: Expectation = EXPECT_OK;
      if (toModule) expect = expectError(ErrUnauthorized);
      else if (!k.getParams(env.ctx).withdrawAddrEnabled) expect = expectError(ErrSetWithdrawAddrDisabled);
      const msgs = [{ typeUrl: MsgSetWithdrawAddress.typeUrl, value: MsgSetWithdrawAddress.fromPartial({ delegatorAddress: delegator.bech32, withdrawAddress: to }) }];
      return { msgs, tx: env.sign(delegator, msgs), expect };
    },
  });

  const fundCommunityPool: SimOperation = {
    name: "fund-community-pool",
    weight: 5,
    generate(env) {
      const from = env.accounts.random(env.r);
      const spendable = env.spendable(from.address, env.denom);
      if (spendable < 1n) return undefined;
      const amount = env.r.bigint(1n, spendable < 1_000_000n ? spendable : 1_000_000n);
      const msgs = [{ typeUrl: MsgFundCommunityPool.typeUrl, value: MsgFundCommunityPool.fromPartial({ depositor: from.bech32, amount: [coin(env.denom, amount)] }) }];
      return { msgs, tx: env.sign(from, msgs), expect: EXPECT_OK };
    },
  };

  const communityPoolSpend = (variant: "authority" | "too-much" | "unauthorized"): SimOperation => ({
    name: variant === "authority" ? "community-pool-spend" : `community-pool-spend-${variant}`,
    weight: variant === "authority" ? 3 : 1,
    generate(env) {
      const pool = k.getCommunityPool(env.ctx).amountOf(env.denom).truncateInt().toBigInt();
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      let amount: bigint;
      if (variant === "too-much") amount = pool + env.r.bigint(1n, 1_000n);
      else if (pool < 1n) return undefined;
      else amount = env.r.bigint(1n, pool);
      const recipient = env.accounts.random(env.r);
      const msg = MsgCommunityPoolSpend.fromPartial({ authority: signer.bech32, recipient: recipient.bech32, amount: [coin(env.denom, amount)] });
      const msgs = [{ typeUrl: MsgCommunityPoolSpend.typeUrl, value: msg }];
      const expect = signer !== env.authority ? expectError(ErrGovInvalidSigner) : variant === "too-much" ? expectError(ErrBadDistribution) : EXPECT_OK;
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  const depositValidatorRewardsPool: SimOperation = {
    name: "deposit-validator-rewards-pool",
    weight: 3,
    generate(env) {
      const v = env.r.maybePick([...staking.allValidators(staking.store(env.ctx))]);
      if (v === undefined) return undefined;
      const from = env.accounts.random(env.r);
      const spendable = env.spendable(from.address, env.denom);
      if (spendable < 1n) return undefined;
      const amount = env.r.bigint(1n, spendable < 100_000n ? spendable : 100_000n);
      const msg = MsgDepositValidatorRewardsPool.fromPartial({ depositor: from.bech32, validatorAddress: v.operatorAddress, amount: [coin(env.denom, amount)] });
      const msgs = [{ typeUrl: MsgDepositValidatorRewardsPool.typeUrl, value: msg }];
      // No amino form in cosmjs: always SIGN_MODE_DIRECT.
      return { msgs, tx: env.sign(from, msgs, { mode: "direct" }), expect: EXPECT_OK };
    },
  };

  const updateParams = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-params" : `update-params-${variant}`,
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const params = randomDistributionParams(env.r);
      if (variant === "invalid") params.communityTax = Dec.fromInt(2n).toProto();
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: signer.bech32, params }) }];
      const expect = signer !== env.authority ? expectError(ErrGovInvalidSigner) : variant === "invalid" ? expectError(ErrInternal) : EXPECT_OK;
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  const deps = { keeper: k, staking, stakingStore: STAKING_STORE };
  const invariants = (
    [
      ["nonnegative-outstanding", nonNegativeOutstandingInvariant],
      ["can-withdraw", canWithdrawInvariant],
      ["reference-count", referenceCountInvariant],
      ["module-account", moduleAccountInvariant],
    ] as const
  ).map(([name, check]) => ({ name, check: (i: InvariantEnv) => sdkFormat(check(i.ctx, deps)) }));

  return {
    module: "distribution",
    genesis(g) {
      g.appState["distribution"] = distributionGenesisToJson({ ...defaultDistributionGenesis(), params: randomDistributionParams(g.r) });
    },
    operations: [
      withdrawRewards(true),
      withdrawRewards(false),
      withdrawCommission,
      setWithdrawAddress(false),
      setWithdrawAddress(true),
      fundCommunityPool,
      communityPoolSpend("authority"),
      communityPoolSpend("too-much"),
      communityPoolSpend("unauthorized"),
      depositValidatorRewardsPool,
      updateParams("authority"),
      updateParams("unauthorized"),
      updateParams("invalid"),
    ],
    invariants,
  };
}

function sdkFormat(res: InvariantResult): { broken: boolean; message: string } {
  return { broken: res.broken, message: `distribution: ${res.name} invariant\n${res.message}\n` };
}
