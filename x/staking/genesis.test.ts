import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromSdkJson, sdkJsonStringify, toSdkJson } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { expectedRefusal, sdkGenesisCase, sdkGenesisCases } from "../genutil/sdk-genesis.fixture";
import {
  capGenesisToJson,
  defaultCapGenesisJson,
  defaultStakingGenesisJson,
  exportStakingGenesis,
  initStakingGenesis,
  parseCapGenesis,
  parseStakingGenesis,
  STAKING_GENESIS_TYPE,
  stakingGenesisToJson,
  validateStakingGenesis,
} from "./genesis";
import { BOND_DENOM, Harness, addresses, consensusKey, delegator, operator, valoper } from "./harness.fixture";
import { assertStakingInvariants } from "./invariants";
import { BONDED_POOL_NAME, NOT_BONDED_POOL_NAME } from "./keeper";
import { consensusPubKeyToJson } from "./pubkey";
import { moduleAddress } from "../../app/address";

const vectors = JSON.parse(readFileSync(join(__dirname, "testdata", "sdk-vectors.json"), "utf8")) as { genesis_json: JsonValue };

/** A chain with validators in every state, delegations, unbonding delegations and redelegations. */
function busyChain(): Harness {
  const h = new Harness({ cap: "0", params: { maxValidators: 2 } });
  h.createValidator(0, 30_000_000n);
  h.createValidator(1, 20_000_000n);
  h.createValidator(2, 10_000_000n);
  h.nextBlock();
  h.fund(delegator(0), 10_000_000n);
  expect(h.delegate(0, 0, 4_000_000n).error).toBeUndefined();
  expect(h.undelegate(delegator(0), 0, 1_000_000n).error).toBeUndefined();
  expect(h.redelegate(delegator(0), 0, 1, 1_000_000n).error).toBeUndefined();
  expect(h.delegate(0, 2, 15_000_000n - 9_000_000n).error).toBeUndefined();
  h.nextBlock();
  assertStakingInvariants(h.ctx(), h.keeper);
  return h;
}

describe("staking genesis", () => {
  it("reads and writes the SDK's JSON byte for byte", () => {
    const parsed = parseStakingGenesis(vectors.genesis_json);
    expect(stakingGenesisToJson(parsed)).toEqual(vectors.genesis_json);
    expect(JSON.stringify(stakingGenesisToJson(parsed))).toBe(JSON.stringify(vectors.genesis_json));
  });

  it("reads what the SDK reads and writes back the bytes it writes", () => {
    for (const c of sdkGenesisCases("staking").filter((x) => x.output !== undefined)) {
      const state = fromSdkJson(STAKING_GENESIS_TYPE, JSON.parse(c.input), { path: "staking" });
      expect({ case: c.name, out: sdkJsonStringify(toSdkJson(STAKING_GENESIS_TYPE, state)) }).toEqual({ case: c.name, out: c.output });
    }
    expect(sdkJsonStringify(defaultStakingGenesisJson("stake"))).toBe(sdkGenesisCase("staking", "default").output);
    // time.ParseDuration's forms: the stored params hold 21 days.
    expect(parseStakingGenesis(JSON.parse(sdkGenesisCase("staking", "durations as time.ParseDuration reads them").input) as JsonValue).params.unbondingTime).toEqual({
      seconds: 1_814_400n,
      nanos: 0,
    });
  });

  it("refuses what the SDK refuses, unknown fields at any depth included, naming the path", () => {
    for (const c of sdkGenesisCases("staking").filter((x) => x.error !== undefined)) {
      expect(() => parseStakingGenesis(JSON.parse(c.input) as JsonValue)).toThrow(expectedRefusal(c));
    }
    expect(() => parseStakingGenesis(JSON.parse(sdkGenesisCase("staking", "an unknown field in a validator").input) as JsonValue)).toThrow(
      'staking.validators[0]: unknown field "power" in cosmos.staking.v1beta1.Validator',
    );
    const sparse = JSON.parse(sdkGenesisCase("staking", "missing fields are zero values (a zero time is year 1)").input) as JsonValue;
    expect(() => parseStakingGenesis(sparse)).toThrow("staking.validators[0].status: invalid bond status BOND_STATUS_UNSPECIFIED");
  });

  it("reads missing amounts as a Go node stores them (0), or refuses those the SDK would panic on", () => {
    const json = vectors.genesis_json as Record<string, JsonValue>;
    const [validator] = json["validators"] as Record<string, JsonValue>[];
    const without = (...keys: string[]): JsonValue => Object.fromEntries(Object.entries(validator as Record<string, JsonValue>).filter(([k]) => !keys.includes(k)));
    const genesis = parseStakingGenesis({ ...json, validators: [without("commission", "min_self_delegation")] });
    const v = genesis.validators[0];
    expect([v?.commission.commissionRates, v?.minSelfDelegation, v?.commission.updateTime]).toEqual([
      { rate: "0", maxRate: "0", maxChangeRate: "0" },
      "0",
      { seconds: -62135596800n, nanos: 0 },
    ]);
    expect(() => parseStakingGenesis({ ...json, validators: [without("tokens")] })).toThrow("staking.validators[0].tokens: missing");
  });

  it("round-trips an exported chain: export -> init on a fresh chain -> the same export", () => {
    const h = busyChain();
    const exported = stakingGenesisToJson(exportStakingGenesis(h.ctx(), h.keeper));
    const json = JSON.parse(JSON.stringify(exported)) as JsonValue;
    const genesis = parseStakingGenesis(json);
    validateStakingGenesis(genesis);
    expect(genesis.exported).toBe(true);

    const fresh = new Harness({ cap: "0" });
    // bank state comes from bank's own genesis: mirror the pools and accounts
    fresh.fund(moduleAddress(BONDED_POOL_NAME), h.bondedPool());
    fresh.fund(moduleAddress(NOT_BONDED_POOL_NAME), h.notBondedPool());
    fresh.height = h.height;
    fresh.time = h.time;
    const updates = fresh.must((ctx) => initStakingGenesis(ctx, fresh.keeper, genesis));
    // the exported last powers become the first validator set
    expect(updates.map((u) => u.power)).toEqual(genesis.lastValidatorPowers.map((p) => p.power));
    const again = stakingGenesisToJson(exportStakingGenesis(fresh.ctx(), fresh.keeper));
    expect(sdkJsonStringify(again)).toBe(sdkJsonStringify(exported));
    assertStakingInvariants(fresh.ctx(), fresh.keeper);
    // the queues were rebuilt: the unbonding completes on the new chain
    fresh.height += 1n;
    fresh.time = { seconds: fresh.time.seconds + 22n * 86_400n, nanos: 0 };
    const end = fresh.endBlock();
    expect(end.events.some((e) => e.type === "complete_unbonding")).toBe(true);
    expect(end.events.some((e) => e.type === "complete_redelegation")).toBe(true);
  });

  it("bonds genesis validators and returns them as the first validator set", () => {
    const json = defaultStakingGenesisJson(BOND_DENOM) as Record<string, JsonValue>;
    const validator = {
      operator_address: valoper(0),
      consensus_pubkey: consensusPubKeyToJson(consensusKey(0)),
      jailed: false,
      status: "BOND_STATUS_UNBONDED",
      tokens: "5000000",
      delegator_shares: "5000000.000000000000000000",
      description: { moniker: "genesis", identity: "", website: "", security_contact: "", details: "" },
      unbonding_height: "0",
      unbonding_time: "1970-01-01T00:00:00Z",
      commission: { commission_rates: { rate: "0.100000000000000000", max_rate: "0.200000000000000000", max_change_rate: "0.010000000000000000" }, update_time: "1970-01-01T00:00:00Z" },
      min_self_delegation: "1",
      unbonding_on_hold_ref_count: "0",
      unbonding_ids: [],
    };
    const genesis = parseStakingGenesis({
      ...json,
      validators: [validator],
      delegations: [{ delegator_address: addresses.encodeAccount(operator(0)), validator_address: valoper(0), shares: "5000000.000000000000000000" }],
    });
    const fresh = new Harness({ cap: "0" });
    // wrong pool balance: refused as the SDK panics
    expect(() => fresh.must((ctx) => initStakingGenesis(ctx, fresh.keeper, genesis))).toThrow(
      "not bonded pool balance is different from not bonded coins:  <-> 5000000stake",
    );
    fresh.fund(moduleAddress(NOT_BONDED_POOL_NAME), 5_000_000n);
    const updates = fresh.must((ctx) => initStakingGenesis(ctx, fresh.keeper, genesis));
    expect(updates).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc0) }, power: 5n }]);
    expect(fresh.bondedPool()).toBe(5_000_000n);
    expect(fresh.auth.created).toEqual(expect.arrayContaining([BONDED_POOL_NAME, NOT_BONDED_POOL_NAME]));
    assertStakingInvariants(fresh.ctx(), fresh.keeper);
  });

  it("validates like the SDK", () => {
    const base = parseStakingGenesis(vectors.genesis_json);
    const v = base.validators[0];
    if (v === undefined) throw new Error("vector has a validator");
    expect(() => validateStakingGenesis({ ...base, validators: [v, { ...v, operatorAddress: valoper(9) }] })).toThrow("duplicate validator in genesis state");
    expect(() => validateStakingGenesis({ ...base, validators: [{ ...v, jailed: true }] })).toThrow("validator is bonded and jailed in genesis state");
    expect(() => validateStakingGenesis({ ...base, validators: [{ ...v, delegatorShares: "0" }] })).toThrow("cannot have zero delegator shares");
    expect(() => validateStakingGenesis({ ...base, params: { ...base.params, maxValidators: 0 } })).toThrow("params: max validators must be positive: 0");
    const json = vectors.genesis_json as Record<string, JsonValue>;
    const params = json["params"] as Record<string, JsonValue>;
    expect(() => parseStakingGenesis({ ...json, params: { ...params, unbonding_time: "soon" } })).toThrow('staking.params.unbonding_time: bad Duration: time: invalid duration "soon"');
  });

  it("has a default with the chain's bond denom", () => {
    expect(defaultStakingGenesisJson("uplume")).toEqual({
      params: {
        unbonding_time: "1814400s",
        max_validators: 100,
        max_entries: 7,
        historical_entries: 10000,
        bond_denom: "uplume",
        min_commission_rate: "0.000000000000000000",
      },
      last_total_power: "0",
      last_validator_powers: [],
      validators: [],
      delegations: [],
      unbonding_delegations: [],
      redelegations: [],
      exported: false,
    });
  });
});

describe("cap genesis (app_state.plume_staking)", () => {
  it("defaults to 0.20 and round-trips", () => {
    expect(defaultCapGenesisJson()).toEqual({ params: { max_validator_power_share: "0.200000000000000000" } });
    expect(capGenesisToJson(parseCapGenesis({ params: { max_validator_power_share: "0.15" } }))).toEqual({ params: { max_validator_power_share: "0.150000000000000000" } });
    expect(() => parseCapGenesis({ params: { max_validator_power_share: "2" } })).toThrow("plume_staking.params: max_validator_power_share cannot be greater than 1");
    expect(sdkJsonStringify(capGenesisToJson(parseCapGenesis(JSON.parse('{"params":{"max_validator_power_share":"0.2"}}') as JsonValue)))).toBe(
      '{"params":{"max_validator_power_share":"0.200000000000000000"}}',
    );
  });

  it("refuses unknown fields and a missing share, naming the path", () => {
    expect(() => parseCapGenesis({ params: { max_validator_power_share: "0.2", max_share: "0.3" } })).toThrow(
      'plume_staking.params: unknown field "max_share" in plume.staking.v1.Params',
    );
    expect(() => parseCapGenesis({ params: { max_validator_power_share: "0.2" }, extra: {} })).toThrow('plume_staking: unknown field "extra" in plume.staking.v1.GenesisState');
    expect(() => parseCapGenesis({})).toThrow("plume_staking.params: max_validator_power_share must be set (0 turns the cap off)");
    expect(() => parseCapGenesis({ params: { max_validator_power_share: "abc" } })).toThrow(/^plume_staking\.params\.max_validator_power_share: /);
  });
});
