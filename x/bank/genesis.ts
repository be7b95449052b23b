/**
 * x/bank genesis: the SDK's JSON of cosmos.bank.v1beta1.GenesisState
 * (`{params: {send_enabled, default_send_enabled}, balances: [{address, coins}], supply,
 * denom_metadata, send_enabled: [{denom, enabled}]}`), read and written by the SDK JSON codec
 * (app/json) as the SDK's codec.ProtoCodec reads and writes it: unknown fields refused, missing
 * fields Go's zero values, amounts in math.Int's syntax.
 *
 * Validation is GenesisState.Validate (x/bank/types/genesis.go) with its texts, each prefixed with
 * the JSON path; its denom metadata checks run only in `genesis validate`, as the SDK's InitGenesis
 * does not make them. InitGenesis and ExportGenesis follow x/bank/keeper/genesis.go, so an export
 * re-imports to the same state.
 */
import type { Metadata, Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { GenesisState } from "cosmjs-types/cosmos/bank/v1beta1/genesis";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { bytesToHex } from "../../app/encoding";
import { fromSdkJson, toSdkJson } from "../../app/json";
import { Coin, Coins, type ProtoCoin } from "../../app/math";
import { goTrimSpace } from "../../app/math/go-compat";
import type { JsonValue } from "../../app/module";
import { accAddressFromBech32, errorText } from "./address-codec";
import type { BankKeeper } from "./keeper";
import { denomProblem } from "./validation";

export const BANK_GENESIS_TYPE = "cosmos.bank.v1beta1.GenesisState";

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
  return toSdkJson(BANK_GENESIS_TYPE, GenesisState.fromPartial({ params: { sendEnabled: [], defaultSendEnabled: true } }));
}

/** The section as the codec reads it (nothing validated); errors name the path from "bank". */
export function readBankGenesisState(json: JsonValue): GenesisState {
  return fromSdkJson<GenesisState>(BANK_GENESIS_TYPE, json, { path: "bank" });
}

/** The SDK's JSON of a bank section. */
export function bankGenesisStateToJson(state: GenesisState): JsonValue {
  return toSdkJson(BANK_GENESIS_TYPE, state);
}

/** Coins as the codec decoded them: order kept, nothing else checked. */
function coinsAt(list: readonly ProtoCoin[], path: string): Coins {
  return Coins.unchecked(
    list.map((c, i) => {
      try {
        return Coin.fromProto(c);
      } catch (err) {
        throw new Error(`${path}[${i}].amount: ${errorText(err)}`, { cause: err });
      }
    }),
  );
}

/** Coins.Validate's plain text ("coin 0stake amount is not positive"), or undefined. */
function coinsProblem(coins: Coins): string | undefined {
  const err = coins.validate();
  return err === undefined ? undefined : err.message.replace(/: invalid coins$/, "");
}

/**
 * Parses and validates a bank genesis section: GenesisState.Validate except its denom metadata
 * checks, which run only in `genesis validate` (validateBankGenesisStrict), as in the SDK.
 */
export function parseBankGenesis(json: JsonValue, addresses: AddressCodec): BankGenesis {
  const state = readBankGenesisState(json);
  if (state.params.sendEnabled.length > 0 && state.sendEnabled.length > 0) {
    throw new Error("bank.send_enabled: send_enabled defined in both the send_enabled field and in params (deprecated)");
  }
  if (state.params.sendEnabled.length > 0) throw new Error("bank.params.send_enabled: use of send_enabled in params is no longer supported");

  const sendEnabled = state.sendEnabled.map((se) => ({ denom: se.denom, enabled: se.enabled }));
  const seenSendEnabled = new Set<string>();
  sendEnabled.forEach((se, i) => {
    if (seenSendEnabled.has(se.denom)) throw new Error(`bank.send_enabled[${i}]: duplicate send enabled found: '${se.denom}'`);
    const problem = denomProblem(se.denom);
    if (problem !== undefined) throw new Error(`bank.send_enabled[${i}]: ${problem}`);
    seenSendEnabled.add(se.denom);
  });

  const seenBalances = new Set<string>();
  let totalSupply = Coins.empty();
  const balances = state.balances.map((b, i) => {
    const path = `bank.balances[${i}]`;
    let address: Uint8Array;
    try {
      address = accAddressFromBech32(addresses.account, b.address);
    } catch (err) {
      throw new Error(`${path}.address: ${errorText(err)}`, { cause: err });
    }
    // The SDK compares the address strings; comparing bytes as well also catches a case variant.
    const key = bytesToHex(address);
    if (seenBalances.has(b.address) || seenBalances.has(key)) throw new Error(`${path}: duplicate balance for address ${b.address}`);
    seenBalances.add(b.address).add(key);
    const coins = coinsAt(b.coins, `${path}.coins`);
    const problem = coinsProblem(coins);
    if (problem !== undefined) throw new Error(`${path}.coins: ${problem}`);
    totalSupply = totalSupply.add(coins);
    return { address, coins };
  });

  const declared = coinsAt(state.supply, "bank.supply");
  if (!declared.isEmpty()) {
    const problem = coinsProblem(declared);
    if (problem !== undefined) throw new Error(`bank.supply: ${problem}`);
    if (!declared.equal(totalSupply)) {
      throw new Error(`bank.supply: genesis supply is incorrect, expected ${declared.toString()}, got ${totalSupply.toString()}`);
    }
  }

  return {
    // The deprecated params list is refused above, so the stored params never hold one.
    params: { sendEnabled: [], defaultSendEnabled: state.params.defaultSendEnabled },
    balances,
    supply: totalSupply,
    // Stored as they are: the checks on metadata run in `genesis validate` (validateBankGenesisStrict).
    denomMetadata: state.denomMetadata,
    sendEnabled,
  };
}

/**
 * The part of GenesisState.Validate that x/bank's InitGenesis does not repeat: denom metadata
 * (unique bases, Metadata.Validate). simd runs it in `genesis validate` and gentx only, and starts a
 * chain whose metadata lacks a name or symbol; so does plumed. Run after parseBankGenesis.
 */
export function validateBankGenesisStrict(json: JsonValue): void {
  const seen = new Set<string>();
  readBankGenesisState(json).denomMetadata.forEach((metadata, i) => {
    const path = `bank.denom_metadata[${i}]`;
    if (seen.has(metadata.base)) throw new Error(`${path}: duplicate client metadata for denom ${metadata.base}`);
    const problem = metadataProblem(metadata);
    if (problem !== undefined) throw new Error(`${path}: ${problem}`);
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
  return bankGenesisStateToJson({
    params: { sendEnabled: [], defaultSendEnabled: keeper.params(store).defaultSendEnabled },
    balances: keeper.accountsBalances(store).map((b) => ({ address: keeper.addresses.encodeAccount(b.address), coins: b.coins.toProto() })),
    supply: keeper.totalSupply(store).toProto(),
    denomMetadata: keeper.allDenomMetadata(store),
    sendEnabled: keeper.sendEnabledEntries(store).map((s) => ({ denom: s.denom, enabled: s.enabled })),
  });
}
