import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as protobuf from "protobufjs";
import { generate } from "./generate";
import { GenesisState, Params } from "./staking/v1/cap";
import { QueryValidatorPowerSharesRequest, QueryValidatorPowerSharesResponse } from "./staking/v1/query";
import { MsgUpdateParams } from "./staking/v1/tx";

describe("proto/plume codecs", () => {
  it("are up to date with the .proto files (run: npx tsx proto/plume/generate.ts)", () => {
    for (const [rel, contents] of generate()) expect([rel, readFileSync(join(__dirname, rel), "utf8")]).toEqual([rel, contents]);
  });

  /** protobufjs' reflection encoder over the same .proto files, as an independent reference. */
  function reference(): protobuf.Root {
    const root = new protobuf.Root();
    const pagination = `syntax = "proto3"; package cosmos.base.query.v1beta1;
      message PageRequest { bytes key = 1; uint64 offset = 2; uint64 limit = 3; bool count_total = 4; bool reverse = 5; }
      message PageResponse { bytes next_key = 1; uint64 total = 2; }`;
    protobuf.parse(pagination, root, { keepCase: true });
    for (const f of ["cap", "tx", "query"]) protobuf.parse(readFileSync(join(__dirname, "staking", "v1", `${f}.proto`), "utf8"), root, { keepCase: true });
    return root;
  }

  it("encode byte for byte as protobufjs does, and decode back", () => {
    const root = reference();
    const ref = (name: string, obj: Record<string, unknown>): Uint8Array => {
      const t = root.lookupType(`plume.staking.v1.${name}`);
      return t.encode(t.fromObject(obj)).finish();
    };
    const params = { maxValidatorPowerShare: "200000000000000000" };
    expect(Params.encode(params).finish()).toEqual(ref("Params", { max_validator_power_share: "200000000000000000" }));
    expect(GenesisState.encode({ params }).finish()).toEqual(ref("GenesisState", { params: { max_validator_power_share: "200000000000000000" } }));
    const msg = { authority: "plume1gov", params };
    expect(MsgUpdateParams.encode(msg).finish()).toEqual(ref("MsgUpdateParams", { authority: "plume1gov", params: { max_validator_power_share: "200000000000000000" } }));
    expect(MsgUpdateParams.decode(MsgUpdateParams.encode(msg).finish())).toEqual(msg);

    const response = QueryValidatorPowerSharesResponse.fromPartial({
      validators: [
        { operatorAddress: "a", tokens: "10", power: 1n, share: "5", headroom: "" },
        { operatorAddress: "b", tokens: "20", power: -2n, share: "6", headroom: "7" },
      ],
      totalBondedTokens: "30",
      maxValidatorPowerShare: "1",
      bondedValidators: 2,
      minValidatorsForCap: 5,
      capBinding: true,
      pagination: { nextKey: new Uint8Array([1, 2]), total: 2n },
    });
    const bytes = QueryValidatorPowerSharesResponse.encode(response).finish();
    expect(bytes).toEqual(
      ref("QueryValidatorPowerSharesResponse", {
        validators: [
          { operator_address: "a", tokens: "10", power: 1, share: "5" },
          { operator_address: "b", tokens: "20", power: -2, share: "6", headroom: "7" },
        ],
        total_bonded_tokens: "30",
        max_validator_power_share: "1",
        bonded_validators: 2,
        min_validators_for_cap: 5,
        cap_binding: true,
        pagination: { next_key: new Uint8Array([1, 2]), total: 2 },
      }),
    );
    expect(QueryValidatorPowerSharesResponse.decode(bytes)).toEqual(response);
    expect(QueryValidatorPowerSharesRequest.decode(QueryValidatorPowerSharesRequest.encode({}).finish())).toEqual({});
  });

  it("speak cosmjs-types' JSON shape", () => {
    const msg = MsgUpdateParams.fromPartial({ authority: "x", params: { maxValidatorPowerShare: "1" } });
    expect(MsgUpdateParams.toJSON(msg)).toEqual({ authority: "x", params: { maxValidatorPowerShare: "1" } });
    expect(MsgUpdateParams.fromJSON(MsgUpdateParams.toJSON(msg))).toEqual(msg);
    const res = QueryValidatorPowerSharesResponse.fromPartial({ validators: [{ power: 5n }] });
    expect((QueryValidatorPowerSharesResponse.toJSON(res) as { validators: { power: string }[] }).validators[0]?.power).toBe("5");
    expect(QueryValidatorPowerSharesResponse.fromJSON(QueryValidatorPowerSharesResponse.toJSON(res))).toEqual(res);
  });
});
