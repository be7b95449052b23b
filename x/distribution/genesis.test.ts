import { BytesValueCodec, HistoricalRewards, PeriodKeyCodec, SlashEventKeyCodec, StartingInfoKeyCodec } from "./state-keys";
import { defaultDistributionGenesis, distributionGenesisToJson, parseDistributionGenesis, validateDistributionGenesis } from "./genesis";

describe("x/distribution genesis and keys", () => {
  it("defaults to the SDK's genesis, in the SDK's JSON", () => {
    const json = distributionGenesisToJson(defaultDistributionGenesis());
    expect(json).toEqual({
      params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000", withdraw_addr_enabled: true },
      fee_pool: { community_pool: [] },
      delegator_withdraw_infos: [],
      previous_proposer: "",
      outstanding_rewards: [],
      validator_accumulated_commissions: [],
      validator_historical_rewards: [],
      validator_current_rewards: [],
      delegator_starting_infos: [],
      validator_slash_events: [],
    });
    expect(distributionGenesisToJson(parseDistributionGenesis(json))).toEqual(json);
  });

  it("refuses a community tax above one and a negative community pool", () => {
    const g = defaultDistributionGenesis();
    expect(() => validateDistributionGenesis({ ...g, params: { ...g.params, communityTax: "1500000000000000000" } })).toThrow("community tax too large: 1.500000000000000000");
    expect(() => validateDistributionGenesis({ ...g, feePool: { communityPool: [{ denom: "uplume", amount: "-1" }] } })).toThrow("negative CommunityPool");
  });

  it("lays keys out as the SDK does: length-prefixed addresses, little-endian periods, big-endian slash heights", () => {
    const val = new Uint8Array(20).fill(1);
    const del = new Uint8Array(20).fill(2);
    const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
    expect(hex(HistoricalRewards.storeKey({ validator: val, period: 3n }))).toBe(`0514${"01".repeat(20)}0300000000000000`);
    expect(hex(StartingInfoKeyCodec.encode({ validator: val, delegator: del }))).toBe(`14${"01".repeat(20)}14${"02".repeat(20)}`);
    expect(hex(SlashEventKeyCodec.encode({ validator: val, height: 258n, period: 2n }))).toBe(`14${"01".repeat(20)}00000000000001020000000000000002`);
    expect(PeriodKeyCodec.decode(PeriodKeyCodec.encode({ validator: val, period: 513n }))).toEqual({ validator: val, period: 513n });
    expect(hex(BytesValueCodec.encode(del))).toBe(`0a14${"02".repeat(20)}`);
    expect(BytesValueCodec.decode(BytesValueCodec.encode(del))).toEqual(del);
    const long = new Uint8Array(200).fill(3);
    expect(hex(BytesValueCodec.encode(long).subarray(0, 3))).toBe("0ac801");
    expect(BytesValueCodec.decode(BytesValueCodec.encode(long))).toEqual(long);
  });
});
