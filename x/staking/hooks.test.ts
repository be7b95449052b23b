import { ErrInvalidRequest } from "../../app/errors";
import { Dec } from "../../app/math";
import { Harness, consensusKey, delegator, operator } from "./harness.fixture";
import { HookReentrancyError, StakingHooksRegistry, type StakingHooks } from "./hooks";
import { consensusAddressOfAny } from "./pubkey";
import { Delegations, Validators } from "./state-keys";

/** A hook set that records every call as "module:hook". */
function recorder(module: string, log: string[], extra: StakingHooks = {}): StakingHooks {
  const rec = (name: string) => () => {
    log.push(`${module}:${name}`);
  };
  return {
    afterValidatorCreated: rec("afterValidatorCreated"),
    beforeValidatorModified: rec("beforeValidatorModified"),
    afterValidatorRemoved: rec("afterValidatorRemoved"),
    afterValidatorBonded: rec("afterValidatorBonded"),
    afterValidatorBeginUnbonding: rec("afterValidatorBeginUnbonding"),
    beforeDelegationCreated: rec("beforeDelegationCreated"),
    beforeDelegationSharesModified: rec("beforeDelegationSharesModified"),
    beforeDelegationRemoved: rec("beforeDelegationRemoved"),
    afterDelegationModified: rec("afterDelegationModified"),
    beforeValidatorSlashed: rec("beforeValidatorSlashed"),
    afterUnbondingInitiated: rec("afterUnbondingInitiated"),
    ...extra,
  };
}

describe("StakingHooksRegistry", () => {
  it("calls hook sets in the fixed order, whatever the registration order", () => {
    const log: string[] = [];
    const hooks = new StakingHooksRegistry();
    hooks.register("slashing", recorder("slashing", log));
    hooks.register("distribution", recorder("distribution", log));
    expect(hooks.registered()).toEqual(["distribution", "slashing"]);
    const h = new Harness({ hooks });
    h.createValidator(0, 1_000_000n);
    expect(log).toEqual([
      "distribution:afterValidatorCreated",
      "slashing:afterValidatorCreated",
      "distribution:beforeDelegationCreated",
      "slashing:beforeDelegationCreated",
      "distribution:afterDelegationModified",
      "slashing:afterDelegationModified",
    ]);
  });

  it("refuses double, unknown and late registration", () => {
    const hooks = new StakingHooksRegistry();
    hooks.register("distribution", {});
    expect(() => hooks.register("distribution", {})).toThrow("staking hooks of distribution registered twice");
    expect(() => hooks.register("mint", {})).toThrow("module mint is not in the staking hook order (distribution, slashing, gov)");
    const h = new Harness({ hooks });
    h.createValidator(0, 1_000_000n);
    expect(() => hooks.register("slashing", {})).toThrow("staking hooks of slashing registered after the first hook call");
    expect(() => new StakingHooksRegistry(["a", "a"])).toThrow("staking hook order lists a module twice");
  });

  it("forbids hooks that dispatch hooks", () => {
    const hooks = new StakingHooksRegistry();
    const h: { current?: Harness } = {};
    hooks.register("distribution", {
      beforeDelegationCreated: (ctx) => {
        h.current?.keeper.hooks.afterUnbondingInitiated(ctx, 1n);
      },
    });
    h.current = new Harness({ hooks });
    h.current.fund(operator(0), 1_000_000n);
    const r = h.current.deliver(h.current.handlers.createValidator, h.current.createValidatorMsg(0, 1_000_000n));
    expect(r.error).toBeInstanceOf(HookReentrancyError);
  });
});

describe("hook call points", () => {
  it("follows the SDK's sequence through a validator's life", () => {
    const log: string[] = [];
    const hooks = new StakingHooksRegistry();
    hooks.register("distribution", recorder("d", log));
    const h = new Harness({ cap: "0", hooks });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    log.length = 0;
    h.endBlock();
    expect(log).toEqual(["d:afterValidatorBonded", "d:afterValidatorBonded"]);

    log.length = 0;
    h.fund(delegator(0), 2_000_000n);
    h.delegate(0, 0, 1_000_000n);
    expect(log).toEqual(["d:beforeDelegationCreated", "d:afterDelegationModified"]);
    log.length = 0;
    h.delegate(0, 0, 1_000_000n);
    expect(log).toEqual(["d:beforeDelegationSharesModified", "d:afterDelegationModified"]);

    log.length = 0;
    h.undelegate(delegator(0), 0, 500_000n);
    expect(log).toEqual(["d:beforeDelegationSharesModified", "d:afterDelegationModified", "d:afterUnbondingInitiated"]);
    log.length = 0;
    h.redelegate(delegator(0), 0, 1, 1_500_000n);
    expect(log).toEqual([
      "d:beforeDelegationSharesModified",
      "d:beforeDelegationRemoved",
      "d:beforeDelegationCreated",
      "d:afterDelegationModified",
      "d:afterUnbondingInitiated",
    ]);

    log.length = 0;
    h.time = { seconds: h.time.seconds + 86_400n, nanos: 0 };
    h.deliver(h.handlers.editValidator, {
      description: { moniker: "[do-not-modify]", identity: "[do-not-modify]", website: "[do-not-modify]", securityContact: "[do-not-modify]", details: "[do-not-modify]" },
      validatorAddress: h.createValidatorMsg(0, 1n).validatorAddress,
      commissionRate: Dec.fromString("0.105").toProto(),
      minSelfDelegation: "",
    });
    expect(log).toEqual(["d:beforeValidatorModified"]);

    log.length = 0;
    h.must((ctx) => h.keeper.slash(ctx, consensusAddressOfAny(consensusKey(0)), h.height, 10n, Dec.fromString("0.01")));
    expect(log).toEqual(["d:beforeValidatorModified", "d:beforeValidatorSlashed"]);

    log.length = 0;
    h.must((ctx) => h.keeper.jail(ctx, consensusAddressOfAny(consensusKey(0))));
    h.endBlock();
    expect(log).toEqual(["d:afterValidatorBeginUnbonding", "d:afterUnbondingInitiated"]);
  });

  it("runs every after-hook after its write", () => {
    const seen: string[] = [];
    const hooks = new StakingHooksRegistry();
    let harness: Harness | undefined;
    hooks.register("distribution", {
      afterValidatorCreated: (ctx, val) => {
        seen.push(`created:${Validators.get(ctx.kvStore("staking"), val) !== undefined}`);
      },
      afterDelegationModified: (ctx, del, val) => {
        seen.push(`delegation:${Delegations.get(ctx.kvStore("staking"), [del, val])?.shares}`);
      },
      afterValidatorBonded: (ctx, _cons, val) => {
        seen.push(`bonded:${harness?.keeper.getValidator(ctx, val)?.status}`);
      },
      afterValidatorRemoved: (ctx, _cons, val) => {
        seen.push(`removed:${harness?.keeper.getValidator(ctx, val) === undefined}`);
      },
    });
    const h = new Harness({ cap: "0", hooks });
    harness = h;
    h.createValidator(0, 1_000_000n);
    h.endBlock();
    h.undelegate(operator(0), 0, 1_000_000n);
    h.endBlock();
    h.time = { seconds: h.time.seconds + 22n * 86_400n, nanos: 0 };
    h.height += 1n;
    h.endBlock();
    expect(seen).toEqual(["created:true", `delegation:${Dec.fromString("1000000").toProto()}`, "bonded:3", "removed:true"]);
  });

  it("fails the message when a hook fails, but only logs an afterUnbondingInitiated failure for delegations", () => {
    const hooks = new StakingHooksRegistry();
    hooks.register("distribution", {
      beforeDelegationCreated: (_ctx, del) => {
        if (del[0] === 0x85) throw ErrInvalidRequest.wrap("refused by hook");
      },
      afterUnbondingInitiated: () => {
        throw ErrInvalidRequest.wrap("ignored");
      },
    });
    const h = new Harness({ cap: "0", hooks });
    h.createValidator(0, 10_000_000n);
    h.fund(delegator(5), 10n);
    const before = h.snapshot();
    expect((h.delegate(5, 0, 10n).error as Error).message).toBe("refused by hook: invalid request");
    expect(h.snapshot()).toBe(before);
    expect(h.undelegate(operator(0), 0, 1n).error).toBeUndefined();
  });
});
