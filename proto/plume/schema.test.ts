import { loadPlumeProtos } from "./schema";
import { QueryValidatorPowerSharesResponse } from "./staking/v1/query";

describe("loadPlumeProtos", () => {
  it("resolves every plume type and service with its file name", () => {
    const plume = loadPlumeProtos();
    const query = plume.lookupService("plume.staking.v1.Query");
    expect(query.methodsArray.map((m) => [m.name, m.requestType, m.responseType])).toEqual([
      ["Params", "QueryParamsRequest", "QueryParamsResponse"],
      ["ValidatorPowerShares", "QueryValidatorPowerSharesRequest", "QueryValidatorPowerSharesResponse"],
    ]);
    expect(query.filename).toBe("plume/staking/v1/query.proto");
    expect(plume.lookupType("plume.staking.v1.Params").filename).toBe("plume/staking/v1/cap.proto");
    expect(plume.lookupType("plume.staking.v1.MsgUpdateParams").filename).toBe("plume/staking/v1/tx.proto");
    const msg = plume.lookupService("plume.staking.v1.Msg");
    expect(msg.methodsArray.map((m) => m.name)).toEqual(["UpdateParams"]);
    expect((query.methods["Params"]?.options as Record<string, unknown>)["(google.api.http).get"]).toBe("/plume/staking/v1/params");
  });

  it("agrees with the generated codecs", () => {
    const t = loadPlumeProtos().lookupType("plume.staking.v1.QueryValidatorPowerSharesResponse");
    const message = QueryValidatorPowerSharesResponse.fromPartial({ validators: [{ operatorAddress: "v", tokens: "1", power: 3n, share: "2", headroom: "" }], capBinding: true });
    const decoded = t.toObject(t.decode(QueryValidatorPowerSharesResponse.encode(message).finish()), { longs: String });
    expect(decoded).toEqual({ validators: [{ operator_address: "v", tokens: "1", power: "3", share: "2" }], cap_binding: true });
  });
});
