import { toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../../app/address";
import { fromSdkJson, sdkJsonStringify, toSdkJson } from "../../app/json";
import type { JsonObject, JsonValue } from "../../app/module";
import { authModule } from "../auth/module";
import { expectedRefusal, sdkGenesisCase, sdkGenesisCases } from "../genutil/sdk-genesis.fixture";
import { BANK_GENESIS_TYPE, defaultBankGenesisJson, parseBankGenesis, validateBankGenesisStrict } from "./genesis";
import { bankModule } from "./module";
import { coins, createTestEnv, testAddress, type TestEnv } from "./test-fixtures";

const alice = testAddress(1);
const bob = testAddress(2);

function exportAll(env: TestEnv): { auth: JsonValue; bank: JsonValue } {
  const ctx = env.ctx();
  return { auth: authModule(env.auth).exportGenesis?.(ctx) as JsonValue, bank: bankModule(env.bank).exportGenesis?.(ctx) as JsonValue };
}

function importAll(state: { auth: JsonValue; bank: JsonValue }): TestEnv {
  const env = createTestEnv({ skipGenesis: true });
  const ctx = env.ctx();
  authModule(env.auth).validateGenesis?.(state.auth);
  authModule(env.auth).initGenesis?.(ctx, state.auth);
  bankModule(env.bank).validateGenesis?.(state.bank);
  bankModule(env.bank).initGenesis?.(ctx, state.bank);
  return env;
}

function bankGenesis(env: TestEnv, fields: JsonObject): JsonValue {
  return { ...(defaultBankGenesisJson() as JsonObject), ...fields };
}

/** GenesisState.Validate: what InitGenesis checks, then the checks only `genesis validate` makes. */
const problem = (env: TestEnv, genesis: JsonValue): string => {
  try {
    parseBankGenesis(genesis, env.addresses);
    validateBankGenesisStrict(genesis);
  } catch (err) {
    return (err as Error).message;
  }
  return "valid";
};

describe("bank genesis", () => {
  it("round-trips: init -> export -> init -> export gives the same sections", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake,7uatom");
    const ctx = env.ctx();
    env.bank.sendCoins(ctx, alice, bob, coins("30stake"));
    env.bank.sendCoinsFromAccountToModule(ctx, bob, "fee_collector", coins("1stake"));
    env.bank.setSendEnabled(ctx, "uatom", false);
    env.bank.setDenomMetadata(ctx, {
      description: "the staking token",
      denomUnits: [
        { denom: "stake", exponent: 0, aliases: ["microstake"] },
        { denom: "STAKE", exponent: 6, aliases: [] },
      ],
      base: "stake",
      display: "STAKE",
      name: "Stake",
      symbol: "STK",
      uri: "",
      uriHash: "",
    });
    const first = exportAll(env);
    const second = exportAll(importAll(first));
    expect(second).toEqual(first);
    // Byte for byte, through the JSON text a genesis file holds.
    const text = { auth: sdkJsonStringify(first.auth), bank: sdkJsonStringify(first.bank) };
    const third = exportAll(importAll({ auth: JSON.parse(text.auth) as JsonValue, bank: JSON.parse(text.bank) as JsonValue }));
    expect({ auth: sdkJsonStringify(third.auth), bank: sdkJsonStringify(third.bank) }).toEqual(text);
    const bank = first.bank as JsonObject;
    expect(bank["supply"]).toEqual([
      { denom: "stake", amount: "100" },
      { denom: "uatom", amount: "7" },
    ]);
    expect(bank["send_enabled"]).toEqual([{ denom: "uatom", enabled: false }]);
    expect(bank["params"]).toEqual({ send_enabled: [], default_send_enabled: true });
  });

  it("stores the balances in address order whatever the genesis order, and computes an absent supply", () => {
    const env = createTestEnv({ skipGenesis: true });
    const [low, high] = [alice, bob].sort(Buffer.compare) as [Uint8Array, Uint8Array];
    const genesis = bankGenesis(env, {
      balances: [
        { address: env.bech32(high), coins: [{ denom: "stake", amount: "2" }] },
        { address: env.bech32(low), coins: [{ denom: "stake", amount: "1" }] },
      ],
    });
    bankModule(env.bank).initGenesis?.(env.ctx(), genesis);
    const exported = bankModule(env.bank).exportGenesis?.(env.ctx()) as JsonObject;
    expect(exported["balances"]).toEqual([
      { address: env.bech32(low), coins: [{ denom: "stake", amount: "1" }] },
      { address: env.bech32(high), coins: [{ denom: "stake", amount: "2" }] },
    ]);
    expect(exported["supply"]).toEqual([{ denom: "stake", amount: "3" }]);
    expect(env.bank.getBalance(env.ctx(), moduleAddress("mint"), "stake").isZero()).toBe(true);
  });

  it("starts, as simd does, with denom metadata that only `genesis validate` refuses", () => {
    const env = createTestEnv({ skipGenesis: true });
    // No name, no symbol, and the same base twice: InitGenesis stores each, the last one wins.
    const bare = { base: "uplume", display: "uplume", denom_units: [{ denom: "uplume", exponent: 0 }] };
    const genesis = bankGenesis(env, { denom_metadata: [{ ...bare, description: "first" }, { ...bare, description: "second" }] });
    expect(() => validateBankGenesisStrict(genesis)).toThrow("bank.denom_metadata[0]: name field cannot be blank");
    const bank = bankModule(env.bank);
    bank.validateGenesis?.(genesis);
    bank.initGenesis?.(env.ctx(), genesis);
    expect(env.bank.getDenomMetadata(env.ctx(), "uplume")).toMatchObject({ base: "uplume", name: "", symbol: "", description: "second" });
    expect(() => bank.validateGenesisStrict?.(genesis)).toThrow("name field cannot be blank");
    expect(() => validateBankGenesisStrict(bankGenesis(env, { denom_metadata: [{ ...bare, name: "n", symbol: "S" }, { ...bare, name: "n", symbol: "S" }] }))).toThrow(
      "bank.denom_metadata[1]: duplicate client metadata for denom uplume",
    );
  });

  it("reads what the SDK reads and writes back the bytes it writes", () => {
    for (const c of sdkGenesisCases("bank").filter((x) => x.output !== undefined)) {
      const state = fromSdkJson(BANK_GENESIS_TYPE, JSON.parse(c.input), { path: "bank" });
      expect({ case: c.name, out: sdkJsonStringify(toSdkJson(BANK_GENESIS_TYPE, state)) }).toEqual({ case: c.name, out: c.output });
    }
    expect(sdkJsonStringify(defaultBankGenesisJson())).toBe(sdkGenesisCase("bank", "default").output);
  });

  it("initialises and exports the SDK's genesis byte for byte", () => {
    const c = sdkGenesisCase("bank", "balances, supply, metadata and send-enabled entries");
    const env = createTestEnv({ skipGenesis: true });
    authModule(env.auth).initGenesis?.(env.ctx(), authModule(env.auth).defaultGenesis?.() ?? {});
    const bank = bankModule(env.bank);
    bank.validateGenesis?.(JSON.parse(c.input) as JsonValue);
    bank.validateGenesisStrict?.(JSON.parse(c.input) as JsonValue);
    bank.initGenesis?.(env.ctx(), JSON.parse(c.input) as JsonValue);
    expect(sdkJsonStringify(bank.exportGenesis?.(env.ctx()) as JsonValue)).toBe(c.output);
  });

  it("refuses what the SDK refuses, unknown fields at any depth included, naming the path", () => {
    const env = createTestEnv({ skipGenesis: true });
    for (const c of sdkGenesisCases("bank").filter((x) => x.error !== undefined)) {
      expect(() => parseBankGenesis(JSON.parse(c.input) as JsonValue, env.addresses)).toThrow(expectedRefusal(c));
    }
    expect(() => parseBankGenesis(JSON.parse(sdkGenesisCase("bank", "an unknown field in a coin").input) as JsonValue, env.addresses)).toThrow(
      'bank.balances[0].coins[0]: unknown field "extra" in cosmos.base.v1beta1.Coin',
    );
    expect(() => validateBankGenesisStrict({ denom_metadata: [{ base: "stake", denom_units: [{ denom: "stake", exponent: 0, alias: [] }] }] })).toThrow(
      'bank.denom_metadata[0].denom_units[0]: unknown field "alias" in cosmos.bank.v1beta1.DenomUnit',
    );
  });

  it("reads an absent default_send_enabled as false, as proto3 JSON does", () => {
    const env = createTestEnv({ skipGenesis: true });
    expect(parseBankGenesis({ params: {} }, env.addresses).params.defaultSendEnabled).toBe(false);
    expect(parseBankGenesis({}, env.addresses).params.defaultSendEnabled).toBe(false);
  });

  it("validates as GenesisState.Validate does", () => {
    const env = createTestEnv({ skipGenesis: true });
    const a = env.bech32(alice);
    const bal = (address: string, list: { denom: string; amount: string }[]): JsonValue => ({ address, coins: list });
    const cases: [string, JsonObject, string][] = [
      ["duplicate balance", { balances: [bal(a, [{ denom: "stake", amount: "1" }]), bal(a, [{ denom: "stake", amount: "1" }])] }, `bank.balances[1]: duplicate balance for address ${a}`],
      ["unsorted coins", { balances: [bal(a, [{ denom: "uatom", amount: "1" }, { denom: "stake", amount: "1" }])] }, "bank.balances[0].coins: denomination stake is not sorted"],
      ["zero coin", { balances: [bal(a, [{ denom: "stake", amount: "0" }])] }, "bank.balances[0].coins: coin 0stake amount is not positive"],
      ["duplicate denom", { balances: [bal(a, [{ denom: "stake", amount: "1" }, { denom: "stake", amount: "2" }])] }, "bank.balances[0].coins: duplicate denomination stake"],
      // math.Int.UnmarshalJSON's text (the JSON reader's, not the protobuf one's "got: 257, max: 256").
      ["overflowing amount", { balances: [bal(a, [{ denom: "stake", amount: (1n << 256n).toString() }])] }, `bank.balances[0].coins[0].amount: integer out of range: ${1n << 256n}`],
      ["wrong prefix", { balances: [bal(toBech32("cosmos", alice), [])] }, "bank.balances[0].address: invalid Bech32 prefix; expected plume, got cosmos"],
      ["supply mismatch", { balances: [bal(a, [{ denom: "stake", amount: "10" }])], supply: [{ denom: "stake", amount: "5" }] }, "bank.supply: genesis supply is incorrect, expected 5stake, got 10stake"],
      ["duplicate send enabled", { send_enabled: [{ denom: "stake", enabled: true }, { denom: "stake", enabled: false }] }, "bank.send_enabled[1]: duplicate send enabled found: 'stake'"],
      ["bad send enabled denom", { send_enabled: [{ denom: "s", enabled: true }] }, "bank.send_enabled[0]: invalid denom: s"],
      ["send enabled in params", { params: { send_enabled: [{ denom: "stake", enabled: true }], default_send_enabled: true } }, "bank.params.send_enabled: use of send_enabled in params is no longer supported"],
      [
        "send enabled in both places",
        { params: { send_enabled: [{ denom: "stake", enabled: true }] }, send_enabled: [{ denom: "uatom", enabled: true }] },
        "bank.send_enabled: send_enabled defined in both the send_enabled field and in params (deprecated)",
      ],
      ["metadata without a name", { denom_metadata: [{ base: "stake", display: "stake", symbol: "S", denom_units: [{ denom: "stake", exponent: 0 }] }] }, "bank.denom_metadata[0]: name field cannot be blank"],
      [
        "metadata without its display unit",
        { denom_metadata: [{ base: "stake", display: "STAKE", name: "n", symbol: "S", denom_units: [{ denom: "stake", exponent: 0 }] }] },
        "bank.denom_metadata[0]: metadata must contain a denomination unit with display denom 'STAKE'",
      ],
      [
        "metadata units out of order",
        { denom_metadata: [{ base: "stake", display: "stake", name: "n", symbol: "S", denom_units: [{ denom: "stake", exponent: 0 }, { denom: "kstake", exponent: 0 }] }] },
        "bank.denom_metadata[0]: denom units should be sorted asc by exponent",
      ],
    ];
    for (const [, fields, want] of cases) expect(problem(env, bankGenesis(env, fields))).toBe(want);
    expect(problem(env, bankGenesis(env, { balances: [bal(a, [{ denom: "stake", amount: "10" }])], supply: [{ denom: "stake", amount: "10" }] }))).toBe("valid");
  });
});
