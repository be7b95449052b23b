import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toBech32 } from "@cosmjs/encoding";
import {
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsResponse,
  QueryParamsResponse,
  QueryValidatorSlashesRequest,
  QueryValidatorSlashesResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
import { QueryInflationResponse, QueryParamsResponse as MintParamsResponse } from "cosmjs-types/cosmos/mint/v1beta1/query";
import { defaultDistributionParams } from "../../../x/distribution";
import { defaultMintParams } from "../../../x/mint";
import { FakeComet } from "../client/testing/fake-comet";
import { oneLineError, plumed } from "../client/testing/run-cli";

const delegator = toBech32("plume", new Uint8Array(20).fill(2));
const valoper = toBech32("plumevaloper", new Uint8Array(20).fill(1));
const reward = [{ denom: "uplume", amount: "1500000000000000000" }];

describe("plumed query distribution / mint (against a fake node)", () => {
  let home: string;
  let fake: FakeComet;
  let node: string[];
  let slashesAsked: QueryValidatorSlashesRequest | undefined;

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-query-distribution-"));
    fake = await FakeComet.start({
      queries: {
        "/cosmos.distribution.v1beta1.Query/Params": () => ({ value: QueryParamsResponse.encode({ params: defaultDistributionParams() }).finish() }),
        "/cosmos.distribution.v1beta1.Query/CommunityPool": () => ({ value: QueryCommunityPoolResponse.encode({ pool: reward }).finish() }),
        "/cosmos.distribution.v1beta1.Query/DelegationRewards": (data) => {
          const req = QueryDelegationRewardsRequest.decode(data);
          if (req.validatorAddress !== valoper) return { code: 3, codespace: "staking", log: "validator does not exist" };
          return { value: QueryDelegationRewardsResponse.encode({ rewards: reward }).finish() };
        },
        "/cosmos.distribution.v1beta1.Query/DelegationTotalRewards": () => ({
          value: QueryDelegationTotalRewardsResponse.encode({ rewards: [{ validatorAddress: valoper, reward }], total: reward }).finish(),
        }),
        "/cosmos.distribution.v1beta1.Query/ValidatorSlashes": (data) => {
          slashesAsked = QueryValidatorSlashesRequest.decode(data);
          return { value: QueryValidatorSlashesResponse.encode({ slashes: [{ validatorPeriod: 3n, fraction: "50000000000000000" }] }).finish() };
        },
        "/cosmos.mint.v1beta1.Query/Params": () => ({ value: MintParamsResponse.encode({ params: defaultMintParams("uplume") }).finish() }),
        "/cosmos.mint.v1beta1.Query/Inflation": () => ({ value: QueryInflationResponse.encode({ inflation: new TextEncoder().encode("130000000000000000") }).finish() }),
      },
    });
    node = ["--node", fake.url, "--home", home];
  });
  afterEach(async () => {
    await fake.stop();
    rmSync(home, { recursive: true, force: true });
  });

  const json = async (...args: string[]): Promise<unknown> => {
    const r = await plumed([...args, "-o", "json", ...node]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    return JSON.parse(r.stdout);
  };

  it("prints the SDK's JSON of each answer", async () => {
    expect(await json("query", "distribution", "params")).toEqual({
      params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000", withdraw_addr_enabled: true },
    });
    expect(await json("query", "distribution", "community-pool")).toEqual({ pool: [{ denom: "uplume", amount: "1.500000000000000000" }] });
    expect(await json("query", "distribution", "rewards", delegator, valoper)).toEqual({ rewards: [{ denom: "uplume", amount: "1.500000000000000000" }] });
    expect(await json("query", "distribution", "rewards", delegator)).toEqual({
      rewards: [{ validator_address: valoper, reward: [{ denom: "uplume", amount: "1.500000000000000000" }] }],
      total: [{ denom: "uplume", amount: "1.500000000000000000" }],
    });
    expect(await json("query", "distribution", "slashes", valoper, "1", "100")).toMatchObject({ slashes: [{ validator_period: "3", fraction: "0.050000000000000000" }] });
    expect([slashesAsked?.startingHeight, slashesAsked?.endingHeight]).toEqual([1n, 100n]);
    expect(await json("query", "mint", "inflation")).toEqual({ inflation: "0.130000000000000000" });
    expect(await json("query", "mint", "params")).toMatchObject({ params: { mint_denom: "uplume", blocks_per_year: "6311520" } });
  });

  it("reports bad arguments and the chain's refusals in one line", async () => {
    expect(oneLineError(await plumed(["query", "distribution", "rewards", delegator, toBech32("plumevaloper", new Uint8Array(20).fill(9)), ...node]))).toMatch(/validator does not exist/);
    expect(oneLineError(await plumed(["query", "distribution", "commission", "nonsense", ...node]))).toMatch(/invalid/);
    expect(oneLineError(await plumed(["query", "distribution", "slashes", valoper, "x", "5", ...node]))).toMatch(/start height/);
  });
});
