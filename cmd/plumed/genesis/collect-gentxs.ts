import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTomlValues } from "../../../app/config/toml-edit";
import { readGenesisDoc, writeGenesisDoc } from "../../../app/genesis-doc";
import type { JsonValue } from "../../../app/module";
import { collectGenTxs, genTxToJson, setGenTxsInAppState, type GenTxFile } from "../../../x/genutil";
import { addressCodecOf } from "../client/context";
import { homePaths } from "../home";
import { readNodeConfig, readNodeId } from "./node-files";
import { validateAppState } from "./validate";

/**
 * `plumed genesis collect-gentxs [--gentx-dir DIR]`: simd's collect-gentxs
 * (x/genutil/collect.go GenAppStateFromConfig).
 *
 * - Reads every `*.json` file of the gentx directory (default config/gentx) in file-name order and
 *   validates each (one MsgCreateValidator, a memo naming its node, an operator funded in genesis
 *   with the self-delegation; two gentxs for one operator or consensus key are refused).
 * - Writes them, in that order, into `app_state.genutil.gen_txs` (replacing what was there) and
 *   clears the CometBFT `validators` list: InitChain takes the validator set from the gentxs.
 * - Sets this node's config.toml `p2p.persistent_peers` to the other validators' memos, sorted.
 * - Validates the new genesis with every module before writing it.
 *
 * Every validator that collects the same directory over the same genesis gets the same file.
 */
export interface CollectResult {
  readonly genesis: string;
  readonly gentxDir: string;
  readonly genTxs: number;
  readonly persistentPeers: string;
  readonly moniker: string;
  readonly chainId: string;
  readonly nodeId: string;
}

export function collectGenTxsInHome(home: string, gentxDir?: string): CollectResult {
  const paths = homePaths(home);
  if (!existsSync(paths.genesis)) throw new Error(`no genesis at ${paths.genesis} (run "plumed init <moniker> --chain-id <id> --home ${home}" first)`);
  const dir = gentxDir !== undefined ? resolve(gentxDir) : paths.gentxDir;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`no gentx directory at ${dir} (create gentxs with "plumed genesis gentx", or pass --gentx-dir)`);
  const files: GenTxFile[] = readdirSync(dir)
    .filter((name) => name.endsWith(".json") && statSync(join(dir, name)).isFile())
    .map((name) => {
      let json: JsonValue;
      try {
        json = JSON.parse(readFileSync(join(dir, name), "utf8")) as JsonValue;
      } catch (err) {
        throw new Error(`${name} is not JSON: ${(err as Error).message}`);
      }
      return { name, json };
    });

  const addresses = addressCodecOf(home);
  const config = readNodeConfig(paths);
  const genesis = readGenesisDoc(paths.genesis);
  const collected = collectGenTxs(files, genesis.app_state, config.moniker, addresses);
  genesis.app_state = setGenTxsInAppState(genesis.app_state, collected.genTxs.map((g) => genTxToJson(g.tx)));
  genesis.validators = [];
  try {
    validateAppState(genesis.app_state, addresses.prefix);
  } catch (err) {
    throw new Error(`the genesis with these gentxs would be invalid: ${(err as Error).message}`);
  }
  writeGenesisDoc(paths.genesis, genesis);
  writeFileSync(paths.configToml, setTomlValues(readFileSync(paths.configToml, "utf8"), { "p2p.persistent_peers": collected.persistentPeers }));
  return {
    genesis: paths.genesis,
    gentxDir: dir,
    genTxs: collected.genTxs.length,
    persistentPeers: collected.persistentPeers,
    moniker: config.moniker,
    chainId: genesis.chain_id,
    nodeId: readNodeId(paths),
  };
}
