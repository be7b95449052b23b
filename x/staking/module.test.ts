import { ModuleManager } from "../../app/module-manager";
import { MsgRouter } from "../../app/msg-router";
import { QueryRouter } from "../../app/query-router";
import { Harness } from "./harness.fixture";
import { CAP_MODULE, STAKING_MODULE, capModule, stakingModule } from "./module";

describe("staking and cap modules", () => {
  function wire() {
    const h = new Harness();
    const staking = stakingModule({ keeper: h.keeper, bankQuerier: h.bank, defaultBondDenom: "uplume" });
    const cap = capModule(h.keeper);
    const manager = new ModuleManager([staking, cap], {
      initGenesis: [STAKING_MODULE, CAP_MODULE],
      exportGenesis: [STAKING_MODULE, CAP_MODULE],
      beginBlock: [STAKING_MODULE],
      endBlock: [STAKING_MODULE],
    });
    return { h, manager };
  }

  it("registers every message and query once", () => {
    const { manager } = wire();
    const msgs = new MsgRouter();
    const queries = new QueryRouter();
    manager.registerServices({ registerMsg: (d) => msgs.register(d), registerQuery: (d) => queries.register(d) });
    expect(msgs.typeUrls()).toEqual([
      "/cosmos.staking.v1beta1.MsgBeginRedelegate",
      "/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation",
      "/cosmos.staking.v1beta1.MsgCreateValidator",
      "/cosmos.staking.v1beta1.MsgDelegate",
      "/cosmos.staking.v1beta1.MsgEditValidator",
      "/cosmos.staking.v1beta1.MsgUndelegate",
      "/cosmos.staking.v1beta1.MsgUpdateParams",
      "/plume.staking.v1.MsgUpdateParams",
    ]);
    expect(queries.paths().length).toBe(16);
    expect(manager.storeNames()).toEqual(["staking"]);
  });

  it("runs genesis through the module contract and exports what it imported", () => {
    const { h, manager } = wire();
    const defaults = manager.defaultGenesis();
    expect(Object.keys(defaults)).toEqual([STAKING_MODULE, CAP_MODULE]);
    const appState = { ...defaults, plume_staking: { params: { max_validator_power_share: "0.150000000000000000" } } };
    const updates = manager.initGenesis(h.ctx(), appState);
    expect(updates).toEqual([]);
    const exported = manager.exportGenesis(h.ctx());
    expect(exported[CAP_MODULE]).toEqual(appState.plume_staking);
    expect((exported[STAKING_MODULE] as { params: { bond_denom: string } }).params.bond_denom).toBe("uplume");
    expect(() => manager.validateGenesis({ staking: { ...(defaults[STAKING_MODULE] as object), params: { ...((defaults[STAKING_MODULE] as { params: object }).params), max_validators: 0 } } })).toThrow(
      "genesis app_state.staking: params: max validators must be positive: 0",
    );
  });

  it("runs begin and end block", () => {
    const { h, manager } = wire();
    h.createValidator(0, 5_000_000n);
    expect(manager.endBlock(h.ctx())).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc0) }, power: 5n }]);
    h.height = 2n;
    manager.beginBlock(h.ctx());
    expect(h.keeper.getHistoricalInfo(h.ctx(), 2n)?.valset.length).toBe(1);
  });
});
