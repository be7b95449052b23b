import { readFileSync, writeFileSync } from "node:fs";
import type { JsonObject, JsonValue } from "./module";

/**
 * CometBFT's genesis document, which the real cometbft binary reads from config/genesis.json; the
 * application's part is `app_state` in Cosmos SDK v0.50 JSON, one section per module.
 */
export interface GenesisDoc {
  genesis_time: string;
  chain_id: string;
  initial_height: string;
  consensus_params?: JsonValue;
  validators?: GenesisValidator[];
  app_hash: string;
  app_state: Record<string, JsonValue>;
  [extra: string]: JsonValue | undefined;
}

export interface GenesisValidator {
  address: string;
  pub_key: { type: string; value: string };
  power: string;
  name: string;
  [extra: string]: JsonValue;
}

export function readGenesisDoc(path: string): GenesisDoc {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`cannot read genesis file ${path}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${path}: genesis must be a JSON object`);
  const g = doc as JsonObject;
  if (typeof g["chain_id"] !== "string" || g["chain_id"] === "") throw new Error(`${path}: chain_id is missing`);
  const appState = g["app_state"] ?? {};
  if (typeof appState !== "object" || appState === null || Array.isArray(appState)) throw new Error(`${path}: app_state must be an object`);
  return doc as GenesisDoc;
}

export function writeGenesisDoc(path: string, doc: GenesisDoc): void {
  writeFileSync(path, JSON.stringify(doc, null, 2) + "\n");
}
