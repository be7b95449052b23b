import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import * as protobuf from "protobufjs";
import "protobufjs/ext/descriptor";
import { FileDescriptorProto } from "protobufjs/ext/descriptor";
import { bytesToSdkJson, sdkJsonToBytes, toSdkJson } from "../../app/json/sdk-json";
import { INT_FIELDS, LEGACY_DEC_FIELDS, NULLABLE_CUSTOM_FIELDS, ONEOFS, RAW_JSON_FIELDS } from "../sdk-overlay";
import { encodeFileDescriptors, fileClosure } from "./descriptors";
import { addProtobufjsTypes } from "./protobufjs";
import { defaultSchemaRegistry, SchemaRegistry } from "./registry";

const registry = defaultSchemaRegistry();

function field(path: string): { kind: string; repeated: boolean } | undefined {
  const dot = path.lastIndexOf(".");
  return registry.message(path.slice(0, dot))?.fields.find((f) => f.name === path.slice(dot + 1));
}

describe("the generated cosmjs-types schema", () => {
  it("is up to date with the installed cosmjs-types", () => {
    const root = resolve(__dirname, "../..");
    expect(() => execFileSync(process.execPath, [require.resolve("tsx/cli"), "scripts/gen-proto-schema.ts", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("recovers the SDK's snake_case field names and numbers", () => {
    const v = registry.requireMessage("cosmos.staking.v1beta1.Validator");
    expect(v.fields.map((f) => [f.number, f.name])).toEqual([
      [1, "operator_address"],
      [2, "consensus_pubkey"],
      [3, "jailed"],
      [4, "status"],
      [5, "tokens"],
      [6, "delegator_shares"],
      [7, "description"],
      [8, "unbonding_height"],
      [9, "unbonding_time"],
      [10, "commission"],
      [11, "min_self_delegation"],
      [12, "unbonding_on_hold_ref_count"],
      [13, "unbonding_ids"],
    ]);
    expect(field("cosmos.auth.v1beta1.Params.sig_verify_cost_ed25519")?.kind).toBe("uint64");
    expect(field("cosmos.staking.v1beta1.Validator.status")).toMatchObject({ kind: "enum", typeName: "cosmos.staking.v1beta1.BondStatus" });
    expect(field("cosmos.staking.v1beta1.Validator.commission")).toMatchObject({ kind: "message", nullable: false });
    expect(field("cosmos.bank.v1beta1.QueryAllBalancesResponse.pagination")).toMatchObject({ kind: "message", nullable: true });
    expect(registry.message("cosmos.tx.v1beta1.ModeInfo.Single")?.file).toBe("cosmos/tx/v1beta1/tx.proto");
    expect(registry.method("/cosmos.bank.v1beta1.Query/AllBalances")).toMatchObject({
      input: "cosmos.bank.v1beta1.QueryAllBalancesRequest",
      output: "cosmos.bank.v1beta1.QueryAllBalancesResponse",
    });
  });
});

describe("the hand-kept SDK overlay", () => {
  it("names existing string or bytes fields for every customtype", () => {
    for (const path of [...LEGACY_DEC_FIELDS, ...INT_FIELDS, ...NULLABLE_CUSTOM_FIELDS, ...RAW_JSON_FIELDS]) {
      const f = field(path);
      expect({ path, kind: f?.kind }).toEqual({ path, kind: expect.stringMatching(/^(string|bytes)$/) as unknown });
    }
  });

  it("names existing fields in every oneof, and covers every scalar with presence", () => {
    for (const [message, groups] of Object.entries(ONEOFS)) {
      for (const members of Object.values(groups)) {
        for (const m of members) expect({ message, m, found: field(`${message}.${m}`) !== undefined }).toEqual({ message, m, found: true });
      }
    }
    for (const m of registry.allMessages()) {
      for (const f of m.fields) {
        if (f.presence) expect({ field: `${m.fullName}.${f.name}`, oneof: f.oneof !== undefined }).toEqual({ field: `${m.fullName}.${f.name}`, oneof: true });
      }
    }
  });
});

describe("descriptors for gRPC reflection", () => {
  it("cover a file's dependencies and parse back into the same schema", () => {
    const files = fileClosure(registry, ["cosmos/staking/v1beta1/query.proto"]);
    expect(files).toEqual(expect.arrayContaining(["cosmos/staking/v1beta1/staking.proto", "google/protobuf/any.proto", "google/protobuf/timestamp.proto"]));
    const encoded = encodeFileDescriptors(registry, ["cosmos/staking/v1beta1/query.proto", "cosmos/tx/v1beta1/service.proto"]);
    const root = protobuf.Root.fromDescriptor({ file: [...encoded.values()].map((b) => FileDescriptorProto.toObject(FileDescriptorProto.decode(b))) }, { keepCase: true });
    const validator = root.lookupType("cosmos.staking.v1beta1.Validator");
    expect(validator.fields["delegator_shares"]?.id).toBe(6);
    expect(validator.fields["status"]?.resolve().resolvedType?.fullName).toBe(".cosmos.staking.v1beta1.BondStatus");
    const single = root.lookupType("cosmos.tx.v1beta1.ModeInfo.Single");
    expect(single.fields["mode"]?.type).toBe(".cosmos.tx.signing.v1beta1.SignMode");
    const modeInfo = root.lookupType("cosmos.tx.v1beta1.ModeInfo");
    expect(modeInfo.oneofs["sum"]?.fieldsArray.map((f) => f.name)).toEqual(["single", "multi"]);
    expect(root.lookupService("cosmos.staking.v1beta1.Query").methods["Validators"]?.requestType).toBe(".cosmos.staking.v1beta1.QueryValidatorsRequest");
  });
});

describe("plumed's own protobufjs types", () => {
  const source = `
    syntax = "proto3";
    package plume.demo.v1;
    message Thing {
      string name = 1;
      string rate = 2 [(gogoproto.customtype) = "cosmossdk.io/math.LegacyDec", (gogoproto.nullable) = false];
      Inner inner = 3 [(gogoproto.nullable) = false];
      map<string, uint64> counts = 4;
      oneof choice { string a = 5; uint64 b = 6; }
      message Inner { repeated int64 xs = 1; }
    }
    message QueryThingRequest { string name = 1; }
    service Query { rpc Thing(QueryThingRequest) returns (Thing); }
  `;

  it("get the SDK JSON codec and descriptors like the cosmjs-types ones", () => {
    const r = new SchemaRegistry();
    const root = protobuf.parse(source, { keepCase: true }).root;
    addProtobufjsTypes(r, root, "plume/demo/v1/thing.proto");
    const bytes = sdkJsonToBytes("plume.demo.v1.Thing", { name: "n", rate: "0.25", counts: { x: "3" }, b: "9" }, r);
    expect(bytesToSdkJson("plume.demo.v1.Thing", bytes, r)).toEqual({ name: "n", rate: "0.250000000000000000", inner: { xs: [] }, counts: { x: "3" }, b: "9" });
    const Thing = root.lookupType("plume.demo.v1.Thing");
    expect(Thing.decode(bytes).toJSON()).toMatchObject({ rate: "250000000000000000" });
    expect(toSdkJson("plume.demo.v1.Thing", { name: "m" }, r)).toMatchObject({ name: "m", rate: "0.000000000000000000" });
    const files = encodeFileDescriptors(r, ["plume/demo/v1/thing.proto"]);
    const back = protobuf.Root.fromDescriptor({ file: [...files.values()].map((b) => FileDescriptorProto.toObject(FileDescriptorProto.decode(b))) });
    expect(back.lookupType("plume.demo.v1.Thing").fields["counts"]).toBeInstanceOf(protobuf.MapField);
    expect(r.method("/plume.demo.v1.Query/Thing")?.output).toBe("plume.demo.v1.Thing");
  });
});
