/**
 * The composition root's promises: every module's state layout version is recorded at genesis,
 * every error codespace a loaded module registers belongs to one of the app's modules, and every
 * module account is declared by its module.
 */
import { QueryModuleVersionsRequest, QueryModuleVersionsResponse } from "cosmjs-types/cosmos/upgrade/v1beta1/query";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { registeredCodespaces } from "../app/errors";
import { GOV_CODESPACE } from "../x/gov/errors";
import { createKeepers, MODULE_ACCOUNTS } from "./app";
import { startTestChain, type TestChain } from "./test-chain.fixture";

describe("the assembled app", () => {
  let chain: TestChain;
  beforeAll(async () => {
    chain = await startTestChain(1);
  });
  afterAll(async () => {
    await chain.close();
  });

  it("records every module's consensus version at genesis (x/upgrade ModuleVersions)", () => {
    const res = chain.app.baseApp.query(
      RequestQuery.fromPartial({ path: "/cosmos.upgrade.v1beta1.Query/ModuleVersions", data: QueryModuleVersionsRequest.encode({ moduleName: "" }).finish() }),
    );
    if (res instanceof Promise) throw new Error("ModuleVersions answers synchronously");
    const versions = QueryModuleVersionsResponse.decode(res.value).moduleVersions.map((v) => [v.name, Number(v.version)]);
    expect(versions).toEqual(Object.entries(chain.app.modules.versionMap()));
    expect(versions).toEqual([
      ["auth", 5],
      ["bank", 4],
      ["consensus", 1],
      ["distribution", 3],
      ["evidence", 1],
      ["genutil", 1],
      ["gov", 5],
      ["mint", 2],
      ["plume_slashing", 1],
      ["plume_staking", 1],
      ["restaking", 1],
      ["slashing", 4],
      ["staking", 5],
      ["upgrade", 3],
    ]);
  });

  it("gives every registered error codespace an owner among its modules", () => {
    const owners = chain.app.modules.codespaceOwners();
    // sdk and undefined are the framework's.
    const unowned = registeredCodespaces().filter((c) => !owners.has(c) && !["sdk", "undefined"].includes(c));
    expect(unowned).toEqual([]);
    expect(owners.get(GOV_CODESPACE)).toBe("gov");
  });

  it("lets a proposal carry every module's MsgUpdateParams: routable, signed by the gov account alone", () => {
    const gov = chain.app.keepers.gov.moduleAccount;
    const updates = chain.app.msgs.typeUrls().filter((t) => t.endsWith("MsgUpdateParams"));
    expect(updates).toEqual([
      "/cosmos.bank.v1beta1.MsgUpdateParams",
      "/cosmos.consensus.v1.MsgUpdateParams",
      "/cosmos.distribution.v1beta1.MsgUpdateParams",
      "/cosmos.gov.v1.MsgUpdateParams",
      "/cosmos.mint.v1beta1.MsgUpdateParams",
      "/cosmos.slashing.v1beta1.MsgUpdateParams",
      "/cosmos.staking.v1beta1.MsgUpdateParams",
      "/plume.restaking.v1.MsgUpdateParams",
      "/plume.slashing.v1.MsgUpdateParams",
      "/plume.staking.v1.MsgUpdateParams",
    ]);
    const authority = new TextEncoder().encode(gov);
    for (const typeUrl of updates) {
      // Field 1 is `authority` in every one of them.
      const def = chain.app.msgs.handler(typeUrl);
      expect(def.signers(def.codec.decode(Uint8Array.from([0x0a, authority.length, ...authority])))).toEqual([gov]);
    }
  });

  it("knows exactly the module accounts its modules declare", () => {
    const auth = createKeepers(DEFAULT_CHAIN_SETTINGS).auth;
    expect(Object.keys(auth.modulePermissions).sort()).toEqual(MODULE_ACCOUNTS.map((a) => a.name).sort());
    expect(MODULE_ACCOUNTS.map((a) => a.name)).toEqual(["fee_collector", "bonded_tokens_pool", "not_bonded_tokens_pool", "mint", "distribution", "gov", "restaking"]);
  });

  it("gives every authority-gated keeper the one authority it was built with", () => {
    const authority = "plume1w04xlg9krvpedn83wy0mhzpekk8ywwqu8unlke";
    const k = createKeepers(DEFAULT_CHAIN_SETTINGS, { authority });
    expect([k.bank.authority, k.staking.authority, k.consensus.authority, k.restaking.authority]).toEqual([authority, authority, authority, authority]);
    const gov = createKeepers(DEFAULT_CHAIN_SETTINGS);
    expect(new Set([gov.bank.authority, gov.staking.authority, gov.consensus.authority]).size).toBe(1);
  });
});
