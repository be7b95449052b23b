import { fromBase64, fromHex, toBase64 } from "@cosmjs/encoding";
import { accountFromAny } from "@cosmjs/stargate";
import { BaseAccount, ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import type { PageRequest, PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { JsonObject, JsonValue } from "../../../app/module";
import { grpcQuery, QueryFailedError } from "../client/grpc-query";
import type { CometRpc } from "../client/rpc";
import { coinsToJson, sdkTxJson } from "../client/tx-json";
import { txResponseFromResult, type TxResponseJson } from "../client/tx-response";
import { RpcError } from "../client/rpc";

/**
 * The queries the CLI sends, each a gRPC method path through abci_query (auth, bank) or a CometBFT
 * RPC method (tx), each returning the SDK's JSON form of the answer.
 */
export const PATHS = {
  account: "/cosmos.auth.v1beta1.Query/Account",
  allBalances: "/cosmos.bank.v1beta1.Query/AllBalances",
  balance: "/cosmos.bank.v1beta1.Query/Balance",
  totalSupply: "/cosmos.bank.v1beta1.Query/TotalSupply",
  supplyOf: "/cosmos.bank.v1beta1.Query/SupplyOf",
} as const;

export const pageResponseJson = (p: PageResponse | undefined): JsonValue => ({
  next_key: p && p.nextKey.length > 0 ? toBase64(p.nextKey) : null,
  total: (p?.total ?? 0n).toString(),
});

/** The account's Any as the SDK prints it ({"@type", ...fields}); unknown types as raw bytes. */
export function accountJson(any: Any): JsonObject {
  const base = (b: BaseAccount): JsonObject => ({
    address: b.address,
    pub_key: b.pubKey ? sdkTxJson.anyToJson(b.pubKey, true) : null,
    account_number: b.accountNumber.toString(),
    sequence: b.sequence.toString(),
  });
  if (any.typeUrl === "/cosmos.auth.v1beta1.BaseAccount") return { "@type": any.typeUrl, ...base(BaseAccount.decode(any.value)) };
  if (any.typeUrl === "/cosmos.auth.v1beta1.ModuleAccount") {
    const m = ModuleAccount.decode(any.value);
    return { "@type": any.typeUrl, base_account: m.baseAccount ? base(m.baseAccount) : null, name: m.name, permissions: [...m.permissions] };
  }
  return { "@type": any.typeUrl, value: toBase64(any.value) };
}

function notFoundAs(err: unknown, message: string): never {
  if (err instanceof QueryFailedError && err.notFound) throw new Error(message);
  throw err;
}

export async function queryAccount(rpc: CometRpc, address: string, height?: bigint): Promise<Any> {
  try {
    const { response } = await grpcQuery(rpc, PATHS.account, QueryAccountRequest.fromPartial({ address }), QueryAccountRequest, QueryAccountResponse, height);
    if (!response.account) throw new Error(`account ${address} not found`);
    return response.account;
  } catch (err) {
    return notFoundAs(err, `account ${address} not found (an account exists once it has received coins)`);
  }
}

/** Account number and sequence, for signing online. */
export async function queryAccountNumbers(rpc: CometRpc, address: string): Promise<{ accountNumber: bigint; sequence: bigint }> {
  const any = await queryAccount(rpc, address);
  let parsed;
  try {
    parsed = accountFromAny(any);
  } catch (err) {
    throw new Error(`cannot read account ${address} (${any.typeUrl}): ${(err as Error).message}`);
  }
  return { accountNumber: parsed.accountNumber, sequence: BigInt(parsed.sequence) };
}

export interface PageFlags {
  readonly limit?: bigint;
  readonly offset?: bigint;
  readonly pageKey?: string;
  readonly countTotal?: boolean;
  readonly reverse?: boolean;
}

export function pageRequest(f: PageFlags): PageRequest | undefined {
  if (f.limit === undefined && f.offset === undefined && f.pageKey === undefined && !f.countTotal && !f.reverse) return undefined;
  if (f.pageKey !== undefined && f.offset !== undefined) throw new Error("use either --page-key or --offset, not both");
  let key = new Uint8Array();
  if (f.pageKey !== undefined) {
    try {
      key = /^[0-9a-fA-F]+$/.test(f.pageKey) && f.pageKey.length % 2 === 0 ? fromHex(f.pageKey) : fromBase64(f.pageKey);
    } catch {
      throw new Error(`invalid --page-key "${f.pageKey}" (expected the next_key of the previous page)`);
    }
  }
  return { key, offset: f.offset ?? 0n, limit: f.limit ?? 0n, countTotal: f.countTotal ?? false, reverse: f.reverse ?? false };
}

export async function queryBalances(rpc: CometRpc, address: string, page: PageRequest | undefined, height?: bigint): Promise<JsonObject> {
  const { response } = await grpcQuery(rpc, PATHS.allBalances, QueryAllBalancesRequest.fromPartial({ address, pagination: page }), QueryAllBalancesRequest, QueryAllBalancesResponse, height);
  return { balances: coinsToJson(response.balances), pagination: pageResponseJson(response.pagination) };
}

export async function queryBalance(rpc: CometRpc, address: string, denom: string, height?: bigint): Promise<JsonObject> {
  const { response } = await grpcQuery(rpc, PATHS.balance, QueryBalanceRequest.fromPartial({ address, denom }), QueryBalanceRequest, QueryBalanceResponse, height);
  return { denom: response.balance?.denom ?? denom, amount: response.balance?.amount ?? "0" };
}

export async function queryTotalSupply(rpc: CometRpc, page: PageRequest | undefined, height?: bigint): Promise<JsonObject> {
  const { response } = await grpcQuery(rpc, PATHS.totalSupply, QueryTotalSupplyRequest.fromPartial({ pagination: page }), QueryTotalSupplyRequest, QueryTotalSupplyResponse, height);
  return { supply: coinsToJson(response.supply), pagination: pageResponseJson(response.pagination) };
}

export async function querySupplyOf(rpc: CometRpc, denom: string, height?: bigint): Promise<JsonObject> {
  const { response } = await grpcQuery(rpc, PATHS.supplyOf, QuerySupplyOfRequest.fromPartial({ denom }), QuerySupplyOfRequest, QuerySupplyOfResponse, height);
  return { denom: response.amount?.denom ?? denom, amount: response.amount?.amount ?? "0" };
}

export function parseTxHash(hash: string): Uint8Array {
  const h = hash.startsWith("0x") || hash.startsWith("0X") ? hash.slice(2) : hash;
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error(`invalid tx hash "${hash}" (expected 64 hex characters)`);
  return fromHex(h);
}

/** A committed tx by hash, as the SDK's QueryTx: the result plus the block time. */
export async function queryTx(rpc: CometRpc, hash: string): Promise<TxResponseJson> {
  const bytes = parseTxHash(hash);
  let result;
  try {
    result = await rpc.tx(bytes);
  } catch (err) {
    if (err instanceof RpcError && /not found/.test(err.message)) throw new Error(`tx (${hash.toUpperCase().replace(/^0X/, "")}) not found`);
    throw err;
  }
  const time = await rpc.blockTime(result.height);
  return txResponseFromResult(result, time);
}
