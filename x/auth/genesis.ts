/**
 * x/auth genesis: the SDK's JSON of cosmos.auth.v1beta1.GenesisState ({params, accounts: [Any]}),
 * read and written by the SDK JSON codec (app/json) as the SDK's codec.ProtoCodec reads and writes
 * it: unknown fields refused, missing fields Go's zero values. The accounts are BaseAccount or
 * ModuleAccount Anys ({"@type": ..., fields}); other account types are refused.
 */
import { BaseAccount, ModuleAccount, Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { GenesisState } from "cosmjs-types/cosmos/auth/v1beta1/genesis";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { bytesToHex } from "../../app/encoding";
import { fromSdkJson, toSdkJson } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { accountToAny, BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL, type Account } from "./account";
import type { AuthKeeper } from "./keeper";
import { defaultAuthParams, validateAuthParams } from "./params";
import { ED25519_PUBKEY_TYPE_URL, MULTISIG_PUBKEY_TYPE_URL, SECP256K1_PUBKEY_TYPE_URL } from "./pubkey";

export const AUTH_GENESIS_TYPE = "cosmos.auth.v1beta1.GenesisState";

export interface AuthGenesis {
  readonly params: Params;
  readonly accounts: readonly Account[];
}

/** The public key types an account may hold (the cryptotypes.PubKey implementations registered). */
const PUBKEY_TYPE_URLS: readonly string[] = [SECP256K1_PUBKEY_TYPE_URL, ED25519_PUBKEY_TYPE_URL, MULTISIG_PUBKEY_TYPE_URL];

export function defaultAuthGenesisJson(): JsonValue {
  return toSdkJson(AUTH_GENESIS_TYPE, GenesisState.fromPartial({ params: defaultAuthParams(), accounts: [] }));
}

/**
 * Reads and validates an auth section (ValidateGenesis: params, then each account decodes, no
 * address or account number twice). Errors name the JSON path ("auth.accounts[2].address: ...").
 */
export function parseAuthGenesis(json: JsonValue, addresses: AddressCodec): AuthGenesis {
  const state = fromSdkJson<GenesisState>(AUTH_GENESIS_TYPE, json, { path: "auth" });
  const params = state.params;
  try {
    validateAuthParams(params);
  } catch (err) {
    throw new Error(`auth.params: ${(err as Error).message}`, { cause: err });
  }
  const seenAddresses = new Set<string>();
  const seenNumbers = new Set<bigint>();
  const accounts = state.accounts.map((any, i) => {
    const path = `auth.accounts[${i}]`;
    const account = accountFromGenesisAny(any, path, addresses);
    const key = bytesToHex(account.address);
    if (seenAddresses.has(key)) throw new Error(`${path}: duplicate account ${addresses.encodeAccount(account.address)}`);
    if (seenNumbers.has(account.accountNumber)) throw new Error(`${path}: duplicate account number ${account.accountNumber}`);
    seenAddresses.add(key);
    seenNumbers.add(account.accountNumber);
    return account;
  });
  return { params, accounts };
}

function accountFromGenesisAny(any: Any, path: string, addresses: AddressCodec): Account {
  if (any.typeUrl === BASE_ACCOUNT_TYPE_URL) return baseAccount(BaseAccount.decode(any.value), path, addresses);
  if (any.typeUrl === MODULE_ACCOUNT_TYPE_URL) {
    const m = ModuleAccount.decode(any.value);
    if (m.baseAccount === undefined) throw new Error(`${path}.base_account: a module account needs its base account`);
    return { ...baseAccount(m.baseAccount, `${path}.base_account`, addresses), module: { name: m.name, permissions: m.permissions } };
  }
  throw new Error(`${path}: unsupported account type ${JSON.stringify(any.typeUrl)} (supported: ${BASE_ACCOUNT_TYPE_URL}, ${MODULE_ACCOUNT_TYPE_URL})`);
}

function baseAccount(b: BaseAccount, path: string, addresses: AddressCodec): Account {
  let address: Uint8Array;
  try {
    address = addresses.decodeAccount(b.address);
  } catch (err) {
    throw new Error(`${path}.address: ${(err as Error).message}`, { cause: err });
  }
  if (b.pubKey !== undefined && !PUBKEY_TYPE_URLS.includes(b.pubKey.typeUrl)) {
    throw new Error(`${path}.pub_key: unsupported public key type ${b.pubKey.typeUrl}`);
  }
  return { address, pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence };
}

/** The SDK's JSON of an auth section: accounts as BaseAccount or ModuleAccount Anys. */
export function authGenesisToJson(g: AuthGenesis, addresses: AddressCodec): JsonValue {
  const accounts = g.accounts.map((a) => accountToAny(a, addresses.encodeAccount(a.address)));
  return toSdkJson(AUTH_GENESIS_TYPE, GenesisState.fromPartial({ params: g.params, accounts }));
}

export function initAuthGenesis(ctx: Context, keeper: AuthKeeper, genesis: AuthGenesis): void {
  keeper.setParams(ctx, genesis.params);
  let maxNumber = -1n;
  for (const account of genesis.accounts) {
    keeper.setAccount(ctx, account);
    if (account.accountNumber > maxNumber) maxNumber = account.accountNumber;
  }
  // The next new account gets a number above every genesis account.
  while (keeper.peekNextAccountNumber(ctx) <= maxNumber) keeper.nextAccountNumber(ctx);
  // Module accounts exist from genesis on, as the SDK creates them in InitGenesis.
  for (const name of Object.keys(keeper.modulePermissions).sort()) keeper.getModuleAccount(ctx, name);
}

/** ExportGenesis: the params and every account, in store (address) order. */
export function exportAuthGenesis(ctx: Context, keeper: AuthKeeper): JsonValue {
  return authGenesisToJson({ params: keeper.getParams(ctx), accounts: [...keeper.iterateAccounts(ctx)] }, keeper.addresses);
}
