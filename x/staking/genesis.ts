/**
 * x/staking genesis in SDK v0.50's JSON (the proto3 JSON of cosmos.staking.v1beta1.GenesisState:
 * snake_case, int64/uint64 and Int as strings, Dec as "0.100000000000000000", times RFC 3339,
 * durations "1814400s"), and InitGenesis / ExportGenesis with x/staking/keeper/genesis.go's
 * semantics. The cap's own section (app_state.plume_staking) is at the end.
 */
import {
  BondStatus,
  Params,
  type Delegation,
  type Redelegation,
  type UnbondingDelegation,
  type Validator,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { Context, rfc3339ToTimestamp } from "../../app/context";
import { asArray, asBool, asInt, asObject, asString, asUint, JsonError } from "../../app/json-read";
import { Coin, Coins, Dec, Int } from "../../app/math";
import type { JsonObject, JsonValue } from "../../app/module";
import { CapParams, defaultCapParams, validateCapParams } from "./cap";
import { BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, type StakingKeeper } from "./keeper";
import { defaultStakingParams, stakingParamsFromJson, stakingParamsToJson, validateStakingParams } from "./params";
import { consensusPubKeyFromJson, consensusPubKeyToJson, decodeConsensusPubKey } from "./pubkey";
import { formatJsonTime } from "./time";
import { abciValidatorUpdate, applyAndReturnValidatorSetUpdates } from "./val-state-change";
import { bondStatusName, delegatorSharesOf, isBonded, isUnbonding, tokensOf } from "./validator";

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

// --- JSON out ------------------------------------------------------------------------------

const dec = (atomics: string): string => Dec.fromProto(atomics).toString();
const int = (s: string): string => Int.fromProto(s).toString();

function validatorToJson(v: Validator): JsonValue {
  return {
    operator_address: v.operatorAddress,
    consensus_pubkey: consensusPubKeyToJson(v.consensusPubkey),
    jailed: v.jailed,
    status: bondStatusName(v.status),
    tokens: int(v.tokens),
    delegator_shares: dec(v.delegatorShares),
    description: {
      moniker: v.description.moniker,
      identity: v.description.identity,
      website: v.description.website,
      security_contact: v.description.securityContact,
      details: v.description.details,
    },
    unbonding_height: v.unbondingHeight.toString(),
    unbonding_time: formatJsonTime(v.unbondingTime),
    commission: {
      commission_rates: {
        rate: dec(v.commission.commissionRates.rate),
        max_rate: dec(v.commission.commissionRates.maxRate),
        max_change_rate: dec(v.commission.commissionRates.maxChangeRate),
      },
      update_time: formatJsonTime(v.commission.updateTime),
    },
    min_self_delegation: int(v.minSelfDelegation),
    unbonding_on_hold_ref_count: v.unbondingOnHoldRefCount.toString(),
    unbonding_ids: v.unbondingIds.map((id) => id.toString()),
  };
}

export function stakingGenesisToJson(g: StakingGenesis): JsonValue {
  return {
    params: stakingParamsToJson(g.params),
    last_total_power: g.lastTotalPower.toString(),
    last_validator_powers: g.lastValidatorPowers.map((p) => ({ address: p.address, power: p.power.toString() })),
    validators: g.validators.map(validatorToJson),
    delegations: g.delegations.map((d) => ({ delegator_address: d.delegatorAddress, validator_address: d.validatorAddress, shares: dec(d.shares) })),
    unbonding_delegations: g.unbondingDelegations.map((u) => ({
      delegator_address: u.delegatorAddress,
      validator_address: u.validatorAddress,
      entries: u.entries.map((e) => ({
        creation_height: e.creationHeight.toString(),
        completion_time: formatJsonTime(e.completionTime),
        initial_balance: int(e.initialBalance),
        balance: int(e.balance),
        unbonding_id: e.unbondingId.toString(),
        unbonding_on_hold_ref_count: e.unbondingOnHoldRefCount.toString(),
      })),
    })),
    redelegations: g.redelegations.map((r) => ({
      delegator_address: r.delegatorAddress,
      validator_src_address: r.validatorSrcAddress,
      validator_dst_address: r.validatorDstAddress,
      entries: r.entries.map((e) => ({
        creation_height: e.creationHeight.toString(),
        completion_time: formatJsonTime(e.completionTime),
        initial_balance: int(e.initialBalance),
        shares_dst: dec(e.sharesDst),
        unbonding_id: e.unbondingId.toString(),
        unbonding_on_hold_ref_count: e.unbondingOnHoldRefCount.toString(),
      })),
    })),
    exported: g.exported,
  };
}

// --- JSON in -------------------------------------------------------------------------------

function field<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof JsonError) throw err;
    throw new JsonError(path, (err as Error).message);
  }
}

const decField = (o: JsonObject, key: string, path: string): string => field(`${path}.${key}`, () => Dec.fromString(asString(o[key], `${path}.${key}`)).toProto());
const intField = (o: JsonObject, key: string, path: string): string => field(`${path}.${key}`, () => Int.fromString(asString(o[key], `${path}.${key}`)).toString());
const timeField = (o: JsonObject, key: string, path: string) => field(`${path}.${key}`, () => rfc3339ToTimestamp(asString(o[key], `${path}.${key}`)));
const strOr = (v: JsonValue | undefined, path: string): string => (v === undefined || v === null ? "" : asString(v, path));

function statusFromJson(v: JsonValue | undefined, path: string): BondStatus {
  switch (asString(v, path)) {
    case "BOND_STATUS_UNBONDED":
      return BondStatus.BOND_STATUS_UNBONDED;
    case "BOND_STATUS_UNBONDING":
      return BondStatus.BOND_STATUS_UNBONDING;
    case "BOND_STATUS_BONDED":
      return BondStatus.BOND_STATUS_BONDED;
    default:
      throw new JsonError(path, `invalid bond status ${JSON.stringify(v)}`);
  }
}

function validatorFromJson(json: JsonValue, path: string): Validator {
  const o = asObject(json, path);
  const pk = asObject(o["consensus_pubkey"], `${path}.consensus_pubkey`);
  const desc = o["description"] === undefined ? {} : asObject(o["description"], `${path}.description`);
  const commission = asObject(o["commission"], `${path}.commission`);
  const rates = asObject(commission["commission_rates"], `${path}.commission.commission_rates`);
  const ratesPath = `${path}.commission.commission_rates`;
  return {
    operatorAddress: asString(o["operator_address"], `${path}.operator_address`),
    consensusPubkey: field(`${path}.consensus_pubkey`, () =>
      consensusPubKeyFromJson(asString(pk["@type"], `${path}.consensus_pubkey.@type`), asString(pk["key"], `${path}.consensus_pubkey.key`)),
    ),
    jailed: o["jailed"] === undefined ? false : asBool(o["jailed"], `${path}.jailed`),
    status: statusFromJson(o["status"], `${path}.status`),
    tokens: intField(o, "tokens", path),
    delegatorShares: decField(o, "delegator_shares", path),
    description: {
      moniker: strOr(desc["moniker"], `${path}.description.moniker`),
      identity: strOr(desc["identity"], `${path}.description.identity`),
      website: strOr(desc["website"], `${path}.description.website`),
      securityContact: strOr(desc["security_contact"], `${path}.description.security_contact`),
      details: strOr(desc["details"], `${path}.description.details`),
    },
    unbondingHeight: asInt(o["unbonding_height"] ?? "0", `${path}.unbonding_height`),
    unbondingTime: timeField(o, "unbonding_time", path),
    commission: {
      commissionRates: { rate: decField(rates, "rate", ratesPath), maxRate: decField(rates, "max_rate", ratesPath), maxChangeRate: decField(rates, "max_change_rate", ratesPath) },
      updateTime: timeField(commission, "update_time", `${path}.commission`),
    },
    minSelfDelegation: intField(o, "min_self_delegation", path),
    unbondingOnHoldRefCount: asInt(o["unbonding_on_hold_ref_count"] ?? "0", `${path}.unbonding_on_hold_ref_count`),
    unbondingIds: asArray(o["unbonding_ids"], `${path}.unbonding_ids`).map((id, i) => asUint(id, `${path}.unbonding_ids[${i}]`)),
  };
}

export function parseStakingGenesis(json: JsonValue): StakingGenesis {
  const root = asObject(json, "staking");
  const params = stakingParamsFromJson(root["params"], "staking.params");
  const validators = asArray(root["validators"], "staking.validators").map((v, i) => validatorFromJson(v, `staking.validators[${i}]`));
  const delegations = asArray(root["delegations"], "staking.delegations").map((d, i): Delegation => {
    const path = `staking.delegations[${i}]`;
    const o = asObject(d, path);
    return {
      delegatorAddress: asString(o["delegator_address"], `${path}.delegator_address`),
      validatorAddress: asString(o["validator_address"], `${path}.validator_address`),
      shares: decField(o, "shares", path),
    };
  });
  const unbondingDelegations = asArray(root["unbonding_delegations"], "staking.unbonding_delegations").map((u, i): UnbondingDelegation => {
    const path = `staking.unbonding_delegations[${i}]`;
    const o = asObject(u, path);
    return {
      delegatorAddress: asString(o["delegator_address"], `${path}.delegator_address`),
      validatorAddress: asString(o["validator_address"], `${path}.validator_address`),
      entries: asArray(o["entries"], `${path}.entries`).map((e, j) => {
        const p = `${path}.entries[${j}]`;
        const x = asObject(e, p);
        return {
          creationHeight: asInt(x["creation_height"] ?? "0", `${p}.creation_height`),
          completionTime: timeField(x, "completion_time", p),
          initialBalance: intField(x, "initial_balance", p),
          balance: intField(x, "balance", p),
          unbondingId: asUint(x["unbonding_id"] ?? "0", `${p}.unbonding_id`),
          unbondingOnHoldRefCount: asInt(x["unbonding_on_hold_ref_count"] ?? "0", `${p}.unbonding_on_hold_ref_count`),
        };
      }),
    };
  });
  const redelegations = asArray(root["redelegations"], "staking.redelegations").map((r, i): Redelegation => {
    const path = `staking.redelegations[${i}]`;
    const o = asObject(r, path);
    return {
      delegatorAddress: asString(o["delegator_address"], `${path}.delegator_address`),
      validatorSrcAddress: asString(o["validator_src_address"], `${path}.validator_src_address`),
      validatorDstAddress: asString(o["validator_dst_address"], `${path}.validator_dst_address`),
      entries: asArray(o["entries"], `${path}.entries`).map((e, j) => {
        const p = `${path}.entries[${j}]`;
        const x = asObject(e, p);
        return {
          creationHeight: asInt(x["creation_height"] ?? "0", `${p}.creation_height`),
          completionTime: timeField(x, "completion_time", p),
          initialBalance: intField(x, "initial_balance", p),
          sharesDst: decField(x, "shares_dst", p),
          unbondingId: asUint(x["unbonding_id"] ?? "0", `${p}.unbonding_id`),
          unbondingOnHoldRefCount: asInt(x["unbonding_on_hold_ref_count"] ?? "0", `${p}.unbonding_on_hold_ref_count`),
        };
      }),
    };
  });
  const lastValidatorPowers = asArray(root["last_validator_powers"], "staking.last_validator_powers").map((p, i) => {
    const o = asObject(p, `staking.last_validator_powers[${i}]`);
    return { address: asString(o["address"], `staking.last_validator_powers[${i}].address`), power: asInt(o["power"] ?? "0", `staking.last_validator_powers[${i}].power`) };
  });
  return {
    params,
    lastTotalPower: field("staking.last_total_power", () => Int.fromString(asString(root["last_total_power"] ?? "0", "staking.last_total_power")).toBigInt()),
    lastValidatorPowers,
    validators,
    delegations,
    unbondingDelegations,
    redelegations,
    exported: root["exported"] === undefined ? false : asBool(root["exported"], "staking.exported"),
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
  return { params: { max_validator_power_share: Dec.fromProto(p.maxValidatorPowerShare === "" ? "0" : p.maxValidatorPowerShare).toString() } };
}

export function parseCapGenesis(json: JsonValue): CapParams {
  const root = asObject(json, "plume_staking");
  const params = asObject(root["params"], "plume_staking.params");
  const share = field("plume_staking.params.max_validator_power_share", () =>
    Dec.fromString(asString(params["max_validator_power_share"], "plume_staking.params.max_validator_power_share")),
  );
  const p = CapParams.fromPartial({ maxValidatorPowerShare: share.toProto() });
  try {
    validateCapParams(p);
  } catch (err) {
    throw new JsonError("plume_staking.params", (err as Error).message);
  }
  return p;
}
