import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  QueryDelegatorValidatorRequest,
  QueryDelegatorValidatorResponse,
  QueryHistoricalInfoRequest,
  QueryHistoricalInfoResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import { BondStatus, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { AddressCodec } from "../../../app/address";
import { FakeComet } from "../client/testing/fake-comet";
import { oneLineError, plumed } from "../client/testing/run-cli";

const codec = new AddressCodec("plume");
const alice = codec.encodeAccount(new Uint8Array(20).fill(1));
const val = codec.encodeValidator(new Uint8Array(20).fill(2));
const other = codec.encodeValidator(new Uint8Array(20).fill(3));

describe("plumed query staking (against a fake node)", () => {
  let home: string;
  let fake: FakeComet;
  let node: string[];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-query-staking-"));
    const validator = Validator.fromPartial({ operatorAddress: val, status: BondStatus.BOND_STATUS_BONDED, tokens: "5", delegatorShares: "5000000000000000000", description: { moniker: "m" } });
    fake = await FakeComet.start({
      queries: {
        "/cosmos.staking.v1beta1.Query/Validators": (data) => {
          const req = QueryValidatorsRequest.decode(data);
          return { value: QueryValidatorsResponse.encode({ validators: req.status === "BOND_STATUS_BONDED" ? [validator] : [], pagination: { nextKey: new Uint8Array(), total: 0n } }).finish() };
        },
        "/cosmos.staking.v1beta1.Query/DelegatorValidator": (data) => {
          const req = QueryDelegatorValidatorRequest.decode(data);
          if (req.validatorAddr !== val) return { code: 22, codespace: "sdk", log: `rpc error: code = NotFound desc = validator ${req.validatorAddr} not found: key not found` };
          return { value: QueryDelegatorValidatorResponse.encode({ validator }).finish() };
        },
        "/cosmos.staking.v1beta1.Query/HistoricalInfo": (data) => {
          const req = QueryHistoricalInfoRequest.decode(data);
          return { value: QueryHistoricalInfoResponse.encode(QueryHistoricalInfoResponse.fromPartial({ hist: { header: { chainId: "c", height: req.height }, valset: [validator] } })).finish() };
        },
        "/cosmos.staking.v1beta1.Query/Redelegations": (data) => {
          const req = QueryRedelegationsRequest.decode(data);
          return { value: QueryRedelegationsResponse.encode({ redelegationResponses: [{ redelegation: { delegatorAddress: req.delegatorAddr, validatorSrcAddress: req.srcValidatorAddr, validatorDstAddress: req.dstValidatorAddr, entries: [] }, entries: [] }] }).finish() };
        },
      },
    });
    node = ["--node", fake.url, "--home", home];
  });
  afterEach(async () => {
    await fake.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("sends each method's request and prints the SDK JSON of the answer", async () => {
    const bonded = JSON.parse((await plumed(["q", "staking", "validators", "--status", "bonded", "-o", "json", ...node])).stdout) as { validators: { operator_address: string; delegator_shares: string; status: string }[] };
    expect(bonded.validators.map((v) => [v.operator_address, v.delegator_shares, v.status])).toEqual([[val, "5.000000000000000000", "BOND_STATUS_BONDED"]]);
    expect(JSON.parse((await plumed(["q", "staking", "validators", "-o", "json", ...node])).stdout)).toEqual({ validators: [], pagination: { next_key: null, total: "0" } });
    const hist = JSON.parse((await plumed(["q", "staking", "historical-info", "7", "-o", "json", ...node])).stdout) as { hist: { header: { height: string }; valset: unknown[] } };
    expect([hist.hist.header.height, hist.hist.valset.length]).toEqual(["7", 1]);
    const red = JSON.parse((await plumed(["q", "staking", "redelegations", alice, "--dst-validator", other, "-o", "json", ...node])).stdout) as { redelegation_responses: { redelegation: Record<string, string> }[] };
    expect(red.redelegation_responses[0]?.redelegation).toMatchObject({ delegator_address: alice, validator_src_address: "", validator_dst_address: other });
    const text = await plumed(["q", "staking", "delegator-validator", alice, val, ...node]);
    expect(text.stdout).toContain(`  operator_address: ${val}\n`);
    expect(fake.queried.map((q) => q.path)).toContain("/cosmos.staking.v1beta1.Query/DelegatorValidator");
  });

  it("checks addresses and flags before asking, and prints a node's NotFound as one line", async () => {
    expect(oneLineError(await plumed(["q", "staking", "delegator-validator", alice, other, ...node]))).toBe(`rpc error: code = NotFound desc = validator ${other} not found: key not found`);
    expect(oneLineError(await plumed(["q", "staking", "validator", alice, ...node]))).toMatch(/invalid Bech32 prefix; expected plumevaloper, got plume/);
    expect(oneLineError(await plumed(["q", "staking", "delegation", val, val, ...node]))).toMatch(/invalid Bech32 prefix; expected plume, got plumevaloper/);
    const badStatus = await plumed(["q", "staking", "validators", "--status", "sleepy", ...node]);
    expect(badStatus.code).not.toBe(0);
    expect(badStatus.stderr.split("\n")[0]).toBe("error: option '--status <status>' argument 'sleepy' is invalid. expected bonded, unbonding or unbonded (or BOND_STATUS_*)");
    expect(fake.queried).toEqual([expect.objectContaining({ path: "/cosmos.staking.v1beta1.Query/DelegatorValidator" })]);
  });
});
