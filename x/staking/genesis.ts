/**
 * x/staking genesis: the SDK's JSON of cosmos.staking.v1beta1.GenesisState (snake_case, int64/uint64
 * and Int as strings, Dec as "0.100000000000000000", times RFC 3339, durations "1814400s"), read
 * and written by the SDK JSON codec (app/json) as the SDK's codec.ProtoCodec reads and writes it:
 * unknown fields refused, missing fields Go's zero values. InitGenesis / ExportGenesis follow
 * x/staking/keeper/genesis.go. The cap's own section (app_state.plume_staking, the
 * plume.staking.v1.GenesisState) is at the end.
 */
import { GenesisState } from "cosmjs-types/cosmos/staking/v1beta1/genesis";
import { BondStatus, type Delegation, type Params, type Redelegation, type UnbondingDelegation, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../app/context";
import { bytesToSdkJson, fromSdkJson, sdkJsonToBytes, toSdkJson } from "../../app/json";
import { Coin, Coins, Int } from "../../app/math";
import type { JsonValue } from "../../app/module";
import { GenesisState as CapGenesisState } from "../../proto/plume/staking/v1/cap";
import { CapParams, defaultCapParams, validateCapParams } from "./cap";
import { BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, type StakingKeeper } from "./keeper";
import { defaultStakingParams, validateStakingParams } from "./params";
import { decodeConsensusPubKey } from "./pubkey";
import { abciValidatorUpdate, applyAndReturnValidatorSetUpdates } from "./val-state-change";
import { delegatorSharesOf, isBonded, isUnbonding, tokensOf } from "./validator";

export const STAKING_GENESIS_TYPE = "cosmos.staking.v1beta1.GenesisState";
export const CAP_GENESIS_TYPE = "plume.staking.v1.GenesisState";

export interface StakingGenesis {
  readonly params: Params;
  readonly lastTotalPower: bigint;
  readonly lastValidatorPowers: readonly { readonly address: string; readonly power: bigint }[];
  readonly validators: readonly Validator[];
  readonly delegations: readonly Delegation[];
  readonly unbondingDelegations: readonly UnbondingDelegation[];
  readonly redelegations: readonly Redelegation[];
  readonly exported: boolean;
}

export function defaultStakingGenesisJson(bondDenom: string): JsonValue {
  return stakingGenesisToJson({
    params: defaultStakingParams(bondDenom),
    lastTotalPower: 0n,
    lastValidatorPowers: [],
    validators: [],
    delegations: [],
    unbondingDelegations: [],
    redelegations: [],
    exported: false,
  });
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export function stakingGenesisToJson(g: StakingGenesis): JsonValue {
  return toSdkJson(
    STAKING_GENESIS_TYPE,
    GenesisState.fromPartial({
      params: g.params,
      // A customtype Int in a bytes field: its decimal text.
      lastTotalPower: utf8.encode(g.lastTotalPower.toString()),
      lastValidatorPowers: [...g.lastValidatorPowers],
      validators: [...g.validators],
      delegations: [...g.delegations],
      unbondingDelegations: [...g.unbondingDelegations],
      redelegations: [...g.redelegations],
      exported: g.exported,
    }),
  );
}

/** A math.Int or LegacyDec the JSON left out: Go holds nil and stores it as "0". */
const orZero = (value: string): string => (value === "" ? "0" : value);

/** One Go cannot hold nil: its InitGenesis or ValidateGenesis would panic on it. */
function required(value: string, path: string): string {
  if (value === "") throw new Error(`${path}: missing (the SDK cannot use a nil amount here)`);
  return value;
}

/**
 * Reads a staking section. Beyond what the codec checks (field names, types, Int and Dec syntax),
 * each validator's status must be one of the three and its consensus key a supported one, and the
 * amounts the SDK would panic on when missing must be there, so that `genesis validate` names the
 * entry rather than InitChain failing later. Other missing amounts become 0, as a Go node stores them.
 */
export function parseStakingGenesis(json: JsonValue): StakingGenesis {
  const state = fromSdkJson<GenesisState>(STAKING_GENESIS_TYPE, json, { path: "staking" });
  const validators = state.validators.map((v, i): Validator => {
    const path = `staking.validators[${i}]`;
    if (v.status !== BondStatus.BOND_STATUS_UNBONDED && v.status !== BondStatus.BOND_STATUS_UNBONDING && v.status !== BondStatus.BOND_STATUS_BONDED) {
      throw new Error(`${path}.status: invalid bond status ${v.status === BondStatus.BOND_STATUS_UNSPECIFIED ? "BOND_STATUS_UNSPECIFIED" : String(v.status)}`);
    }
    try {
      decodeConsensusPubKey(v.consensusPubkey);
    } catch (err) {
      throw new Error(`${path}.consensus_pubkey: ${(err as Error).message}`, { cause: err });
    }
    const rates = v.commission.commissionRates;
    return {
      ...v,
      tokens: required(v.tokens, `${path}.tokens`),
      delegatorShares: required(v.delegatorShares, `${path}.delegator_shares`),
      commission: { ...v.commission, commissionRates: { rate: orZero(rates.rate), maxRate: orZero(rates.maxRate), maxChangeRate: orZero(rates.maxChangeRate) } },
      minSelfDelegation: orZero(v.minSelfDelegation),
    };
  });
  const unbondingDelegations = state.unbondingDelegations.map(
    (u, i): UnbondingDelegation => ({
      ...u,
      entries: u.entries.map((e, j) => ({ ...e, initialBalance: orZero(e.initialBalance), balance: required(e.balance, `staking.unbonding_delegations[${i}].entries[${j}].balance`) })),
    }),
  );
  const powerText = fromUtf8.decode(state.lastTotalPower);
  return {
    params: state.params,
    lastTotalPower: Int.fromProto(orZero(powerText)).toBigInt(),
    lastValidatorPowers: state.lastValidatorPowers,
    validators,
    delegations: state.delegations.map((d): Delegation => ({ ...d, shares: orZero(d.shares) })),
    unbondingDelegations,
    redelegations: state.redelegations.map(
      (r): Redelegation => ({ ...r, entries: r.entries.map((e) => ({ ...e, initialBalance: orZero(e.initialBalance), sharesDst: orZero(e.sharesDst) })) }),
    ),
    exported: state.exported,
  };
}

/**
 * ValidateGenesis (x/staking/genesis.go): no two validators with one consensus key, none bonded
 * and jailed, none without shares unless unbonding; then Params.Validate.
 */
export function validateStakingGenesis(g: StakingGenesis): void {
  const seen = new Set<string>();
  for (const v of g.validators) {
    const key = Buffer.from(decodeConsensusPubKey(v.consensusPubkey).key).toString("hex");
    if (seen.has(key)) throw new Error(`duplicate validator in genesis state: moniker ${v.description.moniker}, operator ${v.operatorAddress}`);
    if (v.jailed && isBonded(v)) throw new Error(`validator is bonded and jailed in genesis state: moniker ${v.description.moniker}, operator ${v.operatorAddress}`);
    if (delegatorSharesOf(v).isZero() && !isUnbonding(v)) {
      throw new Error(`bonded/unbonded genesis validator cannot have zero delegator shares, validator: ${v.operatorAddress}`);
    }
    seen.add(key);
  }
  try {
    validateStakingParams(g.params);
  } catch (err) {
    throw new Error(`params: ${(err as Error).message}`, { cause: err });
  }
}

// --- InitGenesis / ExportGenesis ------------------------------------------------------------

/**
 * InitGenesis: runs "one block before genesis" (height 0), saves params, validators with their
 * indexes (afterValidatorCreated unless exported), delegations (before/after hooks unless
 * exported), unbonding delegations and redelegations with their queue entries; requires the pool
 * accounts' balances to equal the validators' (and unbonding entries') tokens exactly; returns the
 * validator set: the stored last powers of an export, else the result of a set update.
 */
export function initStakingGenesis(outer: Context, k: StakingKeeper, g: StakingGenesis): ValidatorUpdate[] {
  // SDK: ctx.WithBlockHeight(1 - sdk.ValidatorUpdateDelay), whatever the chain's initial height.
  const ctx = outer.withBlockHeight(0n);
  const a = k.addresses;
  let bonded = 0n;
  let notBonded = 0n;
  k.setParams(ctx, g.params);
  k.setLastTotalPower(ctx, g.lastTotalPower);

  for (const v of g.validators) {
    k.setValidator(ctx, v);
    k.setValidatorByConsAddr(ctx, v);
    k.setValidatorByPowerIndex(ctx, v);
    if (!g.exported) k.hooks.afterValidatorCreated(ctx, a.decodeValidator(v.operatorAddress));
    if (isUnbonding(v)) k.insertUnbondingValidatorQueue(ctx, v);
    if (v.status === BondStatus.BOND_STATUS_BONDED) bonded += tokensOf(v).toBigInt();
    else if (v.status === BondStatus.BOND_STATUS_UNBONDING || v.status === BondStatus.BOND_STATUS_UNBONDED) notBonded += tokensOf(v).toBigInt();
    else throw new Error("invalid validator status");
  }

  for (const d of g.delegations) {
    let delegator: Uint8Array;
    try {
      delegator = a.decodeAccount(d.delegatorAddress);
    } catch (err) {
      throw new Error(`invalid delegator address: ${(err as Error).message}`, { cause: err });
    }
    const validator = a.decodeValidator(d.validatorAddress);
    if (!g.exported) k.hooks.beforeDelegationCreated(ctx, delegator, validator);
    k.setDelegation(ctx, delegator, validator, d);
    if (!g.exported) k.hooks.afterDelegationModified(ctx, delegator, validator);
  }

  for (const u of g.unbondingDelegations) {
    k.setUnbondingDelegation(ctx, a.decodeAccount(u.delegatorAddress), a.decodeValidator(u.validatorAddress), u);
    for (const e of u.entries) {
      k.insertUBDQueue(ctx, u, e.completionTime);
      notBonded += Int.fromProto(e.balance).toBigInt();
    }
  }

  for (const r of g.redelegations) {
    k.setRedelegation(ctx, a.decodeAccount(r.delegatorAddress), a.decodeValidator(r.validatorSrcAddress), a.decodeValidator(r.validatorDstAddress), r);
    for (const e of r.entries) k.insertRedelegationQueue(ctx, r, e.completionTime);
  }

  const denom = g.params.bondDenom;
  const expect = (amount: bigint): Coins => Coins.of(Coin.of(denom, amount));
  const bondedPool = k.accountKeeper.getModuleAccount(ctx, BONDED_POOL_NAME);
  const bondedBalance = k.bankKeeper.getAllBalances(ctx, bondedPool.address);
  if (!bondedBalance.equal(expect(bonded))) {
    throw new Error(`bonded pool balance is different from bonded coins: ${bondedBalance.toString()} <-> ${expect(bonded).toString()}`);
  }
  const notBondedPool = k.accountKeeper.getModuleAccount(ctx, NOT_BONDED_POOL_NAME);
  const notBondedBalance = k.bankKeeper.getAllBalances(ctx, notBondedPool.address);
  if (!notBondedBalance.equal(expect(notBonded))) {
    throw new Error(`not bonded pool balance is different from not bonded coins: ${notBondedBalance.toString()} <-> ${expect(notBonded).toString()}`);
  }

  if (!g.exported) return applyAndReturnValidatorSetUpdates(k, ctx);
  const updates: ValidatorUpdate[] = [];
  for (const lv of g.lastValidatorPowers) {
    const operator = a.decodeValidator(lv.address);
    k.setLastValidatorPower(ctx, operator, lv.power);
    const v = k.getValidator(ctx, operator);
    if (v === undefined) throw new Error(`validator ${lv.address} not found`);
    // Keep the next-set offset: the first block uses the last power.
    updates.push({ ...abciValidatorUpdate(v), power: lv.power });
  }
  return updates;
}

export function exportStakingGenesis(ctx: Context, k: StakingKeeper): StakingGenesis {
  const store = k.store(ctx);
  return {
    params: k.getParams(ctx),
    lastTotalPower: k.getLastTotalPower(ctx),
    lastValidatorPowers: [...k.lastValidatorPowers(store)].map(([operator, power]) => ({ address: k.addresses.encodeValidator(operator), power })),
    validators: [...k.allValidators(store)],
    delegations: [...k.allDelegations(store)],
    unbondingDelegations: [...k.allUnbondingDelegations(store)],
    redelegations: [...k.allRedelegations(store)],
    exported: true,
  };
}

// --- the cap's section (app_state.plume_staking) ----------------------------------------------

export function defaultCapGenesisJson(): JsonValue {
  return capGenesisToJson(defaultCapParams());
}

export function capGenesisToJson(p: CapParams): JsonValue {
  return bytesToSdkJson(CAP_GENESIS_TYPE, CapGenesisState.encode({ params: p }).finish());
}

/** Reads and validates the cap's section, plume.staking.v1.GenesisState, through the same codec. */
export function parseCapGenesis(json: JsonValue): CapParams {
  const { params } = CapGenesisState.decode(sdkJsonToBytes(CAP_GENESIS_TYPE, json, { path: "plume_staking" }));
  try {
    validateCapParams(params);
  } catch (err) {
    throw new Error(`plume_staking.params: ${(err as Error).message}`, { cause: err });
  }
  return params;
}
