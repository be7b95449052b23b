import { toBech32 } from "@cosmjs/encoding";
import { accountFromAny } from "@cosmjs/stargate";
import { ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import {
  AddressBytesToStringRequest,
  AddressBytesToStringResponse,
  AddressStringToBytesRequest,
  AddressStringToBytesResponse,
  Bech32PrefixRequest,
  Bech32PrefixResponse,
  QueryAccountAddressByIDRequest,
  QueryAccountAddressByIDResponse,
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmos/auth/v1beta1/query";
import { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { Any } from "cosmjs-types/google/protobuf/any";
import { moduleAddress } from "../../app/address";
import type { ProtoCodec } from "../../app/codec";
import { AppError } from "../../app/errors";
import { GrpcStatus, QueryError, QueryRouter, queryErrorToAbci } from "../../app/query-router";
import { createTestEnv, testAddress, TEST_MODULE_PERMISSIONS, type TestEnv } from "../bank/test-fixtures";
import { AccountReader } from "./keeper";
import { registerAuthQueryServer } from "./query-server";

const Q = "/cosmos.auth.v1beta1.Query";
const alice = testAddress(1);
const bob = testAddress(2);
const pubKey = Any.fromPartial({ typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: PubKey.encode({ key: new Uint8Array(33).fill(2) }).finish() });

function setup(): TestEnv {
  const env = createTestEnv();
  env.fund(alice, "10stake");
  const ctx = env.ctx();
  const account = env.auth.getAccount(ctx, alice);
  if (account === undefined) throw new Error("alice has no account");
  env.auth.setAccount(ctx, { ...account, pubKey, sequence: 4n });
  return env;
}

function failure<Req, Res>(env: TestEnv, method: string, reqCodec: ProtoCodec<Req>, resCodec: ProtoCodec<Res>, request: Req): unknown {
  try {
    env.query(`${Q}/${method}`, reqCodec, resCodec, request);
  } catch (err) {
    return err;
  }
  throw new Error("expected the query to fail");
}

describe("auth queries", () => {
  it("Account: an Any cosmjs reads; NotFound with the exact text cosmjs getAccount matches", () => {
    const env = setup();
    const res = env.query(`${Q}/Account`, QueryAccountRequest, QueryAccountResponse, { address: env.bech32(alice) });
    const account = accountFromAny(res.account as Any);
    expect(account.address).toBe(env.bech32(alice));
    expect(account.sequence).toBe(4);
    expect(account.pubkey).toEqual({ type: "tendermint/PubKeySecp256k1", value: Buffer.from(new Uint8Array(33).fill(2)).toString("base64") });

    const missing = env.bech32(bob);
    const err = failure(env, "Account", QueryAccountRequest, QueryAccountResponse, { address: missing });
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).status).toBe(GrpcStatus.NotFound);
    expect((err as QueryError).message).toBe(`rpc error: code = NotFound desc = account ${missing} not found`);
    const abci = queryErrorToAbci(err);
    expect([abci.codespace, abci.code, abci.message]).toEqual(["sdk", 22, `rpc error: code = NotFound desc = account ${missing} not found: key not found`]);
    expect(abci.message).toMatch(/rpc error: code = NotFound/);
  });

  it("Account: an empty address is InvalidArgument; a bad one is the address codec's own error", () => {
    const env = setup();
    const empty = failure(env, "Account", QueryAccountRequest, QueryAccountResponse, { address: "" });
    expect([(empty as QueryError).status, (empty as QueryError).description]).toEqual([GrpcStatus.InvalidArgument, "Address cannot be empty"]);
    const wrongPrefix = failure(env, "Account", QueryAccountRequest, QueryAccountResponse, { address: toBech32("cosmos", alice) });
    expect(wrongPrefix).toBeInstanceOf(AppError);
    expect((wrongPrefix as AppError).message).toBe("hrp does not match bech32 prefix: expected 'plume' got 'cosmos': internal logic error");
  });

  it("Accounts: every account (module accounts included), paged by address bytes", () => {
    const env = setup();
    const all = env.query(`${Q}/Accounts`, QueryAccountsRequest, QueryAccountsResponse, {});
    const count = Object.keys(TEST_MODULE_PERMISSIONS).length + 1;
    expect(all.accounts).toHaveLength(count);
    expect(all.pagination?.total).toBe(BigInt(count));
    const addresses = all.accounts.map((a) => accountFromAny(a).address);
    expect(addresses).toContain(env.bech32(alice));
    const first = env.query(`${Q}/Accounts`, QueryAccountsRequest, QueryAccountsResponse, { pagination: PageRequest.fromPartial({ limit: 2n }) });
    expect(first.accounts.map((a) => accountFromAny(a).address)).toEqual(addresses.slice(0, 2));
    const rest = env.query(`${Q}/Accounts`, QueryAccountsRequest, QueryAccountsResponse, {
      pagination: PageRequest.fromPartial({ key: first.pagination?.nextKey ?? new Uint8Array(), limit: 100n }),
    });
    expect(rest.accounts.map((a) => accountFromAny(a).address)).toEqual(addresses.slice(2));
  });

  it("AccountInfo: the base fields, the address echoed as asked", () => {
    const env = setup();
    const upper = env.bech32(alice).toUpperCase();
    const res = env.query(`${Q}/AccountInfo`, QueryAccountInfoRequest, QueryAccountInfoResponse, { address: upper });
    expect(res.info?.address).toBe(upper);
    expect(res.info?.sequence).toBe(4n);
    expect(res.info?.pubKey).toEqual(pubKey);
    const modInfo = env.query(`${Q}/AccountInfo`, QueryAccountInfoRequest, QueryAccountInfoResponse, { address: env.bech32(moduleAddress("gov")) });
    expect(modInfo.info?.pubKey).toBeUndefined();
    const missing = failure(env, "AccountInfo", QueryAccountInfoRequest, QueryAccountInfoResponse, { address: env.bech32(bob) });
    expect((missing as QueryError).message).toBe(`rpc error: code = NotFound desc = account ${env.bech32(bob)} not found`);
    expect((failure(env, "AccountInfo", QueryAccountInfoRequest, QueryAccountInfoResponse, { address: "" }) as QueryError).description).toBe("address cannot be empty");
  });

  it("Params", () => {
    const env = setup();
    const { params } = env.query(`${Q}/Params`, QueryParamsRequest, QueryParamsResponse, {});
    expect(params).toEqual({ maxMemoCharacters: 256n, txSigLimit: 7n, txSizeCostPerByte: 10n, sigVerifyCostEd25519: 590n, sigVerifyCostSecp256k1: 1000n });
  });

  it("ModuleAccounts and ModuleAccountByName", () => {
    const env = setup();
    const all = env.query(`${Q}/ModuleAccounts`, QueryModuleAccountsRequest, QueryModuleAccountsResponse, {});
    const decoded = all.accounts.map((a) => ModuleAccount.decode(a.value));
    expect(decoded.map((m) => m.name)).toEqual(Object.keys(TEST_MODULE_PERMISSIONS).sort());
    expect(decoded.find((m) => m.name === "mint")?.permissions).toEqual(["minter"]);
    expect(all.accounts.every((a) => a.typeUrl === "/cosmos.auth.v1beta1.ModuleAccount")).toBe(true);

    const gov = env.query(`${Q}/ModuleAccountByName`, QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, { name: "gov" });
    expect(ModuleAccount.decode(gov.account?.value ?? new Uint8Array()).baseAccount?.address).toBe(env.bech32(moduleAddress("gov")));
    const unknown = failure(env, "ModuleAccountByName", QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, { name: "nope" });
    expect([(unknown as QueryError).status, (unknown as QueryError).description]).toEqual([GrpcStatus.NotFound, "account nope not found"]);
    const empty = failure(env, "ModuleAccountByName", QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, { name: "" });
    expect((empty as QueryError).description).toBe("module name is empty");
  });

  it("shows a module account that does not exist yet as the SDK would create it, with the next numbers", () => {
    const env = setup();
    const reader = new AccountReader(env.addresses, { ...TEST_MODULE_PERMISSIONS, zeta: ["burner"], alpha: [] });
    const router = new QueryRouter();
    registerAuthQueryServer({ registerMsg: () => undefined, registerQuery: (d) => router.register(d) }, reader);
    const next = env.auth.peekNextAccountNumber(env.ctx());
    const raw = router.queryBytes(`${Q}/ModuleAccounts`, env.queryContext(), QueryModuleAccountsRequest.encode({}).finish());
    const accounts = QueryModuleAccountsResponse.decode(raw).accounts.map((a) => ModuleAccount.decode(a.value));
    const created = accounts.filter((m) => m.name === "alpha" || m.name === "zeta");
    expect(created.map((m) => [m.name, m.baseAccount?.accountNumber, m.permissions])).toEqual([
      ["alpha", next, []],
      ["zeta", next + 1n, ["burner"]],
    ]);
    // Nothing was written.
    expect(env.auth.getAccount(env.ctx(), moduleAddress("alpha"))).toBeUndefined();
  });

  it("Bech32Prefix, AddressBytesToString and AddressStringToBytes", () => {
    const env = setup();
    expect(env.query(`${Q}/Bech32Prefix`, Bech32PrefixRequest, Bech32PrefixResponse, {}).bech32Prefix).toBe("plume");
    expect(env.query(`${Q}/AddressBytesToString`, AddressBytesToStringRequest, AddressBytesToStringResponse, { addressBytes: alice }).addressString).toBe(env.bech32(alice));
    expect(env.query(`${Q}/AddressStringToBytes`, AddressStringToBytesRequest, AddressStringToBytesResponse, { addressString: env.bech32(alice) }).addressBytes).toEqual(alice);
    const long = new Uint8Array(64).fill(7);
    expect(env.query(`${Q}/AddressBytesToString`, AddressBytesToStringRequest, AddressBytesToStringResponse, { addressBytes: long }).addressString).toBe(toBech32("plume", long, 1000));
    expect((failure(env, "AddressBytesToString", AddressBytesToStringRequest, AddressBytesToStringResponse, { addressBytes: new Uint8Array() }) as AppError).message).toBe(
      "empty address bytes is not allowed",
    );
    expect((failure(env, "AddressStringToBytes", AddressStringToBytesRequest, AddressStringToBytesResponse, { addressString: "  " }) as AppError).message).toBe(
      "empty address string is not allowed",
    );
    expect((failure(env, "AddressStringToBytes", AddressStringToBytesRequest, AddressStringToBytesResponse, { addressString: "plume1xyz" }) as AppError).message).toMatch(
      /^decoding bech32 failed: /,
    );
  });

  it("AccountAddressByID: by account_id; the deprecated id is refused", () => {
    const env = setup();
    const number = env.auth.getAccount(env.ctx(), alice)?.accountNumber ?? -1n;
    expect(env.query(`${Q}/AccountAddressByID`, QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, { id: 0n, accountId: number }).accountAddress).toBe(env.bech32(alice));
    const old = failure(env, "AccountAddressByID", QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, { id: 3n, accountId: 0n });
    expect([(old as QueryError).status, (old as QueryError).description]).toEqual([GrpcStatus.InvalidArgument, "requesting with id isn't supported, try to request using account-id"]);
    const none = failure(env, "AccountAddressByID", QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, { id: 0n, accountId: 999n });
    expect([(none as QueryError).status, (none as QueryError).description]).toEqual([GrpcStatus.NotFound, "account address not found with account number 999"]);
  });
});
