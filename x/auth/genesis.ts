import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import type { Context } from "../../app/context";
import { asArray, asObject, asString, asUint, JsonError } from "../../app/json-read";
import type { JsonObject, JsonValue } from "../../app/module";
import { BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL, type Account } from "./account";
import type { AuthKeeper } from "./keeper";
import { authParamsToJson, defaultAuthParams, validateAuthParams } from "./params";
import { pubKeyAnyFromJson, pubKeyAnyToJson } from "./pubkey";
import type { AddressCodec } from "../../app/address";
import { bytesToHex } from "../../app/encoding";

/** x/auth genesis in SDK v0.50 JSON: {params, accounts: [Any-JSON BaseAccount | ModuleAccount]}. */
export interface AuthGenesis {
  readonly params: Params;
  readonly accounts: readonly Account[];
}

export function defaultAuthGenesisJson(): JsonValue {
  return { params: authParamsToJson(defaultAuthParams()), accounts: [] };
}

export function parseAuthGenesis(json: JsonValue, addresses: AddressCodec): AuthGenesis {
  const root = asObject(json, "auth");
  const p = root["params"] === undefined ? authParamsToJson(defaultAuthParams()) : asObject(root["params"], "auth.params");
  const params = Params.fromPartial({
    maxMemoCharacters: asUint(p["max_memo_characters"], "auth.params.max_memo_characters"),
    txSigLimit: asUint(p["tx_sig_limit"], "auth.params.tx_sig_limit"),
    txSizeCostPerByte: asUint(p["tx_size_cost_per_byte"], "auth.params.tx_size_cost_per_byte"),
    sigVerifyCostEd25519: asUint(p["sig_verify_cost_ed25519"], "auth.params.sig_verify_cost_ed25519"),
    sigVerifyCostSecp256k1: asUint(p["sig_verify_cost_secp256k1"], "auth.params.sig_verify_cost_secp256k1"),
  });
  validateAuthParams(params);
  const seenAddresses = new Set<string>();
  const seenNumbers = new Set<bigint>();
  const accounts = asArray(root["accounts"], "auth.accounts").map((entry, i) => {
    const path = `auth.accounts[${i}]`;
    const account = parseAccount(asObject(entry, path), path, addresses);
    const key = bytesToHex(account.address);
    if (seenAddresses.has(key)) throw new JsonError(path, `duplicate account ${addresses.encodeAccount(account.address)}`);
    if (seenNumbers.has(account.accountNumber)) throw new JsonError(path, `duplicate account number ${account.accountNumber}`);
    seenAddresses.add(key);
    seenNumbers.add(account.accountNumber);
    return account;
  });
  return { params, accounts };
}

function parseAccount(obj: JsonObject, path: string, addresses: AddressCodec): Account {
  const type = obj["@type"];
  if (type === BASE_ACCOUNT_TYPE_URL) return parseBase(obj, path, addresses);
  if (type === MODULE_ACCOUNT_TYPE_URL) {
    const base = parseBase(asObject(obj["base_account"], `${path}.base_account`), `${path}.base_account`, addresses);
    const permissions = asArray(obj["permissions"], `${path}.permissions`).map((p, j) => asString(p, `${path}.permissions[${j}]`));
    return { ...base, module: { name: asString(obj["name"], `${path}.name`), permissions } };
  }
  throw new JsonError(path, `unsupported account type ${JSON.stringify(type)} (supported: ${BASE_ACCOUNT_TYPE_URL}, ${MODULE_ACCOUNT_TYPE_URL})`);
}

function parseBase(obj: JsonObject, path: string, addresses: AddressCodec): Account {
  let address: Uint8Array;
  try {
    address = addresses.decodeAccount(asString(obj["address"], `${path}.address`));
  } catch (err) {
    throw new JsonError(`${path}.address`, (err as Error).message);
  }
  const pk = obj["pub_key"];
  return {
    address,
    pubKey: pk === undefined || pk === null ? undefined : pubKeyAnyFromJson(pk),
    accountNumber: asUint(obj["account_number"] ?? "0", `${path}.account_number`),
    sequence: asUint(obj["sequence"] ?? "0", `${path}.sequence`),
  };
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

export function exportAuthGenesis(ctx: Context, keeper: AuthKeeper): JsonValue {
  const accounts: JsonValue[] = [];
  for (const a of keeper.iterateAccounts(ctx)) accounts.push(accountToJson(a, keeper.addresses));
  return { params: authParamsToJson(keeper.getParams(ctx)), accounts };
}

export function accountToJson(a: Account, addresses: AddressCodec): JsonValue {
  const base = {
    address: addresses.encodeAccount(a.address),
    pub_key: a.pubKey ? pubKeyAnyToJson(a.pubKey) : null,
    account_number: a.accountNumber.toString(),
    sequence: a.sequence.toString(),
  };
  if (a.module) {
    return { "@type": MODULE_ACCOUNT_TYPE_URL, base_account: base, name: a.module.name, permissions: [...a.module.permissions] };
  }
  return { "@type": BASE_ACCOUNT_TYPE_URL, ...base };
}
