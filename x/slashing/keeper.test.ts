import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import { Harness, addresses, consensusKey, delegator, operator, valoper } from "../staking/harness.fixture";
import { assertStakingInvariants } from "../staking/invariants";
import { StakingHooksRegistry } from "../staking/hooks";
import { bitPosition } from "./bitmap";
import { SlashingHarness, cons, testParams } from "./harness.fixture";
import { assertSlashingInvariants } from "./invariants";
import { DOUBLE_SIGN_JAIL_END_TIME, SlashingKeeper, UNIX_EPOCH } from "./keeper";
import { slashingMsgHandlers } from "./msg-server";
import { decToBytes } from "./params";
import { MissedBlockChunks } from "./state-keys";

const attrs = (e: { attributes: readonly { key: string; value: string }[] }): Record<string, string> => Object.fromEntries(e.attributes.map((a) => [a.key, a.value]));
const codeOf = (err: unknown): string => (err instanceof AppError ? `${err.codespace}/${err.code}` : String(err));

/** Two bonded validators of power 10 (10,000,000 tokens each) at height 2, whose signing infos start at height 1. */
function twoValidators(h: SlashingHarness): void {
  h.staking.createValidator(0, 10_000_000n);
  h.staking.createValidator(1, 10_000_000n);
  h.nextBlock(); // EndBlock at 1 bonds them; now at height 2
}

function check(h: SlashingHarness): void {
  assertStakingInvariants(h.staking.ctx(), h.staking.keeper);
  assertSlashingInvariants(h.ctx(), h.keeper);
}

describe("x/slashing hooks", () => {
  it("records a created validator's consensus key and gives a bonded one signing info from that height", () => {
    const h = new SlashingHarness();
    h.staking.createValidator(0, 10_000_000n);
    expect(h.keeper.getPubkey(h.ctx(), cons(0))).toEqual(consensusKey(0));
    expect(h.keeper.getSigningInfo(h.ctx(), cons(0))).toBeUndefined();
    h.nextBlock();
    expect(h.keeper.getSigningInfo(h.ctx(), cons(0))).toEqual({
      address: addresses.encodeConsensus(cons(0)),
      startHeight: 1n,
      indexOffset: 0n,
      jailedUntil: UNIX_EPOCH,
      tombstoned: false,
      missedBlocksCounter: 0n,
    });
  });

  it("moves the start of an existing signing info when the validator bonds again, and drops the key of a removed validator", () => {
    const h = new SlashingHarness({ params: { unbondingTime: { seconds: 10n, nanos: 0 } } });
    twoValidators(h);
    h.staking.must((ctx) => h.staking.keeper.jail(ctx, cons(1)));
    h.nextBlock(); // unbonding
    h.nextBlock(20n); // height 4: matured at its EndBlock
    h.nextBlock();
    expect(h.staking.keeper.getValidator(h.staking.ctx(), operator(1))?.status).toBe(BondStatus.BOND_STATUS_UNBONDED);
    h.staking.must((ctx) => h.keeper.unjail(ctx, operator(1)));
    h.nextBlock(); // EndBlock at 5 bonds it again
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))?.startHeight).toBe(5n);
    // The operator's whole self-delegation leaves: the validator unbonds and is removed once mature.
    expect(h.staking.undelegate(operator(1), 1, 10_000_000n).error).toBeUndefined();
    h.nextBlock();
    h.nextBlock(20n);
    h.nextBlock();
    expect(h.staking.keeper.getValidator(h.staking.ctx(), operator(1))).toBeUndefined();
    expect(h.keeper.getPubkey(h.ctx(), cons(1))).toBeUndefined();
    // Signing info stays, as in the SDK.
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))).toBeDefined();
  });
});

describe("liveness", () => {
  it("counts missed blocks in the window and emits a liveness event for each", () => {
    const h = new SlashingHarness();
    twoValidators(h);
    const events = h.beginBlock([h.vote(0, 10n, true), h.vote(1, 10n, false)]);
    expect(events.map((e) => [e.type, attrs(e)])).toEqual([["liveness", { address: addresses.encodeConsensus(cons(1)), missed_blocks: "1", height: "2" }]]);
    const info = h.keeper.getSigningInfo(h.ctx(), cons(1));
    expect([info?.indexOffset, info?.missedBlocksCounter]).toEqual([1n, 1n]);
    expect(h.keeper.getMissedBlockBitmapValue(h.ctx(), cons(1), 0n)).toBe(true);
    expect(h.keeper.getSigningInfo(h.ctx(), cons(0))?.missedBlocksCounter).toBe(0n);
    check(h);
  });

  it("forgets a miss when the window comes round to its index and the validator signed", () => {
    const h = new SlashingHarness();
    twoValidators(h);
    h.beginBlock([h.vote(1, 10n, false)]); // index 0 missed
    for (let i = 1; i < 10; i++) {
      h.nextBlock();
      h.beginBlock([h.vote(1, 10n, true)]);
    }
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))?.missedBlocksCounter).toBe(1n);
    h.nextBlock();
    h.beginBlock([h.vote(1, 10n, true)]); // index 0 again, signed this time
    const info = h.keeper.getSigningInfo(h.ctx(), cons(1));
    expect([info?.indexOffset, info?.missedBlocksCounter]).toEqual([11n, 0n]);
    expect(h.keeper.getMissedBlockBitmapValue(h.ctx(), cons(1), 0n)).toBe(false);
    check(h);
  });

  it("slashes downtime at height - 2 with the vote's power, jails until block time + the jail duration, and starts the window over", () => {
    const h = new SlashingHarness({ params: { unbondingTime: { seconds: 1000n, nanos: 0 } } });
    twoValidators(h);
    h.staking.fund(delegator(0), 3_000_000n);
    expect(h.staking.delegate(0, 1, 3_000_000n).error).toBeUndefined();
    // Validator 1 misses every block from height 2. More than 10 - 5 misses are reached at height
    // 7, but nothing happens before its window has passed once: height > start 1 + window 10.
    let slashEvents: ReturnType<SlashingHarness["beginBlock"]> = [];
    let slashedAt = 0n;
    for (let height = 2n; height <= 14n && slashedAt === 0n; height++) {
      if (height === 10n) {
        // Stake that leaves at height 10 (= 12 - 2) was behind the missed blocks: it pays too.
        expect(h.staking.undelegate(delegator(0), 1, 1_000_000n).error).toBeUndefined();
      }
      if (height === 9n) expect(h.staking.undelegate(delegator(0), 1, 500_000n).error).toBeUndefined(); // before: does not pay
      const events = h.beginBlock([h.vote(0, 10n, true), h.vote(1, 13n, false)]);
      const slash = events.filter((e) => e.type === "slash");
      if (slash.length > 0) {
        slashEvents = slash;
        slashedAt = h.staking.height;
      }
      h.nextBlock();
    }
    expect(slashedAt).toBe(12n);
    // power 13 (the vote's) * 10^6 * 1% = 130,000: 10,000 from the entry made at height 10, the
    // rest from the validator's tokens (11,500,000 left after the two undelegations).
    expect(slashEvents.map(attrs)).toEqual([
      { address: addresses.encodeConsensus(cons(1)), power: "13", reason: "missing_signature", jailed: addresses.encodeConsensus(cons(1)), burned_coins: "120000" },
    ]);
    const v = h.staking.keeper.getValidator(h.staking.ctx(), operator(1));
    expect([v?.jailed, v?.tokens, v?.status]).toEqual([true, "11380000", BondStatus.BOND_STATUS_UNBONDING]);
    const entries = h.staking.keeper.getUnbondingDelegation(h.staking.ctx(), delegator(0), operator(1))?.entries.map((e) => [e.creationHeight, e.balance]);
    expect(entries).toEqual([
      [9n, "500000"],
      [10n, "990000"],
    ]);
    const info = h.keeper.getSigningInfo(h.ctx(), cons(1));
    // Jailed at height 12, whose block time is height 1's + 11 blocks * 5 s; 60 s in jail.
    expect(info?.jailedUntil).toEqual({ seconds: 1_700_000_000n + 55n + 60n, nanos: 0 });
    expect([info?.indexOffset, info?.missedBlocksCounter]).toEqual([0n, 0n]);
    expect([...MissedBlockChunks.entries(h.keeper.store(h.ctx()))]).toEqual([]);
    check(h);

    // Jailed: its votes no longer count.
    h.beginBlock([h.vote(1, 13n, false)]);
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))?.indexOffset).toBe(0n);
  });

  it("does not punish before start height + window, however many blocks were missed", () => {
    const h = new SlashingHarness();
    twoValidators(h);
    for (let height = 2n; height <= 11n; height++) {
      expect(h.beginBlock([h.vote(1, 10n, false)]).some((e) => e.type === "slash")).toBe(false);
      h.nextBlock();
    }
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))?.missedBlocksCounter).toBe(10n);
    expect(h.beginBlock([h.vote(1, 10n, false)]).some((e) => e.type === "slash")).toBe(true); // height 12 > 1 + 10
  });

  it("uses chunks of 1024 blocks for long windows: a vote touches one chunk", () => {
    const h = new SlashingHarness({ slashingParams: testParams({ signedBlocksWindow: 10_000n }) });
    twoValidators(h);
    h.staking.must((ctx) => h.keeper.setSigningInfo(ctx, cons(1), { ...(h.keeper.getSigningInfo(ctx, cons(1)) as NonNullable<ReturnType<SlashingKeeper["getSigningInfo"]>>), indexOffset: 5000n }));
    h.beginBlock([h.vote(1, 10n, false)]);
    const chunks = [...MissedBlockChunks.entries(h.keeper.store(h.ctx()))].map(([k]) => k.chunk);
    expect(chunks).toEqual([bitPosition(5000n).chunk]);
    expect(h.keeper.missedBlocks(h.keeper.store(h.ctx()), cons(1), 10_000n)).toEqual([{ index: 5000n, missed: true }]);
  });

  it("halts on a vote of a validator staking does not know (a broken invariant, as the SDK's BeginBlocker error)", () => {
    const h = new SlashingHarness();
    twoValidators(h);
    expect(() => h.beginBlock([h.vote(7, 10n, false)])).toThrow("has no validator");
  });
});

describe("MsgUnjail", () => {
  function jailedForDowntime(): SlashingHarness {
    const h = new SlashingHarness();
    twoValidators(h);
    for (let height = 2n; height <= 12n; height++) {
      h.beginBlock([h.vote(0, 10n, true), h.vote(1, 10n, false)]);
      h.nextBlock();
    }
    expect(h.staking.keeper.getValidator(h.staking.ctx(), operator(1))?.jailed).toBe(true);
    return h;
  }
  const unjail = (h: SlashingHarness, i: number) => h.staking.deliver(slashingMsgHandlers(h.keeper).unjail, { validatorAddr: valoper(i) });

  it("refuses a validator still in jail (slashing/4) and accepts it after jailed_until, back in the set at the next EndBlock", () => {
    const h = jailedForDowntime();
    const before = h.snapshot();
    expect(codeOf(unjail(h, 1).error)).toBe("slashing/4");
    expect(h.snapshot()).toBe(before);
    h.nextBlock(60n);
    expect(unjail(h, 1).error).toBeUndefined();
    const { updates } = h.nextBlock();
    expect(updates.map((u) => u.power)).toEqual([9n]); // 10 - 1% = 9.9 -> power 9
    expect(h.staking.keeper.getValidator(h.staking.ctx(), operator(1))?.status).toBe(BondStatus.BOND_STATUS_BONDED);
    check(h);
  });

  it("refuses an unjail that is not a jailed validator's: not jailed (slashing/5), no validator (staking/3)", () => {
    const h = new SlashingHarness();
    twoValidators(h);
    expect(codeOf(unjail(h, 0).error)).toBe("slashing/5");
    expect(codeOf(unjail(h, 5).error)).toBe("staking/3");
  });

  it("refuses a validator without self-delegation (staking/19) or below its minimum (slashing/7)", () => {
    const h = new SlashingHarness();
    h.staking.createValidator(0, 10_000_000n);
    h.staking.createValidator(1, 10_000_000n, { minSelfDelegation: "5000000" });
    h.staking.fund(delegator(0), 2_000_000n);
    expect(h.staking.delegate(0, 1, 2_000_000n).error).toBeUndefined();
    h.nextBlock();
    // Below its minimum: staking jails it.
    expect(h.staking.undelegate(operator(1), 1, 6_000_000n).error).toBeUndefined();
    expect(h.staking.keeper.getValidator(h.staking.ctx(), operator(1))?.jailed).toBe(true);
    expect(unjail(h, 1).error).toMatchObject({ codespace: "slashing", code: 7, message: "4000000 less than 5000000: validator's self delegation less than minimum; cannot be unjailed" });
    expect(h.staking.undelegate(operator(1), 1, 4_000_000n).error).toBeUndefined();
    expect(codeOf(unjail(h, 1).error)).toBe("staking/19");
  });

  it("refuses a tombstoned validator forever (slashing/4)", () => {
    const h = jailedForDowntime();
    h.staking.must((ctx) => {
      h.keeper.jailUntil(ctx, cons(1), DOUBLE_SIGN_JAIL_END_TIME);
      h.keeper.tombstone(ctx, cons(1));
    });
    h.nextBlock(10n ** 9n);
    expect(codeOf(unjail(h, 1).error)).toBe("slashing/4");
    expect(codeOf(h.staking.tx((ctx) => h.keeper.tombstone(ctx, cons(1))).error)).toBe("slashing/9");
  });

  it("lets a validator jailed before it ever bonded out at once (it has no signing info)", () => {
    const h = new SlashingHarness();
    h.staking.createValidator(0, 10_000_000n);
    h.staking.createValidator(1, 10_000_000n, { minSelfDelegation: "5000000" });
    expect(h.staking.undelegate(operator(1), 1, 6_000_000n).error).toBeUndefined(); // jailed in its first block
    h.staking.fund(operator(1), 2_000_000n);
    const self = h.staking.deliver(h.staking.handlers.delegate, { delegatorAddress: addresses.encodeAccount(operator(1)), validatorAddress: valoper(1), amount: { denom: "stake", amount: "2000000" } });
    expect(self.error).toBeUndefined();
    expect(h.keeper.getSigningInfo(h.ctx(), cons(1))).toBeUndefined();
    expect(unjail(h, 1).error).toBeUndefined();
  });
});

describe("MsgUpdateParams", () => {
  const update = (h: SlashingHarness, authority: string, params = testParams()) => h.staking.deliver(slashingMsgHandlers(h.keeper).updateParams, { authority, params });

  it("takes the gov authority only (gov/13) and checks the params", () => {
    const h = new SlashingHarness();
    expect(update(h, addresses.encodeAccount(delegator(1))).error).toMatchObject({ codespace: "gov", code: 13 });
    expect(update(h, h.keeper.authority, testParams({ signedBlocksWindow: 0n })).error).toMatchObject({ codespace: "undefined", code: 1, message: "signed blocks window must be positive: 0" });
    expect(update(h, h.keeper.authority, testParams({ slashFractionDowntime: decToBytes(Dec.fromString("1.5")) })).error).toMatchObject({
      message: "downtime slash fraction too large: 1.500000000000000000",
    });
    expect(update(h, h.keeper.authority, testParams({ downtimeJailDuration: { seconds: 0n, nanos: 0 } })).error).toMatchObject({ message: "downtime jail duration must be positive: 0s" });
    expect(update(h, h.keeper.authority, testParams({ signedBlocksWindow: 3n })).error).toBeUndefined();
    expect(h.keeper.getParams(h.ctx()).signedBlocksWindow).toBe(3n);
  });

  it("updates correlated slashing's params under the same rule", () => {
    const h = new SlashingHarness();
    const handler = slashingMsgHandlers(h.keeper).updateCorrelationParams;
    expect(h.staking.deliver(handler, { authority: addresses.encodeAccount(delegator(1)), params: { enabled: true, correlationWindow: 5n } }).error).toMatchObject({ codespace: "gov", code: 13 });
    expect(h.staking.deliver(handler, { authority: h.keeper.authority, params: { enabled: true, correlationWindow: 0n } }).error).toMatchObject({ message: "correlation window must be positive: 0" });
    expect(h.staking.deliver(handler, { authority: h.keeper.authority, params: { enabled: true, correlationWindow: 5n } }).error).toBeUndefined();
    expect(h.keeper.getCorrelationParams(h.ctx())).toEqual({ enabled: true, correlationWindow: 5n });
  });
});

describe("the keeper's wiring", () => {
  it("registers its hooks once: a second registration is refused", () => {
    const hooks = new StakingHooksRegistry();
    const h = new SlashingHarness({ hooks });
    expect(() => hooks.register("slashing", {})).toThrow("registered twice");
    expect(hooks.registered()).toEqual(["slashing"]);
    expect(h.keeper).toBeInstanceOf(SlashingKeeper);
    expect(new Harness()).toBeDefined();
  });
});
