import { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { bytesToHex } from "../../app/encoding";
import { asArray, asBool, asObject, asOptionalString, asString, asUint, JsonError } from "../../app/json";
import type { JsonObject, JsonValue } from "../../app/module";
import type { BankKeeper, CoinAmount } from "./keeper";

const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;

export interface BankGenesis {
  readonly defaultSendEnabled: boolean;
  readonly balances: readonly { readonly address: Uint8Array; readonly coins: readonly CoinAmount[] }[];
  readonly supply: readonly CoinAmount[];
  readonly denomMetadata: readonly Metadata[];
  readonly sendEnabled: readonly { readonly denom: string; readonly enabled: boolean }[];
}

export function defaultBankGenesisJson(): JsonValue {
  return { params: { send_enabled: [], default_send_enabled: true }, balances: [], supply: [], denom_metadata: [], send_enabled: [] };
}

export function parseCoinsJson(v: JsonValue | undefined, path: string): CoinAmount[] {
  const coins = asArray(v, path).map((c, i) => {
    const o = asObject(c, `${path}[${i}]`);
    const denom = asString(o["denom"], `${path}[${i}].denom`);
    if (!DENOM_RE.test(denom)) throw new JsonError(`${path}[${i}].denom`, `invalid denom ${JSON.stringify(denom)}`);
    const amount = asUint(o["amount"], `${path}[${i}].amount`);
    return { denom, amount };
  });
  for (let i = 1; i < coins.length; i++) {
    const prev = coins[i - 1] as CoinAmount;
    const cur = coins[i] as CoinAmount;
    if (prev.denom >= cur.denom) throw new JsonError(path, `coins must be sorted by denom without duplicates (${prev.denom}, ${cur.denom})`);
  }
  return coins;
}

export function coinsToJson(coins: readonly CoinAmount[]): JsonValue {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

export function parseBankGenesis(json: JsonValue, addresses: AddressCodec): BankGenesis {
  const root = asObject(json, "bank");
  const params = root["params"] === undefined ? {} : asObject(root["params"], "bank.params");
  const defaultSendEnabled = params["default_send_enabled"] === undefined ? true : asBool(params["default_send_enabled"], "bank.params.default_send_enabled");
  const seen = new Set<string>();
  const balances = asArray(root["balances"], "bank.balances").map((b, i) => {
    const path = `bank.balances[${i}]`;
    const o = asObject(b, path);
    let address: Uint8Array;
    try {
      address = addresses.decodeAccount(asString(o["address"], `${path}.address`));
    } catch (err) {
      throw new JsonError(`${path}.address`, (err as Error).message);
    }
    const key = bytesToHex(address);
    if (seen.has(key)) throw new JsonError(path, `duplicate balance for ${asString(o["address"], path)}`);
    seen.add(key);
    const coins = parseCoinsJson(o["coins"], `${path}.coins`);
    if (coins.some((c) => c.amount === 0n)) throw new JsonError(`${path}.coins`, "zero amounts are not allowed");
    return { address, coins };
  });
  const supply = parseCoinsJson(root["supply"], "bank.supply");
  const computed = new Map<string, bigint>();
  for (const b of balances) for (const c of b.coins) computed.set(c.denom, (computed.get(c.denom) ?? 0n) + c.amount);
  if (supply.length > 0) {
    const denoms = new Set([...computed.keys(), ...supply.map((c) => c.denom)]);
    for (const denom of [...denoms].sort()) {
      const declared = supply.find((c) => c.denom === denom)?.amount ?? 0n;
      const summed = computed.get(denom) ?? 0n;
      if (declared !== summed) throw new JsonError("bank.supply", `genesis supply ${declared}${denom} does not match the sum of balances ${summed}${denom}`);
    }
  }
  const denomMetadata = asArray(root["denom_metadata"], "bank.denom_metadata").map((m, i) => parseMetadata(asObject(m, `bank.denom_metadata[${i}]`), `bank.denom_metadata[${i}]`));
  const sendEnabled = asArray(root["send_enabled"], "bank.send_enabled").map((s, i) => {
    const o = asObject(s, `bank.send_enabled[${i}]`);
    return { denom: asString(o["denom"], `bank.send_enabled[${i}].denom`), enabled: asBool(o["enabled"], `bank.send_enabled[${i}].enabled`) };
  });
  const finalSupply = [...computed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([denom, amount]) => ({ denom, amount }));
  return { defaultSendEnabled, balances, supply: finalSupply, denomMetadata, sendEnabled };
}

function parseMetadata(o: JsonObject, path: string): Metadata {
  return Metadata.fromPartial({
    description: asOptionalString(o["description"], `${path}.description`),
    denomUnits: asArray(o["denom_units"], `${path}.denom_units`).map((u, j) => {
      const unit = asObject(u, `${path}.denom_units[${j}]`);
      return {
        denom: asString(unit["denom"], `${path}.denom_units[${j}].denom`),
        exponent: Number(asUint(unit["exponent"] ?? 0, `${path}.denom_units[${j}].exponent`)),
        aliases: asArray(unit["aliases"], `${path}.denom_units[${j}].aliases`).map((a) => asString(a, `${path}.denom_units[${j}].aliases`)),
      };
    }),
    base: asString(o["base"], `${path}.base`),
    display: asOptionalString(o["display"], `${path}.display`),
    name: asOptionalString(o["name"], `${path}.name`),
    symbol: asOptionalString(o["symbol"], `${path}.symbol`),
    uri: asOptionalString(o["uri"], `${path}.uri`),
    uriHash: asOptionalString(o["uri_hash"], `${path}.uri_hash`),
  });
}

export function metadataToJson(m: Metadata): JsonValue {
  return {
    description: m.description,
    denom_units: m.denomUnits.map((u) => ({ denom: u.denom, exponent: u.exponent, aliases: [...u.aliases] })),
    base: m.base,
    display: m.display,
    name: m.name,
    symbol: m.symbol,
    uri: m.uri,
    uri_hash: m.uriHash,
  };
}

export function initBankGenesis(ctx: Context, keeper: BankKeeper, genesis: BankGenesis): void {
  keeper.setParams(ctx, { sendEnabled: [], defaultSendEnabled: genesis.defaultSendEnabled });
  for (const b of genesis.balances) for (const c of b.coins) keeper.setBalance(ctx, b.address, c.denom, c.amount);
  for (const c of genesis.supply) keeper.setSupply(ctx, c.denom, c.amount);
  for (const m of genesis.denomMetadata) keeper.setDenomMetadata(ctx, m);
  for (const s of genesis.sendEnabled) keeper.setSendEnabled(ctx, s.denom, s.enabled);
}

export function exportBankGenesis(ctx: Context, keeper: BankKeeper): JsonValue {
  const store = keeper.store(ctx);
  const byAddress = new Map<string, { address: string; coins: CoinAmount[] }>();
  const order: string[] = [];
  for (const { address, denom, amount } of keeper.allBalances(store)) {
    const key = bytesToHex(address);
    let entry = byAddress.get(key);
    if (!entry) {
      entry = { address: keeper.addresses.encodeAccount(address), coins: [] };
      byAddress.set(key, entry);
      order.push(key);
    }
    entry.coins.push({ denom, amount });
  }
  return {
    params: { send_enabled: [], default_send_enabled: keeper.getParams(ctx).defaultSendEnabled },
    balances: order.map((k) => {
      const e = byAddress.get(k) as { address: string; coins: CoinAmount[] };
      return { address: e.address, coins: coinsToJson(e.coins) };
    }),
    supply: coinsToJson(keeper.totalSupply(store)),
    denom_metadata: keeper.allDenomMetadata(store).map(metadataToJson),
    send_enabled: keeper.sendEnabledEntries(store).map((s) => ({ denom: s.denom, enabled: s.enabled })),
  };
}
