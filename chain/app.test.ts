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
      ["evidence", 1],
      ["genutil", 1],
      ["gov", 5],
      ["plume_slashing", 1],
      ["plume_staking", 1],
      ["slashing", 4],
      ["staking", 5],
      ["upgrade", 3],
    ]);
  });

  it("gives every registered error codespace an owner among its modules", () => {
    const owners = chain.app.modules.codespaceOwners();
    // sdk and undefined are the framework's; gov's ErrInvalidSigner is shared by every
    // authority-gated message before the gov module exists.
    const unowned = registeredCodespaces().filter((c) => !owners.has(c) && !["sdk", "undefined", GOV_CODESPACE].includes(c));
    expect(unowned).toEqual([]);
  });

  it("knows exactly the module accounts its modules declare", () => {
    const auth = createKeepers(DEFAULT_CHAIN_SETTINGS).auth;
    expect(Object.keys(auth.modulePermissions).sort()).toEqual(MODULE_ACCOUNTS.map((a) => a.name).sort());
    expect(MODULE_ACCOUNTS.map((a) => a.name)).toEqual(["fee_collector", "bonded_tokens_pool", "not_bonded_tokens_pool", "gov"]);
  });
});
