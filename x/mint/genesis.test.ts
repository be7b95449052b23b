import { defaultMintGenesis, mintGenesisToJson, parseMintGenesis } from "./genesis";
import { msgUpdateParamsAmino } from "./amino";

describe("x/mint genesis and amino", () => {
  it("defaults to the SDK's minter and params with the chain's denom, in the SDK's JSON", () => {
    const json = mintGenesisToJson(defaultMintGenesis("uplume"));
    expect(json).toEqual({
      minter: { inflation: "0.130000000000000000", annual_provisions: "0.000000000000000000" },
      params: {
        mint_denom: "uplume",
        inflation_rate_change: "0.130000000000000000",
        inflation_max: "0.200000000000000000",
        inflation_min: "0.070000000000000000",
        goal_bonded: "0.670000000000000000",
        blocks_per_year: "6311520",
      },
    });
    expect(mintGenesisToJson(parseMintGenesis(json))).toEqual(json);
  });

  it("writes MsgUpdateParams as x/tx's aminojson does", () => {
    const g = defaultMintGenesis("stake");
    expect(msgUpdateParamsAmino.toAmino({ authority: "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn", params: g.params })).toEqual({
      authority: "cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn",
      params: {
        mint_denom: "stake",
        inflation_rate_change: "0.130000000000000000",
        inflation_max: "0.200000000000000000",
        inflation_min: "0.070000000000000000",
        goal_bonded: "0.670000000000000000",
        blocks_per_year: "6311520",
      },
    });
  });
});
