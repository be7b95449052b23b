/**
 * x/auth's Query service (`/cosmos.auth.v1beta1.Query/*`), with SDK v0.50's behaviour per method
 * (x/auth/keeper/grpc_query.go).
 *
 * The texts cosmjs depends on: a missing account is `status NotFound "account <addr> not found"`,
 * which the ABCI query path turns into code 22 with the log
 * `rpc error: code = NotFound desc = account <addr> not found: key not found`; StargateClient's
 * getAccount returns null only on that.
 *
 * Like the SDK, Account, AccountInfo and AddressStringToBytes return the address codec's error as
 * is (a plain or registered error, not a gRPC status); the other failures are statuses.
 */
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
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
import type { Any } from "cosmjs-types/google/protobuf/any";
import { toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../../app/address";
import type { ProtoCodec } from "../../app/codec";
import { compareGoStrings, goTrimSpace, sdkPanic } from "../../app/math/go-compat";
import type { QueryContext, QueryHandlerDef, ServiceRegistrar } from "../../app/module";
import { paginateCollection } from "../../app/pagination";
import { invalidArgument, notFound } from "../../app/query-router";
import type { KVStoreReader } from "../../app/store/types";
import { stringToBytes } from "../bank/address-codec";
import { goError } from "../bank/errors";
import { accountToAny } from "./account";
import type { AccountReader } from "./keeper";
import { Accounts, AUTH_STORE } from "./state-keys";

const SERVICE = "/cosmos.auth.v1beta1.Query";

function method<Req, Res>(
  name: string,
  requestCodec: ProtoCodec<Req>,
  responseCodec: ProtoCodec<Res>,
  handle: (ctx: QueryContext, request: Req) => Res,
): QueryHandlerDef<Req, Res> {
  return { path: `${SERVICE}/${name}`, requestCodec, responseCodec, handle };
}

/** Registers the Query methods over the read-only account view. */
export function registerAuthQueryServer(registrar: ServiceRegistrar, reader: AccountReader): void {
  const prefix = reader.addresses.account;
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(AUTH_STORE);

  /**
   * GetModuleAccount as a query runs it: an existing module account, or (when none is stored yet)
   * the one the SDK would create in the query's throwaway branch, numbered from the next account
   * number on. `numbering` carries that counter across one query.
   */
  const moduleAccountAny = (s: KVStoreReader, name: string, numbering: { next: bigint }): Any => {
    const address = moduleAddress(name);
    const existing = reader.account(s, address);
    if (existing !== undefined) {
      if (existing.module === undefined) throw sdkPanic("account is not a module account");
      return accountToAny(existing, reader.addresses.encodeAccount(address));
    }
    const permissions = reader.modulePermissions[name] ?? [];
    const created = { address, pubKey: undefined, accountNumber: numbering.next, sequence: 0n, module: { name, permissions } };
    numbering.next += 1n;
    return accountToAny(created, reader.addresses.encodeAccount(address));
  };
  const isModule = (name: string): boolean => Object.prototype.hasOwnProperty.call(reader.modulePermissions, name);

  registrar.registerQuery(
    method("Accounts", QueryAccountsRequest, QueryAccountsResponse, (ctx, req) => {
      const page = paginateCollection(store(ctx), Accounts, req.pagination, (_address, any) => any);
      return { accounts: page.results, pagination: page.pagination };
    }),
  );

  registrar.registerQuery(
    method("Account", QueryAccountRequest, QueryAccountResponse, (ctx, req) => {
      if (req.address === "") throw invalidArgument("Address cannot be empty");
      const address = stringToBytes(prefix, req.address);
      const any = Accounts.get(store(ctx), address);
      if (any === undefined) throw notFound(`account ${req.address} not found`);
      return { account: any };
    }),
  );

  registrar.registerQuery(method("Params", QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: reader.params(store(ctx)) })));

  registrar.registerQuery(
    method("ModuleAccounts", QueryModuleAccountsRequest, QueryModuleAccountsResponse, (ctx) => {
      const s = store(ctx);
      const numbering = { next: reader.nextAccountNumberIn(s) };
      // Sorted by module name for a deterministic answer, as the SDK does.
      const names = Object.keys(reader.modulePermissions).sort(compareGoStrings);
      return { accounts: names.map((name) => moduleAccountAny(s, name, numbering)) };
    }),
  );

  registrar.registerQuery(
    method("ModuleAccountByName", QueryModuleAccountByNameRequest, QueryModuleAccountByNameResponse, (ctx, req) => {
      if (req.name.length === 0) throw invalidArgument("module name is empty");
      if (!isModule(req.name)) throw notFound(`account ${req.name} not found`);
      const s = store(ctx);
      return { account: moduleAccountAny(s, req.name, { next: reader.nextAccountNumberIn(s) }) };
    }),
  );

  registrar.registerQuery(method("Bech32Prefix", Bech32PrefixRequest, Bech32PrefixResponse, () => ({ bech32Prefix: prefix })));

  registrar.registerQuery(
    method("AddressBytesToString", AddressBytesToStringRequest, AddressBytesToStringResponse, (_ctx, req) => {
      if (req.addressBytes.length === 0) throw goError("empty address bytes is not allowed");
      // The SDK's bech32 encoder has no length limit.
      return { addressString: toBech32(prefix, req.addressBytes, Number.MAX_SAFE_INTEGER) };
    }),
  );

  registrar.registerQuery(
    method("AddressStringToBytes", AddressStringToBytesRequest, AddressStringToBytesResponse, (_ctx, req) => {
      if (goTrimSpace(req.addressString).length === 0) throw goError("empty address string is not allowed");
      return { addressBytes: stringToBytes(prefix, req.addressString) };
    }),
  );

  registrar.registerQuery(
    method("AccountAddressByID", QueryAccountAddressByIDRequest, QueryAccountAddressByIDResponse, (ctx, req) => {
      // The deprecated int64 `id` is refused when set (0 is its default).
      if (req.id !== 0n) throw invalidArgument("requesting with id isn't supported, try to request using account-id");
      const address = reader.addressByAccountNumber(store(ctx), req.accountId);
      if (address === undefined) throw notFound(`account address not found with account number ${req.accountId}`);
      return { accountAddress: reader.addresses.encodeAccount(address) };
    }),
  );

  registrar.registerQuery(
    method("AccountInfo", QueryAccountInfoRequest, QueryAccountInfoResponse, (ctx, req) => {
      if (req.address === "") throw invalidArgument("address cannot be empty");
      const address = stringToBytes(prefix, req.address);
      const account = reader.account(store(ctx), address);
      if (account === undefined) throw notFound(`account ${req.address} not found`);
      // The address is echoed as requested; a missing pubkey stays absent.
      return {
        info: BaseAccount.fromPartial({
          address: req.address,
          pubKey: account.pubKey,
          accountNumber: account.accountNumber,
          sequence: account.sequence,
        }),
      };
    }),
  );
}
