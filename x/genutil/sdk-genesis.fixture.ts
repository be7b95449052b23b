/**
 * How Cosmos SDK v0.50.15's own codec reads and writes the genesis sections plumed implements
 * (testdata/sdk-genesis.json, made by testdata/sdk-genesis/main.go): per module, cases of JSON that
 * InitChain would read and what an export would then write (after the state stored it), or the
 * error the SDK gives. Each module's genesis test checks its reader and writer against them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface SdkGenesisCase {
  readonly name: string;
  /** The JSON text the SDK was given. */
  readonly input: string;
  /** What the SDK wrote after reading and storing it (absent when it refused the input). */
  readonly output?: string;
  /** The SDK's error (or panic) reading it. */
  readonly error?: string;
}

type Module = "auth" | "bank" | "staking" | "genutil";

const cases = JSON.parse(readFileSync(join(__dirname, "testdata", "sdk-genesis.json"), "utf8")) as Record<Module, SdkGenesisCase[]>;

export function sdkGenesisCases(module: Module): readonly SdkGenesisCase[] {
  return cases[module];
}

export function sdkGenesisCase(module: Module, name: string): SdkGenesisCase {
  const found = cases[module].find((c) => c.name === name);
  if (found === undefined) throw new Error(`no SDK genesis case "${name}" for ${module}`);
  return found;
}

/**
 * What a refusal must have in common with the SDK's: the unknown field's name when the SDK names
 * one (its type names are Go's, "types.Coin", where plumed gives the proto name and the JSON path),
 * else the SDK's own text when it is one plumed reproduces, else nothing beyond the refusal.
 */
export function expectedRefusal(c: SdkGenesisCase): string | RegExp {
  const error = c.error ?? "";
  const unknown = /unknown field "[^"]+"/.exec(error);
  if (unknown) return unknown[0];
  if (/^(bad Duration|integer out of range)/.test(error)) return error;
  return /./;
}
