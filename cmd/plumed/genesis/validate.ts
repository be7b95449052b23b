import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { createKeepers, createModules, MODULE_ORDER } from "../../../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../../../app/chain-config";
import { readGenesisDoc, type GenesisDoc } from "../../../app/genesis-doc";
import { ModuleManager } from "../../../app/module-manager";
import { bech32PrefixOf } from "../client/context";
import { homePaths } from "../home";

/**
 * `plumed genesis validate [file]` (also `validate-genesis`): simd's ValidateGenesisCmd. The
 * CometBFT part of the document is checked as GenesisDoc.ValidateAndComplete checks it (chain id,
 * initial height, validators with power), then every module's ValidateGenesis runs on its
 * `app_state` section, in the app's genesis order (sections of modules plumed does not run are
 * refused when they hold state). Nothing is executed: gentxs are decoded and checked, not run.
 */
export function validateGenesisDocument(genesis: GenesisDoc): void {
  const chainId = genesis.chain_id;
  if (chainId.length > 50) throw new Error(`chain_id in genesis doc is too long (max: 50)`);
  const initial = genesis.initial_height ?? "0";
  if (typeof initial !== "string" || !/^\d+$/.test(initial)) throw new Error(`initial_height cannot be negative or malformed (got ${JSON.stringify(initial)})`);
  (genesis.validators ?? []).forEach((v, i) => {
    if (!/^[1-9]\d*$/.test(String(v.power))) throw new Error(`the genesis file cannot contain validators with no voting power: validators[${i}] (${v.name})`);
  });
}

/**
 * Every module's ValidateGenesis over `app_state` (accounts and validators read with
 * `bech32Prefix`): what InitChain checks too, then the checks the SDK makes only here.
 */
export function validateAppState(appState: GenesisDoc["app_state"], bech32Prefix: string): void {
  const settings = { ...DEFAULT_CHAIN_SETTINGS, bech32Prefix };
  const modules = createModules(createKeepers(settings), settings);
  new ModuleManager(modules, MODULE_ORDER).validateGenesis(appState);
  for (const m of [...modules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const section = appState[m.name];
    if (section === undefined || m.validateGenesisStrict === undefined) continue;
    try {
      m.validateGenesisStrict(section);
    } catch (err) {
      throw new Error(`genesis app_state.${m.name}: ${(err as Error).message}`);
    }
  }
}

export function validateGenesisFile(genesis: GenesisDoc, bech32Prefix: string): void {
  validateGenesisDocument(genesis);
  validateAppState(genesis.app_state, bech32Prefix);
}

/** Validates `file` (default: the home's genesis.json); returns the path it validated. */
export function validateGenesisCommand(home: string, file: string | undefined): string {
  const path = file !== undefined ? resolve(file) : homePaths(home).genesis;
  if (!existsSync(path)) throw new Error(`no genesis file at ${path}`);
  const genesis = readGenesisDoc(path);
  try {
    validateGenesisFile(genesis, bech32PrefixOf(home));
  } catch (err) {
    throw new Error(`error validating genesis file ${path}: ${(err as Error).message}`);
  }
  return path;
}
