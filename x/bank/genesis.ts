/**
 * x/bank genesis in SDK v0.50 JSON:
 * `{params: {send_enabled, default_send_enabled}, balances: [{address, coins}], supply,
 * denom_metadata, send_enabled: [{denom, enabled}]}`.
 *
 * Validation is GenesisState.Validate (x/bank/types/genesis.go) with its texts, each prefixed with
 * the JSON path; its denom metadata checks run only in `genesis validate`, as the SDK's InitGenesis
 * does not make them. InitGenesis and ExportGenesis follow x/bank/keeper/genesis.go, so an export
 * re-imports to the same state.
 */
import { Metadata, Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { bytesToHex } from "../../app/encoding";
import { asArray, asBool, asObject, asOptionalString, asString, asUint, JsonError } from "../../app/json-read";
import { Coin, Coins, Int } from "../../app/math";
import { goTrimSpace } from "../../app/math/go-compat";
import type { JsonObject, JsonValue } from "../../app/module";
import { accAddressFromBech32, errorText } from "./address-codec";
import type { BankKeeper } from "./keeper";
import { denomProblem } from "./validation";

export interface BankGenesis {
  readonly params: Params;
  readonly balances: readonly { readonly address: Uint8Array; readonly coins: Coins }[];
  /** The supply to store: the sum of the balances (equal to the declared supply when one is given). */
  readonly supply: Coins;
  readonly denomMetadata: readonly Metadata[];
  /** GetAllSendEnabled: the send_enabled list, plus deprecated params entries for other denoms. */
  readonly sendEnabled: readonly { readonly denom: string; readonly enabled: boolean }[];
}

export function defaultBankGenesisJson(): JsonValue {
  return { params: { send_enabled: [], default_send_enabled: true }, balances: [], supply: [], denom_metadata: [], send_enabled: [] };
}

/** Coins as JSON decodes them: order kept, amounts in math.Int's syntax, nothing else checked. */
export function parseCoinsJson(v: JsonValue | undefined, path: string): Coins {
  return Coins.unchecked(
    asArray(v, path).map((c, i) => {
      const o = asObject(c, `${path}[${i}]`);
      const denom = asString(o["denom"], `${path}[${i}].denom`);
      const amountText = asString(o["amount"], `${path}[${i}].amount`);
      let amount: Int;
      try {
        amount = Int.fromProto(amountText);
      } catch (err) {
        throw new JsonError(`${path}[${i}].amount`, errorText(err));
      }
      return Coin.unchecked(denom, amount);
    }),
  );
}

export function coinsToJson(coins: Coins): JsonValue {
  return coins.toArray().map((c) => ({ denom: c.denom, amount: c.amount.toString() }));
}

/** Coins.Validate's plain text ("coin 0stake amount is not positive"), or undefined. */
function coinsProblem(coins: Coins): string | undefined {
  const err = coins.validate();
  return err === undefined ? undefined : err.message.replace(/: invalid coins$/, "");
}

function parseSendEnabledList(v: JsonValue | undefined, path: string): { denom: string; enabled: boolean }[] {
  return asArray(v, path).map((s, i) => {
    const o = asObject(s, `${path}[${i}]`);
    return {
      denom: asOptionalString(o["denom"], `${path}[${i}].denom`),
      enabled: o["enabled"] === undefined ? false : asBool(o["enabled"], `${path}[${i}].enabled`),
    };
  });
}

/**
 * Parses and validates a bank genesis section: GenesisState.Validate except its denom metadata
 * checks, which run only in `genesis validate` (validateBankGenesisStrict), as in the SDK.
 */
export function parseBankGenesis(json: JsonValue, addresses: AddressCodec): BankGenesis {
  const root = asObject(json, "bank");
  const p = root["params"] === undefined || root["params"] === null ? {} : asObject(root["params"], "bank.params");
  const paramsSendEnabled = parseSendEnabledList(p["send_enabled"], "bank.params.send_enabled");
  // proto3 JSON: an absent bool is false, as on a Go node.
  const defaultSendEnabled = p["default_send_enabled"] === undefined ? false : asBool(p["default_send_enabled"], "bank.params.default_send_enabled");
  const sendEnabledField = parseSendEnabledList(root["send_enabled"], "bank.send_enabled");

  if (paramsSendEnabled.length > 0 && sendEnabledField.length > 0) {
    throw new JsonError("bank.send_enabled", "send_enabled defined in both the send_enabled field and in params (deprecated)");
  }
  if (paramsSendEnabled.length > 0) throw new JsonError("bank.params.send_enabled", "use of send_enabled in params is no longer supported");

  const sendEnabled = [...sendEnabledField];
  const seenSendEnabled = new Set<string>();
  sendEnabled.forEach((se, i) => {
    if (seenSendEnabled.has(se.denom)) throw new JsonError(`bank.send_enabled[${i}]`, `duplicate send enabled found: '${se.denom}'`);
    const problem = denomProblem(se.denom);
    if (problem !== undefined) throw new JsonError(`bank.send_enabled[${i}]`, problem);
    seenSendEnabled.add(se.denom);
  });

  const seenBalances = new Set<string>();
  let totalSupply = Coins.empty();
  const balances = asArray(root["balances"], "bank.balances").map((b, i) => {
    const path = `bank.balances[${i}]`;
    const o = asObject(b, path);
    const text = asString(o["address"], `${path}.address`);
    let address: Uint8Array;
    try {
      address = accAddressFromBech32(addresses.account, text);
    } catch (err) {
      throw new JsonError(`${path}.address`, errorText(err));
    }
    // The SDK compares the address strings; comparing bytes as well also catches a case variant.
    const key = bytesToHex(address);
    if (seenBalances.has(text) || seenBalances.has(key)) throw new JsonError(path, `duplicate balance for address ${text}`);
    seenBalances.add(text).add(key);
    const coins = parseCoinsJson(o["coins"], `${path}.coins`);
    const problem = coinsProblem(coins);
    if (problem !== undefined) throw new JsonError(`${path}.coins`, problem);
    totalSupply = totalSupply.add(coins);
    return { address, coins };
  });

  // Read as JSON only: the checks on metadata run in `genesis validate` (validateBankGenesisStrict).
  const denomMetadata = parseDenomMetadataList(root["denom_metadata"]);

  const declared = parseCoinsJson(root["supply"], "bank.supply");
  if (!declared.isEmpty()) {
    const problem = coinsProblem(declared);
    if (problem !== undefined) throw new JsonError("bank.supply", problem);
    if (!declared.equal(totalSupply)) {
      throw new JsonError("bank.supply", `genesis supply is incorrect, expected ${declared.toString()}, got ${totalSupply.toString()}`);
    }
  }

  return {
    params: Params.fromPartial({ sendEnabled: [], defaultSendEnabled }),
    balances,
    supply: totalSupply,
    denomMetadata,
    sendEnabled,
  };
}

function parseDenomMetadataList(v: JsonValue | undefined): Metadata[] {
  return asArray(v, "bank.denom_metadata").map((m, i) => {
    const path = `bank.denom_metadata[${i}]`;
    return parseMetadata(asObject(m, path), path);
  });
}

/**
 * The part of GenesisState.Validate that x/bank's InitGenesis does not repeat: denom metadata
 * (unique bases, Metadata.Validate). simd runs it in `genesis validate` and gentx only, and starts a
 * chain whose metadata lacks a name or symbol; so does plumed. Run after parseBankGenesis.
 */
export function validateBankGenesisStrict(json: JsonValue): void {
  const root = asObject(json, "bank");
  const seen = new Set<string>();
  parseDenomMetadataList(root["denom_metadata"]).forEach((metadata, i) => {
    const path = `bank.denom_metadata[${i}]`;
    if (seen.has(metadata.base)) throw new JsonError(path, `duplicate client metadata for denom ${metadata.base}`);
    const problem = metadataProblem(metadata);
    if (problem !== undefined) throw new JsonError(path, problem);
    seen.add(metadata.base);
  });
}

/** Metadata.Validate's text, or undefined. */
export function metadataProblem(m: Metadata): string | undefined {
  if (goTrimSpace(m.name) === "") return "name field cannot be blank";
  if (goTrimSpace(m.symbol) === "") return "symbol field cannot be blank";
  const base = denomProblem(m.base);
  if (base !== undefined) return `invalid metadata base denom: ${base}`;
  const display = denomProblem(m.display);
  if (display !== undefined) return `invalid metadata display denom: ${display}`;
  let hasDisplay = false;
  let currentExponent = 0;
  const seenUnits = new Set<string>();
  for (const [i, unit] of m.denomUnits.entries()) {
    if (i === 0) {
      if (unit.denom !== m.base) return `metadata's first denomination unit must be the one with base denom '${m.base}'`;
      if (unit.exponent !== 0) return `the exponent for base denomination unit ${m.base} must be 0`;
    } else if (currentExponent >= unit.exponent) {
      return "denom units should be sorted asc by exponent";
    }
    currentExponent = unit.exponent;
    if (seenUnits.has(unit.denom)) return `duplicate denomination unit ${unit.denom}`;
    if (unit.denom === m.display) hasDisplay = true;
    const unitDenom = denomProblem(unit.denom);
    if (unitDenom !== undefined) return `invalid denom unit: ${unitDenom}`;
    const seenAliases = new Set<string>();
    for (const alias of unit.aliases) {
      if (seenAliases.has(alias)) return `duplicate denomination unit alias ${alias}`;
      if (goTrimSpace(alias) === "") return `alias for denom unit ${unit.denom} cannot be blank`;
      seenAliases.add(alias);
    }
    seenUnits.add(unit.denom);
  }
  if (!hasDisplay) return `metadata must contain a denomination unit with display denom '${m.display}'`;
  return undefined;
}

function parseMetadata(o: JsonObject, path: string): Metadata {
  return Metadata.fromPartial({
    description: asOptionalString(o["description"], `${path}.description`),
    denomUnits: asArray(o["denom_units"], `${path}.denom_units`).map((u, j) => {
      const unit = asObject(u, `${path}.denom_units[${j}]`);
      const exponent = asUint(unit["exponent"] ?? 0, `${path}.denom_units[${j}].exponent`);
      if (exponent > 0xffffffffn) throw new JsonError(`${path}.denom_units[${j}].exponent`, "out of range for uint32");
      return {
        denom: asOptionalString(unit["denom"], `${path}.denom_units[${j}].denom`),
        exponent: Number(exponent),
        aliases: asArray(unit["aliases"], `${path}.denom_units[${j}].aliases`).map((a, k) => asString(a, `${path}.denom_units[${j}].aliases[${k}]`)),
      };
    }),
    base: asOptionalString(o["base"], `${path}.base`),
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

/** InitGenesis: params, send-enabled entries, balances, supply (the sum of balances), metadata. */
export function initBankGenesis(ctx: Context, keeper: BankKeeper, genesis: BankGenesis): void {
  keeper.setParams(ctx, genesis.params);
  keeper.setAllSendEnabled(ctx, genesis.sendEnabled);
  for (const b of genesis.balances) for (const coin of b.coins) keeper.setBalance(ctx, b.address, coin);
  for (const coin of genesis.supply) keeper.setSupply(ctx, coin);
  for (const m of genesis.denomMetadata) keeper.setDenomMetadata(ctx, m);
}

/** ExportGenesis: everything in store (key) order. */
export function exportBankGenesis(ctx: Context, keeper: BankKeeper): JsonValue {
  const store = keeper.store(ctx);
  return {
    params: { send_enabled: [], default_send_enabled: keeper.params(store).defaultSendEnabled },
    balances: keeper.accountsBalances(store).map((b) => ({ address: keeper.addresses.encodeAccount(b.address), coins: coinsToJson(b.coins) })),
    supply: coinsToJson(keeper.totalSupply(store)),
    denom_metadata: keeper.allDenomMetadata(store).map(metadataToJson),
    send_enabled: keeper.sendEnabledEntries(store).map((s) => ({ denom: s.denom, enabled: s.enabled })),
  };
}
