import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The layout of a node home, as simd's: CometBFT and plumed share config/ and data/. */
export interface HomePaths {
  readonly home: string;
  readonly configDir: string;
  readonly dataDir: string;
  readonly appToml: string;
  readonly configToml: string;
  readonly genesis: string;
  readonly privValidatorKey: string;
  readonly nodeKey: string;
  readonly appDb: string;
  /** The writer lock: one plumed process per home (app/store/writer-lock.ts). */
  readonly lockFile: string;
  readonly gentxDir: string;
}

export const DEFAULT_HOME = join(homedir(), ".plumed");

export function homePaths(home: string): HomePaths {
  const root = resolve(home);
  const configDir = join(root, "config");
  const dataDir = join(root, "data");
  return {
    home: root,
    configDir,
    dataDir,
    appToml: join(configDir, "app.toml"),
    configToml: join(configDir, "config.toml"),
    genesis: join(configDir, "genesis.json"),
    privValidatorKey: join(configDir, "priv_validator_key.json"),
    nodeKey: join(configDir, "node_key.json"),
    appDb: join(dataDir, "application.lmdb"),
    lockFile: join(dataDir, "plumed.lock"),
    gentxDir: join(configDir, "gentx"),
  };
}

/** The home of an initialized node, or a readable error. */
export function existingHome(home: string): HomePaths {
  const p = homePaths(home);
  if (!existsSync(p.home)) throw new Error(`no plumed home at ${p.home} (run "plumed init <moniker> --chain-id <id> --home ${home}" first)`);
  for (const file of [p.genesis, p.appToml, p.configToml]) {
    if (!existsSync(file)) throw new Error(`${p.home} is not an initialized plumed home: ${file} is missing (run "plumed init" first)`);
  }
  return p;
}
