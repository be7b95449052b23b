import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { QueryAllEvidenceRequest, QueryAllEvidenceResponse, QueryEvidenceRequest, QueryEvidenceResponse } from "cosmjs-types/cosmos/evidence/v1beta1/query";
import { Equivocation } from "cosmjs-types/cosmos/evidence/v1beta1/evidence";
import { QuerySigningInfoRequest, QuerySigningInfoResponse, QuerySigningInfosResponse, QueryParamsResponse } from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { AddressCodec } from "../../../app/address";
import { defaultSlashingParams } from "../../../x/slashing";
import { FakeComet } from "../client/testing/fake-comet";
import { oneLineError, plumed } from "../client/testing/run-cli";

const codec = new AddressCodec("plume");
const KEY = Buffer.alloc(32, 7);
const consAddr = new Uint8Array(createHash("sha256").update(KEY).digest()).subarray(0, 20);
const valcons = codec.encodeConsensus(consAddr);
const info = { address: valcons, startHeight: 3n, indexOffset: 12n, jailedUntil: { seconds: 1_700_000_600n, nanos: 0 }, tombstoned: false, missedBlocksCounter: 2n };
const equivocation = Equivocation.fromPartial({ height: 9n, time: { seconds: 1_700_000_045n, nanos: 0 }, power: 100n, consensusAddress: valcons });
const HASH = createHash("sha256").update(Equivocation.encode(equivocation).finish()).digest("hex").toUpperCase();
const any = { typeUrl: "/cosmos.evidence.v1beta1.Equivocation", value: Equivocation.encode(equivocation).finish() };

describe("plumed query slashing / evidence (against a fake node)", () => {
  let home: string;
  let fake: FakeComet;
  let node: string[];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-query-slashing-"));
    fake = await FakeComet.start({
      queries: {
        "/cosmos.slashing.v1beta1.Query/Params": () => ({ value: QueryParamsResponse.encode({ params: defaultSlashingParams() }).finish() }),
        "/cosmos.slashing.v1beta1.Query/SigningInfo": (data) => {
          const req = QuerySigningInfoRequest.decode(data);
          if (req.consAddress !== valcons) return { code: 22, codespace: "sdk", log: `rpc error: code = NotFound desc = SigningInfo not found for validator ${req.consAddress}: key not found` };
          return { value: QuerySigningInfoResponse.encode({ valSigningInfo: info }).finish() };
        },
        "/cosmos.slashing.v1beta1.Query/SigningInfos": () => ({ value: QuerySigningInfosResponse.encode({ info: [info], pagination: { nextKey: new Uint8Array(), total: 1n } }).finish() }),
        "/cosmos.evidence.v1beta1.Query/AllEvidence": (data) => {
          QueryAllEvidenceRequest.decode(data);
          return { value: QueryAllEvidenceResponse.encode({ evidence: [any], pagination: { nextKey: new Uint8Array(), total: 1n } }).finish() };
        },
        "/cosmos.evidence.v1beta1.Query/Evidence": (data) => {
          const req = QueryEvidenceRequest.decode(data);
          if (req.hash.toUpperCase() !== HASH) return { code: 22, codespace: "sdk", log: `rpc error: code = NotFound desc = evidence ${req.hash} not found: key not found` };
          return { value: QueryEvidenceResponse.encode({ evidence: any }).finish() };
        },
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

  it("prints the params, a signing info (by address or by consensus key) and all of them in the SDK's JSON", async () => {
    expect(await json("q", "slashing", "params")).toEqual({
      params: {
        signed_blocks_window: "100",
        min_signed_per_window: "0.500000000000000000",
        downtime_jail_duration: "600s",
        slash_fraction_double_sign: "0.050000000000000000",
        slash_fraction_downtime: "0.010000000000000000",
      },
    });
    const expected = { val_signing_info: { address: valcons, start_height: "3", index_offset: "12", jailed_until: "2023-11-14T22:23:20Z", tombstoned: false, missed_blocks_counter: "2" } };
    expect(await json("q", "slashing", "signing-info", valcons)).toEqual(expected);
    const pubkey = JSON.stringify({ "@type": "/cosmos.crypto.ed25519.PubKey", key: KEY.toString("base64") });
    expect(await json("q", "slashing", "signing-info", pubkey)).toEqual(expected);
    expect(await json("q", "slashing", "signing-infos", "--limit", "5")).toEqual({ info: [expected.val_signing_info], pagination: { next_key: null, total: "1" } });
  });

  it("lists and shows evidence", async () => {
    const e = { "@type": "/cosmos.evidence.v1beta1.Equivocation", height: "9", time: "2023-11-14T22:14:05Z", power: "100", consensus_address: valcons };
    expect(await json("q", "evidence", "list")).toEqual({ evidence: [e], pagination: { next_key: null, total: "1" } });
    expect(await json("q", "evidence", "show", HASH.toLowerCase())).toEqual({ evidence: e });
    expect(await json("q", "evidence", "evidence", HASH)).toEqual({ evidence: e });
  });

  it("checks its arguments before asking and prints a node's NotFound as one line", async () => {
    const other = codec.encodeConsensus(new Uint8Array(20).fill(3));
    expect(oneLineError(await plumed(["q", "slashing", "signing-info", other, ...node]))).toBe(`rpc error: code = NotFound desc = SigningInfo not found for validator ${other}: key not found`);
    expect(oneLineError(await plumed(["q", "slashing", "signing-info", codec.encodeAccount(consAddr), ...node]))).toMatch(/invalid Bech32 prefix; expected plumevalcons, got plume/);
    expect(oneLineError(await plumed(["q", "evidence", "show", "abc", ...node]))).toBe('invalid evidence hash "abc" (expected 64 hex digits)');
    expect(fake.queried.map((q) => q.path)).toEqual(["/cosmos.slashing.v1beta1.Query/SigningInfo"]);
  });
});
