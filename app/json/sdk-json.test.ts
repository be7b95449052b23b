import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { QueryAllBalancesResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { QueryInflationResponse } from "cosmjs-types/cosmos/mint/v1beta1/query";
import { Params as SlashingParams } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { BondStatus, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { BroadcastMode, BroadcastTxRequest } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { ModeInfo } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import { PublicKey } from "cosmjs-types/tendermint/crypto/keys";
import { bytesToSdkJson, fromSdkJson, sdkJsonStringify, sdkJsonToBytes, SdkJsonError, toSdkJson } from "./sdk-json";
import { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from "./well-known";

const ADDR = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";
const key = (n: number): Uint8Array => new Uint8Array(33).fill(n);

describe("the SDK's JSON for query responses", () => {
  it("writes bank balances with a null next_key and the total as a string", () => {
    const res = QueryAllBalancesResponse.fromPartial({ balances: [{ denom: "stake", amount: "100" }], pagination: { nextKey: new Uint8Array(), total: 0n } });
    expect(sdkJsonStringify(toSdkJson("/cosmos.bank.v1beta1.QueryAllBalancesResponse", res))).toBe(
      '{"balances":[{"denom":"stake","amount":"100"}],"pagination":{"next_key":null,"total":"0"}}',
    );
  });

  it("writes an absent pagination as null and an empty list as []", () => {
    expect(toSdkJson("cosmos.bank.v1beta1.QueryAllBalancesResponse", QueryAllBalancesResponse.fromPartial({}))).toEqual({ balances: [], pagination: null });
  });

  it("unpacks a BaseAccount Any with @type first and a null pub_key", () => {
    const account = BaseAccount.fromPartial({ address: ADDR, accountNumber: 7n, sequence: 0n });
    const res = QueryAccountResponse.fromPartial({ account: { typeUrl: "/cosmos.auth.v1beta1.BaseAccount", value: BaseAccount.encode(account).finish() } });
    expect(sdkJsonStringify(toSdkJson("cosmos.auth.v1beta1.QueryAccountResponse", res))).toBe(
      `{"account":{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"${ADDR}","pub_key":null,"account_number":"7","sequence":"0"}}`,
    );
  });

  it("writes a public key Any with its base64 key", () => {
    const pk = Any.fromPartial({ typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: Secp256k1PubKey.encode({ key: key(2) }).finish() });
    const account = BaseAccount.fromPartial({ address: ADDR, pubKey: pk, accountNumber: 1n, sequence: 3n });
    expect(toSdkJson("/cosmos.auth.v1beta1.BaseAccount", account)).toEqual({
      address: ADDR,
      pub_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: Buffer.from(key(2)).toString("base64") },
      account_number: "1",
      sequence: "3",
    });
  });

  it("writes a staking validator: enum names, LegacyDec in 18 decimals, non-nullable structs and times", () => {
    const v = Validator.fromPartial({
      operatorAddress: "cosmosvaloper1abc",
      consensusPubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: new Uint8Array(32).fill(1) }).finish() },
      status: BondStatus.BOND_STATUS_BONDED,
      tokens: "1000000",
      delegatorShares: "1000000000000000000000000",
      description: { moniker: "val" },
      unbondingTime: { seconds: 0n, nanos: 0 },
      commission: {
        commissionRates: { rate: "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" },
        updateTime: { seconds: 1704067200n, nanos: 500_000_000 },
      },
      minSelfDelegation: "1",
    });
    expect(sdkJsonStringify(toSdkJson("cosmos.staking.v1beta1.Validator", v))).toBe(
      '{"operator_address":"cosmosvaloper1abc",' +
        '"consensus_pubkey":{"@type":"/cosmos.crypto.ed25519.PubKey","key":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="},' +
        '"jailed":false,"status":"BOND_STATUS_BONDED","tokens":"1000000","delegator_shares":"1000000.000000000000000000",' +
        '"description":{"moniker":"val","identity":"","website":"","security_contact":"","details":""},' +
        '"unbonding_height":"0","unbonding_time":"1970-01-01T00:00:00Z",' +
        '"commission":{"commission_rates":{"rate":"0.100000000000000000","max_rate":"0.200000000000000000","max_change_rate":"0.010000000000000000"},"update_time":"2024-01-01T00:00:00.500Z"},' +
        '"min_self_delegation":"1","unbonding_on_hold_ref_count":"0","unbonding_ids":[]}',
    );
  });

  it("shows the zero values of gogoproto non-nullable fields missing from the wire", () => {
    expect(bytesToSdkJson("cosmos.staking.v1beta1.Commission", new Uint8Array())).toEqual({
      commission_rates: { rate: "0.000000000000000000", max_rate: "0.000000000000000000", max_change_rate: "0.000000000000000000" },
      update_time: "0001-01-01T00:00:00Z",
    });
    expect(bytesToSdkJson("cosmos.base.v1beta1.Coin", new Uint8Array())).toEqual({ denom: "", amount: "0" });
  });

  it("turns LegacyDec bytes fields (mint, slashing) into decimals", () => {
    const inflation = QueryInflationResponse.fromPartial({ inflation: new TextEncoder().encode("130000000000000000") });
    expect(toSdkJson("cosmos.mint.v1beta1.QueryInflationResponse", inflation)).toEqual({ inflation: "0.130000000000000000" });
    const params = SlashingParams.fromPartial({
      signedBlocksWindow: 100n,
      minSignedPerWindow: new TextEncoder().encode("500000000000000000"),
      downtimeJailDuration: { seconds: 600n, nanos: 0 },
      slashFractionDoubleSign: new TextEncoder().encode("50000000000000000"),
      slashFractionDowntime: new TextEncoder().encode("10000000000000000"),
    });
    expect(toSdkJson("cosmos.slashing.v1beta1.Params", params)).toEqual({
      signed_blocks_window: "100",
      min_signed_per_window: "0.500000000000000000",
      downtime_jail_duration: "600s",
      slash_fraction_double_sign: "0.050000000000000000",
      slash_fraction_downtime: "0.010000000000000000",
    });
  });

  it("leaves gov v1 decimal strings as they are (no customtype there)", () => {
    const bytes = sdkJsonToBytes("cosmos.gov.v1.WeightedVoteOption", { option: "VOTE_OPTION_YES", weight: "1.000000000000000000" });
    expect(bytesToSdkJson("cosmos.gov.v1.WeightedVoteOption", bytes)).toEqual({ option: "VOTE_OPTION_YES", weight: "1.000000000000000000" });
  });

  it("writes only the member of a oneof that is set", () => {
    const mi = ModeInfo.fromPartial({ single: { mode: SignMode.SIGN_MODE_DIRECT } });
    expect(toSdkJson("cosmos.tx.v1beta1.ModeInfo", mi)).toEqual({ single: { mode: "SIGN_MODE_DIRECT" } });
    const pk = PublicKey.fromPartial({ ed25519: new Uint8Array([1, 2, 3]) });
    expect(toSdkJson("tendermint.crypto.PublicKey", pk)).toEqual({ ed25519: "AQID" });
  });

  it("refuses an Any whose type URL it cannot resolve, as the SDK does", () => {
    const any = Any.fromPartial({ typeUrl: "/nope.Thing", value: new Uint8Array([1]) });
    expect(() => toSdkJson("google.protobuf.Any", any)).toThrow(/unable to resolve type URL \/nope.Thing/);
  });

  it("escapes HTML characters as Go's json.Marshal does", () => {
    expect(sdkJsonStringify({ memo: "<a&b>" })).toBe('{"memo":"\\u003ca\\u0026b\\u003e"}');
  });
});

describe("reading the SDK's JSON", () => {
  it("accepts a BroadcastTx body with proto or camelCase names and the mode by name", () => {
    const txBytes = new Uint8Array([10, 2, 1, 2]);
    const a = fromSdkJson<BroadcastTxRequest>("cosmos.tx.v1beta1.BroadcastTxRequest", {
      tx_bytes: Buffer.from(txBytes).toString("base64"),
      mode: "BROADCAST_MODE_SYNC",
    });
    const b = fromSdkJson<BroadcastTxRequest>("cosmos.tx.v1beta1.BroadcastTxRequest", { txBytes: Buffer.from(txBytes).toString("base64"), mode: 2 });
    expect(a).toEqual({ txBytes, mode: BroadcastMode.BROADCAST_MODE_SYNC });
    expect(b).toEqual(a);
  });

  it("round-trips a validator through JSON", () => {
    const v = Validator.fromPartial({
      operatorAddress: "cosmosvaloper1abc",
      status: BondStatus.BOND_STATUS_UNBONDING,
      tokens: "5",
      delegatorShares: "5000000000000000000",
      unbondingTime: { seconds: 1700000000n, nanos: 123456789 },
      commission: { commissionRates: { rate: "1", maxRate: "2", maxChangeRate: "3" }, updateTime: { seconds: 1n, nanos: 0 } },
      minSelfDelegation: "1",
      unbondingIds: [1n, 2n],
    });
    const json = toSdkJson("cosmos.staking.v1beta1.Validator", v);
    expect(fromSdkJson("cosmos.staking.v1beta1.Validator", json)).toEqual(v);
  });

  it("names the unknown field", () => {
    expect(() => sdkJsonToBytes("cosmos.tx.v1beta1.BroadcastTxRequest", { tx_bytes: "", moed: 1 })).toThrow(SdkJsonError);
    expect(() => sdkJsonToBytes("cosmos.tx.v1beta1.BroadcastTxRequest", { moed: 1 })).toThrow('unknown field "moed" in cosmos.tx.v1beta1.BroadcastTxRequest');
  });

  it("says where an unknown field is, from the root the caller names", () => {
    const genesis = { balances: [{ address: "a", coins: [{ denom: "stake", amount: "1", extra: true }] }] };
    expect(() => sdkJsonToBytes("cosmos.bank.v1beta1.GenesisState", genesis, { path: "bank" })).toThrow(
      new SdkJsonError('bank.balances[0].coins[0]: unknown field "extra" in cosmos.base.v1beta1.Coin'),
    );
    expect(() => sdkJsonToBytes("cosmos.bank.v1beta1.GenesisState", { supply: [], suply: [] }, { path: "bank" })).toThrow(
      new SdkJsonError('bank: unknown field "suply" in cosmos.bank.v1beta1.GenesisState'),
    );
  });

  it("takes the lowerCamel name when a field is given under both names, as jsonpb does", () => {
    const r = fromSdkJson<BroadcastTxRequest>("cosmos.tx.v1beta1.BroadcastTxRequest", { tx_bytes: "AQ==", txBytes: "Ag==" });
    expect(r.txBytes).toEqual(new Uint8Array([2]));
  });

  it("reads math.Int as Go's big.Int text, at most 256 bits, and writes it in decimal", () => {
    const coin = (amount: string): unknown => fromSdkJson("cosmos.base.v1beta1.Coin", { denom: "stake", amount });
    expect(coin("0x10")).toEqual({ denom: "stake", amount: "16" });
    expect(coin("1_000")).toEqual({ denom: "stake", amount: "1000" });
    expect(coin("+5")).toEqual({ denom: "stake", amount: "5" });
    expect(() => coin("1.5")).toThrow('cosmos.base.v1beta1.Coin.amount: math/big: cannot unmarshal "1.5" into a *big.Int');
    expect(() => coin((1n << 256n).toString())).toThrow(`cosmos.base.v1beta1.Coin.amount: integer out of range: ${1n << 256n}`);
    expect(coin(((1n << 256n) - 1n).toString())).toEqual({ denom: "stake", amount: ((1n << 256n) - 1n).toString() });
  });

  it("gives a missing non-nullable Timestamp Go's zero time, not the Unix epoch", () => {
    const v = fromSdkJson<Validator>("cosmos.staking.v1beta1.Validator", { operator_address: "x" });
    expect(v.unbondingTime).toEqual({ seconds: -62135596800n, nanos: 0 });
    expect(v.commission.updateTime).toEqual({ seconds: -62135596800n, nanos: 0 });
    const json = toSdkJson("cosmos.staking.v1beta1.Validator", v) as Record<string, unknown>;
    expect(json["unbonding_time"]).toBe("0001-01-01T00:00:00Z");
  });

  it("embeds json.RawMessage fields (genutil's gen_txs) as JSON, not base64", () => {
    const genesis = { gen_txs: [{ body: { memo: "a" } }, [1, "x"]] };
    const bytes = sdkJsonToBytes("cosmos.genutil.v1beta1.GenesisState", genesis);
    expect(bytesToSdkJson("cosmos.genutil.v1beta1.GenesisState", bytes)).toEqual(genesis);
    expect(bytesToSdkJson("cosmos.genutil.v1beta1.GenesisState", new Uint8Array())).toEqual({ gen_txs: [] });
  });

  it("reads a Duration as Go's time.ParseDuration does", () => {
    const params = (unbonding_time: string): unknown => bytesToSdkJson("cosmos.staking.v1beta1.Params", sdkJsonToBytes("cosmos.staking.v1beta1.Params", { unbonding_time }));
    expect(params("504h")).toMatchObject({ unbonding_time: "1814400s" });
    expect(params("1h30m0.5s")).toMatchObject({ unbonding_time: "5400.500s" });
    expect(params("0")).toMatchObject({ unbonding_time: "0s" });
    expect(() => params("soon")).toThrow('cosmos.staking.v1beta1.Params.unbonding_time: bad Duration: time: invalid duration "soon"');
    expect(() => params("5")).toThrow('time: missing unit in duration "5"');
    expect(() => params("5d")).toThrow('time: unknown unit "d" in duration "5d"');
    expect(() => params("2562048h")).toThrow('time: invalid duration "2562048h"');
  });
});

describe("well-known types", () => {
  it("formats timestamps with 0, 3, 6 or 9 fractional digits", () => {
    expect(formatTimestamp(0n, 0)).toBe("1970-01-01T00:00:00Z");
    expect(formatTimestamp(1n, 10_000_000)).toBe("1970-01-01T00:00:01.010Z");
    expect(formatTimestamp(1n, 1_000)).toBe("1970-01-01T00:00:01.000001Z");
    expect(formatTimestamp(1n, 1)).toBe("1970-01-01T00:00:01.000000001Z");
    expect(parseTimestamp("2024-01-02T03:04:05.5+01:00")).toEqual({ seconds: 1704161045n, nanos: 500_000_000 });
  });

  it("formats durations as seconds with an s", () => {
    expect(formatDuration(1814400n, 0)).toBe("1814400s");
    expect(formatDuration(1n, 500_000_000)).toBe("1.500s");
    expect(formatDuration(0n, -500_000_000)).toBe("-0.500s");
    expect(parseDuration("1.5s")).toEqual({ seconds: 1n, nanos: 500_000_000 });
    expect(parseDuration("-0.5s")).toEqual({ seconds: -0n, nanos: -500_000_000 });
    expect(parseDuration("-1.000000001s")).toEqual({ seconds: -1n, nanos: -1 });
    expect(parseDuration("1.5µs")).toEqual({ seconds: 0n, nanos: 1500 });
    expect(parseDuration("2562047h47m16.854775807s")).toEqual({ seconds: 9223372036n, nanos: 854775807 });
    expect(() => parseDuration(".s")).toThrow('time: invalid duration ".s"');
  });
});
