import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { Dec } from "../../../app/math";
import {
  QueryCompoundingHeightsResponse,
  QueryDelegatorSettingsRequest,
  QueryDelegatorSettingsResponse,
  QueryParamsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryPoolsResponse,
} from "../../../proto/plume/restaking/v1/query";
import { FakeComet } from "../client/testing/fake-comet";
import { plumed } from "../client/testing/run-cli";

const VALOPER = new AddressCodec("plume").encodeValidator(new Uint8Array(20).fill(1));
const DELEGATOR = new AddressCodec("plume").encodeAccount(new Uint8Array(20).fill(2));
const pool = {
  pool: { validatorAddress: VALOPER, totalUnits: Dec.fromInt(1000n).toProto(), idle: [{ denom: "uplume", amount: "7" }], lastCompounded: "12", lastHeldBack: "7", heldBackReason: "decentralization cap" },
  shares: Dec.fromInt(1012n).toProto(),
  tokens: "1012",
};

describe("plumed query restaking (against a fake node)", () => {
  let home: string;
  let fake: FakeComet;
  let node: string[];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-query-restaking-"));
    fake = await FakeComet.start({
      queries: {
        "/plume.restaking.v1.Query/Params": () => ({ value: QueryParamsResponse.encode({ params: { compoundInterval: 10n } }).finish() }),
        "/plume.restaking.v1.Query/DelegatorSettings": (data) => {
          expect(QueryDelegatorSettingsRequest.decode(data).delegatorAddress).toBe(DELEGATOR);
          return {
            value: QueryDelegatorSettingsResponse.encode({
              settings: [{ validatorAddress: VALOPER, enabled: true, units: Dec.fromInt(1000n).toProto(), shares: Dec.fromInt(1012n).toProto(), stake: "1012", idle: [] }],
            }).finish(),
          };
        },
        "/plume.restaking.v1.Query/Pool": (data) => {
          expect(QueryPoolRequest.decode(data).validatorAddress).toBe(VALOPER);
          return { value: QueryPoolResponse.encode({ pool }).finish() };
        },
        "/plume.restaking.v1.Query/Pools": () => ({ value: QueryPoolsResponse.encode({ pools: [pool] }).finish() }),
        "/plume.restaking.v1.Query/CompoundingHeights": () => ({ value: QueryCompoundingHeightsResponse.encode({ lastHeight: 20n, nextHeight: 30n, compoundInterval: 10n }).finish() }),
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

  it("prints params, a delegator's settings, pools and the compounding heights as JSON", async () => {
    expect(await json("q", "restaking", "params")).toEqual({ params: { compound_interval: "10" } });
    expect(await json("q", "restaking", "settings", DELEGATOR)).toEqual({
      settings: [{ validator_address: VALOPER, enabled: true, units: "1000.000000000000000000", shares: "1012.000000000000000000", stake: "1012", idle: [] }],
    });
    const expected = {
      pool: {
        validator_address: VALOPER,
        total_units: "1000.000000000000000000",
        idle: [{ denom: "uplume", amount: "7" }],
        last_compounded: "12",
        last_held_back: "7",
        held_back_reason: "decentralization cap",
      },
      shares: "1012.000000000000000000",
      tokens: "1012",
    };
    expect(await json("q", "restaking", "pool", VALOPER)).toEqual({ pool: expected });
    expect(await json("q", "restaking", "pools")).toEqual({ pools: [expected] });
    expect(await json("q", "restaking", "heights")).toEqual({ last_height: "20", next_height: "30", compound_interval: "10" });
  });
});
