import { MsgBeginRedelegateResponse, MsgUndelegateResponse } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import { BOND_DENOM, DAY, GENESIS_TIME, GOV_AUTHORITY, Harness, addresses, consensusKey, delAddr, delegator, operator, valoper } from "./harness.fixture";
import { assertStakingInvariants } from "./invariants";
import { consensusAddressOfAny } from "./pubkey";
import { defaultStakingParams } from "./params";
import { BondStatus } from "./validator";

const D = (s: string): Dec => Dec.fromString(s);

function expectError(error: unknown, codespace: string, code: number, message?: string): void {
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect({ codespace: e.codespace, code: e.code }).toEqual({ codespace, code });
  if (message !== undefined) expect(e.message).toBe(message);
}

function checked(h: Harness): void {
  assertStakingInvariants(h.ctx(), h.keeper);
}

describe("MsgCreateValidator", () => {
  it("creates an unbonded validator with a 1:1 self-delegation, bonded at the next EndBlock", () => {
    const h = new Harness({ cap: "0" });
    h.fund(operator(0), 10_000_000n);
    const r = h.deliver(h.handlers.createValidator, h.createValidatorMsg(0, 10_000_000n));
    expect(r.error).toBeUndefined();
    expect(r.result?.typeUrl).toBe("/cosmos.staking.v1beta1.MsgCreateValidatorResponse");
    const created = r.events.find((e) => e.type === "create_validator");
    expect(created?.attributes).toEqual([
      { key: "validator", value: valoper(0) },
      { key: "amount", value: "10000000stake" },
    ]);
    expect(r.events.map((e) => e.type)).toEqual(["coin_spent", "coin_received", "create_validator"]);

    const v = h.keeper.getValidator(h.ctx(), operator(0));
    expect(v?.status).toBe(BondStatus.BOND_STATUS_UNBONDED);
    expect(v?.tokens).toBe("10000000");
    expect(Dec.fromProto(v?.delegatorShares ?? "").toString()).toBe("10000000.000000000000000000");
    expect(v?.commission.updateTime).toEqual(GENESIS_TIME);
    expect(v?.commission.commissionRates.rate).toBe(D("0.1").toProto());
    expect(v?.minSelfDelegation).toBe("1");
    expect(h.keeper.getDelegation(h.ctx(), operator(0), operator(0))?.shares).toBe(D("10000000").toProto());
    expect(h.keeper.getValidatorByConsAddr(h.ctx(), consensusAddressOfAny(consensusKey(0)))?.operatorAddress).toBe(valoper(0));
    expect(h.notBondedPool()).toBe(10_000_000n);
    expect(h.balance(operator(0))).toBe(0n);
    checked(h);

    const { updates } = h.endBlock();
    expect(updates).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc0) }, power: 10n }]);
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.status).toBe(BondStatus.BOND_STATUS_BONDED);
    expect(h.bondedPool()).toBe(10_000_000n);
    expect(h.notBondedPool()).toBe(0n);
    expect(h.keeper.getLastTotalPower(h.ctx())).toBe(10n);
    checked(h);
  });

  it("refuses bad input with the SDK's errors and changes nothing", () => {
    const h = new Harness({ cap: "0", params: { minCommissionRate: D("0.05").toProto() } });
    h.createValidator(0, 5_000_000n);
    h.fund(operator(1), 100_000_000n);
    const before = h.snapshot();
    const cases: [Parameters<Harness["createValidatorMsg"]>[2] & { amount?: bigint; i?: number }, string, number, string?][] = [
      [{ rate: "0.01" }, "staking", 40, "cannot set validator commission to less than minimum rate of 0.050000000000000000: commission cannot be less than min rate"],
      [{ i: 0 }, "staking", 4],
      [{ key: consensusKey(0) }, "staking", 5],
      [{ denom: "uatom" }, "sdk", 18, "invalid coin denomination: got uatom, expected stake: invalid request"],
      [{ rate: "0.3", maxRate: "0.2" }, "staking", 11],
      [{ maxRate: "1.5" }, "staking", 10],
      [{ maxChangeRate: "0.3", maxRate: "0.2" }, "staking", 14],
      [{ minSelfDelegation: "20000000" }, "staking", 16],
      [{ minSelfDelegation: "0" }, "sdk", 18, "minimum self delegation must be a positive integer: invalid request"],
      [{ amount: 0n }, "sdk", 18, "invalid delegation amount: invalid request"],
      [{ amount: 200_000_000n }, "sdk", 5, "failed to delegate; 100000000stake is smaller than 200000000stake: insufficient funds"],
    ];
    for (const [opts, codespace, code, message] of cases) {
      const msg = h.createValidatorMsg(opts.i ?? 1, opts.amount ?? 10_000_000n, opts);
      const r = h.deliver(h.handlers.createValidator, msg);
      expectError(r.error, codespace, code, message);
      expect(h.snapshot()).toBe(before);
    }
    // consensus key type not allowed by the consensus params
    h.consensusParams = { ...h.consensusParams, validator: { pubKeyTypes: ["secp256k1"] } };
    const r = h.deliver(h.handlers.createValidator, h.createValidatorMsg(1, 10_000_000n));
    expectError(r.error, "staking", 6, "got: ed25519, expected: [secp256k1]: validator pubkey type is not supported");
    expect(h.snapshot()).toBe(before);
    // empty pubkey and empty description
    const noKey = { ...h.createValidatorMsg(1, 10_000_000n), pubkey: undefined };
    expectError(h.deliver(h.handlers.createValidator, noKey).error, "staking", 39);
    const noDesc = { ...h.createValidatorMsg(1, 10_000_000n), description: { moniker: "", identity: "", website: "", securityContact: "", details: "" } };
    expectError(h.deliver(h.handlers.createValidator, noDesc).error, "sdk", 18, "empty description: invalid request");
    const badAddr = { ...h.createValidatorMsg(1, 10_000_000n), validatorAddress: delAddr(1) };
    expectError(h.deliver(h.handlers.createValidator, badAddr).error, "sdk", 7);
    expect(h.snapshot()).toBe(before);
  });

  it("signs with the operator account", () => {
    const h = new Harness();
    expect(h.handlers.createValidator.signers(h.createValidatorMsg(3, 1n))).toEqual([addresses.encodeAccount(operator(3))]);
  });
});

describe("MsgEditValidator", () => {
  function edit(h: Harness, rate: string | undefined, minSelfDelegation: string | undefined, moniker = "[do-not-modify]") {
    return h.deliver(h.handlers.editValidator, {
      description: { moniker, identity: "id", website: "[do-not-modify]", securityContact: "[do-not-modify]", details: "[do-not-modify]" },
      validatorAddress: valoper(0),
      commissionRate: rate === undefined ? "" : D(rate).toProto(),
      minSelfDelegation: minSelfDelegation ?? "",
    });
  }

  it("changes the commission at most once per 24h, within max rate and max change rate", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n, { rate: "0.10", maxRate: "0.20", maxChangeRate: "0.01" });
    const before = h.snapshot();
    expectError(edit(h, "0.105", undefined).error, "staking", 12); // same block as creation
    expect(h.snapshot()).toBe(before);

    h.time = { seconds: GENESIS_TIME.seconds + DAY - 1n, nanos: 0 };
    expectError(edit(h, "0.105", undefined).error, "staking", 12);
    h.time = { seconds: GENESIS_TIME.seconds + DAY, nanos: 0 };
    expectError(edit(h, "0.25", undefined).error, "staking", 11);
    expectError(edit(h, "0.12", undefined).error, "staking", 15);
    expectError(edit(h, "1.5", undefined).error, "sdk", 18, "commission rate must be between 0 and 1 (inclusive): invalid request");
    expect(h.snapshot()).toBe(before);

    const r = edit(h, "0.11", undefined);
    expect(r.error).toBeUndefined();
    const v = h.keeper.getValidator(h.ctx(), operator(0));
    expect(v?.commission.commissionRates.rate).toBe(D("0.11").toProto());
    expect(v?.commission.updateTime).toEqual(h.time);
    expect(v?.description).toEqual({ moniker: "validator-0", identity: "id", website: "", securityContact: "", details: "" });
    expect(r.events).toEqual([
      {
        type: "edit_validator",
        attributes: [
          {
            key: "commission_rate",
            value: `commission_rates:<rate:"110000000000000000" max_rate:"200000000000000000" max_change_rate:"10000000000000000" > update_time:<seconds:${h.time.seconds} > `,
          },
          { key: "min_self_delegation", value: "1" },
        ],
      },
    ]);
    // a second change within 24h of the first
    h.time = { seconds: h.time.seconds + DAY - 1n, nanos: 0 };
    expectError(edit(h, "0.10", undefined).error, "staking", 12);
  });

  it("only raises min self delegation, never above the tokens", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n, { minSelfDelegation: "1000" });
    expectError(edit(h, undefined, "1000").error, "staking", 17);
    expectError(edit(h, undefined, "999").error, "staking", 17);
    expectError(edit(h, undefined, "10000001").error, "staking", 16);
    expectError(edit(h, undefined, "0").error, "sdk", 18);
    expect(edit(h, undefined, "2000").error).toBeUndefined();
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.minSelfDelegation).toBe("2000");
  });

  it("refuses an empty description and a missing validator", () => {
    const h = new Harness({ cap: "0" });
    const r = h.deliver(h.handlers.editValidator, {
      description: { moniker: "", identity: "", website: "", securityContact: "", details: "" },
      validatorAddress: valoper(0),
      commissionRate: "",
      minSelfDelegation: "",
    });
    expectError(r.error, "sdk", 18, "empty description: invalid request");
    expectError(edit(h, undefined, undefined).error, "staking", 3);
  });
});

describe("MsgDelegate", () => {
  it("issues shares at the validator's exchange rate (QuoInt truncation) and emits delegate", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.endBlock();
    // A 10% slash at the current height: 9,000,000 tokens for 10,000,000 shares.
    h.must((ctx) => h.keeper.slash(ctx, consensusAddressOfAny(consensusKey(0)), h.height, 10n, D("0.1")));
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.tokens).toBe("9000000");
    h.fund(delegator(0), 5_000_000n);
    const r = h.delegate(0, 0, 1_000_000n);
    expect(r.error).toBeUndefined();
    // 10,000,000 * 1,000,000 / 9,000,000 with 18 decimals, truncated
    const expected = "1111111.111111111111111111";
    expect(r.events.find((e) => e.type === "delegate")?.attributes).toEqual([
      { key: "validator", value: valoper(0) },
      { key: "delegator", value: delAddr(0) },
      { key: "amount", value: "1000000stake" },
      { key: "new_shares", value: expected },
    ]);
    expect(Dec.fromProto(h.keeper.getDelegation(h.ctx(), delegator(0), operator(0))?.shares ?? "").toString()).toBe(expected);
    const v = h.keeper.getValidator(h.ctx(), operator(0));
    expect(v?.tokens).toBe("10000000");
    expect(Dec.fromProto(v?.delegatorShares ?? "").toString()).toBe("11111111.111111111111111111");
    expect(h.bondedPool()).toBe(10_000_000n);
    expect(h.balance(delegator(0))).toBe(4_000_000n);
    checked(h);

    // A second delegation adds to the same delegation.
    expect(h.delegate(0, 0, 9n).error).toBeUndefined();
    expect(Dec.fromProto(h.keeper.getDelegation(h.ctx(), delegator(0), operator(0))?.shares ?? "").toString()).toBe("1111121.111111111111111110");
    checked(h);
  });

  it("refuses a missing validator, a wrong denom, more than the balance, a zero amount; nothing changes", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.fund(delegator(0), 1_000n);
    const before = h.snapshot();
    expectError(h.delegate(0, 5, 10n).error, "staking", 3, "validator does not exist");
    const wrongDenom = h.deliver(h.handlers.delegate, { delegatorAddress: delAddr(0), validatorAddress: valoper(0), amount: { denom: "uatom", amount: "10" } });
    expectError(wrongDenom.error, "sdk", 18, "invalid coin denomination: got uatom, expected stake: invalid request");
    expectError(h.delegate(0, 0, 1_001n).error, "sdk", 5, "failed to delegate; 1000stake is smaller than 1001stake: insufficient funds");
    expectError(h.delegate(0, 0, 0n).error, "sdk", 18, "invalid delegation amount: invalid request");
    const badDel = h.deliver(h.handlers.delegate, { delegatorAddress: valoper(0), validatorAddress: valoper(0), amount: { denom: BOND_DENOM, amount: "1" } });
    expectError(badDel.error, "sdk", 7);
    expect(h.snapshot()).toBe(before);
  });

  it("refuses delegating to a validator whose tokens were all slashed (invalid exchange rate, 34)", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.endBlock();
    h.must((ctx) => h.keeper.slash(ctx, consensusAddressOfAny(consensusKey(0)), h.height, 10n, D("1")));
    h.fund(delegator(0), 1_000n);
    expectError(h.delegate(0, 0, 10n).error, "staking", 34);
  });
});

describe("MsgUndelegate", () => {
  it("moves tokens bonded -> not bonded, completes at block time + unbonding_time, merges same-block entries", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.endBlock();
    h.fund(delegator(0), 3_000_000n);
    expect(h.delegate(0, 0, 3_000_000n).error).toBeUndefined();

    const r = h.undelegate(delegator(0), 0, 1_000_000n);
    expect(r.error).toBeUndefined();
    const completion = { seconds: GENESIS_TIME.seconds + 21n * DAY, nanos: 0 };
    expect(MsgUndelegateResponse.decode(r.result?.value ?? new Uint8Array())).toEqual({ completionTime: completion, amount: { denom: "stake", amount: "1000000" } });
    expect(r.events.find((e) => e.type === "unbond")?.attributes).toEqual([
      { key: "validator", value: valoper(0) },
      { key: "delegator", value: delAddr(0) },
      { key: "amount", value: "1000000stake" },
      { key: "completion_time", value: "2023-12-05T22:13:20Z" },
    ]);
    expect(h.bondedPool()).toBe(12_000_000n);
    expect(h.notBondedPool()).toBe(1_000_000n);
    checked(h);

    // Same height, same completion time: merged into the first entry (a new unbonding id is still taken).
    expect(h.undelegate(delegator(0), 0, 500_000n).error).toBeUndefined();
    let ubd = h.keeper.getUnbondingDelegation(h.ctx(), delegator(0), operator(0));
    expect(ubd?.entries).toEqual([
      { creationHeight: 1n, completionTime: completion, initialBalance: "1500000", balance: "1500000", unbondingId: 1n, unbondingOnHoldRefCount: 0n },
    ]);
    // Next block: a separate entry.
    h.nextBlock(5n);
    expect(h.undelegate(delegator(0), 0, 500_000n).error).toBeUndefined();
    ubd = h.keeper.getUnbondingDelegation(h.ctx(), delegator(0), operator(0));
    expect(ubd?.entries.map((e) => [e.creationHeight, e.balance, e.unbondingId])).toEqual([
      [1n, "1500000", 1n],
      [2n, "500000", 3n],
    ]);
    checked(h);

    // Not mature one nanosecond early...
    h.height = 100n;
    h.time = { seconds: completion.seconds - 1n, nanos: 999_999_999 };
    let end = h.endBlock();
    expect(end.events).toEqual([]);
    // ...mature exactly at the completion time: paid out from the not-bonded pool.
    h.time = completion;
    end = h.endBlock();
    expect(end.events.filter((e) => e.type === "complete_unbonding")).toEqual([
      { type: "complete_unbonding", attributes: [{ key: "amount", value: "1500000stake" }, { key: "validator", value: valoper(0) }, { key: "delegator", value: delAddr(0) }] },
      // the same pair was queued twice in that slot; the second completion finds nothing mature
      { type: "complete_unbonding", attributes: [{ key: "amount", value: "" }, { key: "validator", value: valoper(0) }, { key: "delegator", value: delAddr(0) }] },
    ]);
    expect(h.balance(delegator(0))).toBe(1_500_000n);
    expect(h.notBondedPool()).toBe(500_000n);
    expect(h.keeper.getUnbondingDelegation(h.ctx(), delegator(0), operator(0))?.entries.length).toBe(1);
    checked(h);
    h.time = { seconds: completion.seconds + 5n, nanos: 0 };
    h.endBlock();
    expect(h.keeper.getUnbondingDelegation(h.ctx(), delegator(0), operator(0))).toBeUndefined();
    expect(h.balance(delegator(0))).toBe(2_000_000n);
    checked(h);
  });

  it("allows at most max_entries entries per (delegator, validator)", () => {
    const h = new Harness({ cap: "0", params: { maxEntries: 2 } });
    h.createValidator(0, 10_000_000n);
    h.endBlock();
    expect(h.undelegate(operator(0), 0, 1n).error).toBeUndefined();
    h.nextBlock();
    expect(h.undelegate(operator(0), 0, 1n).error).toBeUndefined();
    h.nextBlock();
    const before = h.snapshot();
    expectError(h.undelegate(operator(0), 0, 1n).error, "staking", 27);
    expect(h.snapshot()).toBe(before);
  });

  it("jails the operator whose self-delegation drops below min_self_delegation", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n, { minSelfDelegation: "5000000" });
    h.endBlock();
    expect(h.undelegate(operator(0), 0, 5_000_001n).error).toBeUndefined();
    const v = h.keeper.getValidator(h.ctx(), operator(0));
    expect(v?.jailed).toBe(true);
    const { updates } = h.endBlock();
    expect(updates).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc0) }, power: 0n }]);
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.status).toBe(BondStatus.BOND_STATUS_UNBONDING);
    checked(h);
  });

  it("refuses more than the delegation and unknown delegations", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    expectError(h.undelegate(operator(0), 0, 10_000_001n).error, "sdk", 18, "invalid shares amount: invalid request");
    expectError(h.undelegate(delegator(3), 0, 1n).error, "staking", 19);
    expectError(h.undelegate(delegator(3), 7, 1n).error, "staking", 3);
  });

  it("removes an unbonded validator when its last shares leave", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    expect(h.undelegate(operator(0), 0, 10_000_000n).error).toBeUndefined();
    expect(h.keeper.getValidator(h.ctx(), operator(0))).toBeUndefined();
    expect(h.keeper.getValidatorByConsAddr(h.ctx(), consensusAddressOfAny(consensusKey(0)))).toBeUndefined();
    checked(h);
  });
});

describe("MsgBeginRedelegate", () => {
  function setup(): Harness {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    h.createValidator(2, 10_000_000n);
    h.endBlock();
    h.fund(delegator(0), 4_000_000n);
    expect(h.delegate(0, 0, 4_000_000n).error).toBeUndefined();
    return h;
  }

  it("moves a delegation between bonded validators and completes after unbonding_time", () => {
    const h = setup();
    const r = h.redelegate(delegator(0), 0, 1, 1_000_000n);
    expect(r.error).toBeUndefined();
    const completion = { seconds: GENESIS_TIME.seconds + 21n * DAY, nanos: 0 };
    expect(MsgBeginRedelegateResponse.decode(r.result?.value ?? new Uint8Array()).completionTime).toEqual(completion);
    expect(r.events.find((e) => e.type === "redelegate")?.attributes).toEqual([
      { key: "source_validator", value: valoper(0) },
      { key: "destination_validator", value: valoper(1) },
      { key: "amount", value: "1000000stake" },
      { key: "completion_time", value: "2023-12-05T22:13:20Z" },
    ]);
    expect(h.keeper.getDelegation(h.ctx(), delegator(0), operator(1))?.shares).toBe(D("1000000").toProto());
    const red = h.keeper.getRedelegation(h.ctx(), delegator(0), operator(0), operator(1));
    expect(red?.entries).toEqual([
      { creationHeight: 1n, completionTime: completion, initialBalance: "1000000", sharesDst: D("1000000").toProto(), unbondingId: 1n, unbondingOnHoldRefCount: 0n },
    ]);
    expect(h.bondedPool()).toBe(34_000_000n);
    checked(h);

    // transitive: a redelegation out of validator 1 while one into it is maturing
    expectError(h.redelegate(delegator(0), 1, 2, 1n).error, "staking", 32);
    h.height = 50n;
    h.time = completion;
    const end = h.endBlock();
    expect(end.events.filter((e) => e.type === "complete_redelegation")).toEqual([
      {
        type: "complete_redelegation",
        attributes: [
          { key: "amount", value: "1000000stake" },
          { key: "delegator", value: delAddr(0) },
          { key: "source_validator", value: valoper(0) },
          { key: "destination_validator", value: valoper(1) },
        ],
      },
    ]);
    expect(h.keeper.getRedelegation(h.ctx(), delegator(0), operator(0), operator(1))).toBeUndefined();
    expect(h.redelegate(delegator(0), 1, 2, 1n).error).toBeUndefined();
    checked(h);
  });

  it("refuses self, unknown dst/src, too many entries and tiny amounts without changing state", () => {
    const h = setup();
    h.keeper.setParams(h.ctx(), { ...h.keeper.getParams(h.ctx()), maxEntries: 1 });
    expect(h.redelegate(delegator(0), 0, 1, 10n).error).toBeUndefined();
    const before = h.snapshot();
    expectError(h.redelegate(delegator(0), 0, 0, 10n).error, "staking", 29);
    expectError(h.redelegate(delegator(0), 0, 9, 10n).error, "staking", 31);
    expectError(h.redelegate(delegator(0), 0, 1, 10n).error, "staking", 33);
    expectError(h.redelegate(delegator(0), 9, 1, 10n).error, "staking", 3); // ValidateUnbondAmount looks src up first
    expect(h.snapshot()).toBe(before);

    // tiny: shares worth less than one token truncate to zero tokens (30)
    const h2 = setup();
    const before2 = h2.snapshot();
    const r = h2.tx((ctx) => h2.keeper.beginRedelegation(ctx, delegator(0), operator(0), operator(1), D("0.000000000000000001")));
    expectError(r.error, "staking", 30);
    expect(h2.snapshot()).toBe(before2);
  });

  it("completes at once from an unbonded source and at the source's unbonding time from an unbonding one", () => {
    const h = new Harness({ cap: "0", params: { maxValidators: 1 } });
    h.createValidator(0, 20_000_000n);
    h.createValidator(1, 10_000_000n);
    h.fund(delegator(0), 2_000_000n);
    expect(h.delegate(0, 1, 2_000_000n).error).toBeUndefined();
    h.endBlock(); // only validator 0 is bonded; 1 stays unbonded
    const r = h.redelegate(delegator(0), 1, 0, 1_000_000n);
    expect(r.error).toBeUndefined();
    expect(MsgBeginRedelegateResponse.decode(r.result?.value ?? new Uint8Array()).completionTime).toEqual({ seconds: -62135596800n, nanos: 0 });
    expect(r.events.find((e) => e.type === "redelegate")?.attributes[3]).toEqual({ key: "completion_time", value: "0001-01-01T00:00:00Z" });
    expect(h.keeper.getRedelegation(h.ctx(), delegator(0), operator(1), operator(0))).toBeUndefined();
    // the tokens moved from the not-bonded pool to the bonded one
    expect(h.bondedPool()).toBe(21_000_000n);
    expect(h.notBondedPool()).toBe(11_000_000n);
    checked(h);
  });
});

describe("MsgCancelUnbondingDelegation", () => {
  it("re-delegates part of an entry, then all of it", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.endBlock();
    h.nextBlock();
    expect(h.undelegate(operator(0), 0, 3_000_000n).error).toBeUndefined();
    const height = h.height;
    const cancel = (amount: bigint, creationHeight = height) =>
      h.deliver(h.handlers.cancelUnbondingDelegation, {
        delegatorAddress: addresses.encodeAccount(operator(0)),
        validatorAddress: valoper(0),
        amount: { denom: BOND_DENOM, amount: amount.toString() },
        creationHeight,
      });
    const before = h.snapshot();
    expectError(cancel(1n, height + 1n).error, "sdk", 38, `unbonding delegation entry is not found at block height ${height + 1n}: not found`);
    expectError(cancel(3_000_001n).error, "sdk", 18, "amount is greater than the unbonding delegation entry balance: invalid request");
    expectError(cancel(1n, 0n).error, "sdk", 18, "invalid height: invalid request");
    expect(h.snapshot()).toBe(before);

    const r = cancel(1_000_000n);
    expect(r.error).toBeUndefined();
    expect(r.events.find((e) => e.type === "cancel_unbonding_delegation")?.attributes).toEqual([
      { key: "amount", value: "1000000stake" },
      { key: "validator", value: valoper(0) },
      { key: "delegator", value: addresses.encodeAccount(operator(0)) },
      { key: "creation_height", value: height.toString() },
    ]);
    const entry = h.keeper.getUnbondingDelegation(h.ctx(), operator(0), operator(0))?.entries[0];
    expect([entry?.balance, entry?.initialBalance]).toEqual(["2000000", "2000000"]);
    expect(h.bondedPool()).toBe(8_000_000n);
    expect(h.notBondedPool()).toBe(2_000_000n);
    checked(h);
    expect(cancel(2_000_000n).error).toBeUndefined();
    expect(h.keeper.getUnbondingDelegation(h.ctx(), operator(0), operator(0))).toBeUndefined();
    expect(h.bondedPool()).toBe(10_000_000n);
    checked(h);
    const none = cancel(1n);
    expectError(none.error, "undefined", 1, `rpc error: code = NotFound desc = unbonding delegation with delegator ${addresses.encodeAccount(operator(0))} not found for validator ${valoper(0)}`);
  });
});

describe("MsgUpdateParams", () => {
  it("accepts the gov authority only and validates params", () => {
    const h = new Harness();
    const params = { ...defaultStakingParams(BOND_DENOM), maxValidators: 3 };
    const wrong = h.deliver(h.handlers.updateParams, { authority: delAddr(0), params });
    expectError(wrong.error, "gov", 13, `invalid authority; expected ${GOV_AUTHORITY}, got ${delAddr(0)}: expected gov account as only signer for proposal message`);
    const invalid = h.deliver(h.handlers.updateParams, { authority: GOV_AUTHORITY, params: { ...params, maxEntries: 0 } });
    expectError(invalid.error, "undefined", 1, "max entries must be positive: 0");
    expect(h.deliver(h.handlers.updateParams, { authority: GOV_AUTHORITY, params }).error).toBeUndefined();
    expect(h.keeper.getParams(h.ctx()).maxValidators).toBe(3);
  });
});
