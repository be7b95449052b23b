import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { appStoreNames, createPlumeApp } from "../../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../../app/chain-config";
import { readAppConfig } from "../../app/config/app-config";
import { readGenesisDoc, type GenesisDoc } from "../../app/genesis-doc";
import { silentLogger } from "../../app/logger";
import type { JsonValue } from "../../app/module";
import { acquireWriterLock, openCommitMultiStore } from "../../app/store";
import type { CommitMultiStore } from "../../app/store/types";
import { existingHome } from "./home";

/** CometBFT's genesis JSON for consensus params (int64s as strings, durations in nanoseconds). */
export function consensusParamsToGenesisJson(p: ConsensusParams): JsonValue {
  const nanos = (d: { seconds: bigint; nanos: number } | undefined): string => (d ? (d.seconds * 1_000_000_000n + BigInt(d.nanos)).toString() : "0");
  return {
    block: { max_bytes: String(p.block?.maxBytes ?? 0n), max_gas: String(p.block?.maxGas ?? -1n) },
    evidence: {
      max_age_num_blocks: String(p.evidence?.maxAgeNumBlocks ?? 0n),
      max_age_duration: nanos(p.evidence?.maxAgeDuration),
      max_bytes: String(p.evidence?.maxBytes ?? 0n),
    },
    validator: { pub_key_types: [...(p.validator?.pubKeyTypes ?? ["ed25519"])] },
    version: { app: String(p.version?.app ?? 0n) },
    abci: { vote_extensions_enable_height: String(p.abci?.voteExtensionsEnableHeight ?? 0n) },
  };
}

/**
 * `plumed export`: the state at a committed height as a genesis document that `plumed init` +
 * InitChain accept again (initial_height = height + 1).
 */
export async function exportGenesis(opts: { home: string; height?: bigint }): Promise<GenesisDoc> {
  const paths = existingHome(opts.home);
  const config = readAppConfig(paths.appToml);
  const original = readGenesisDoc(paths.genesis);
  const settings = { ...DEFAULT_CHAIN_SETTINGS, bech32Prefix: config.bech32Prefix };
  // Like simd (whose LevelDB lock refuses it), export does not run next to a node on the same home.
  const lock = await acquireWriterLock(paths.lockFile);
  let store: CommitMultiStore | undefined;
  try {
    store = openCommitMultiStore({ path: paths.appDb, storeNames: appStoreNames(settings), pruning: config.pruning });
    const app = createPlumeApp({ chainId: original.chain_id, settings, store, logger: silentLogger });
    const latest = BigInt(store.lastCommitId().version);
    if (latest === 0n) throw new Error("nothing to export: no block has been committed yet");
    const height = opts.height ?? latest;
    if (height <= 0n || height > latest) throw new Error(`cannot export height ${height}: the latest committed height is ${latest}`);
    if (height < BigInt(store.earliestVersion())) throw new Error(`cannot export height ${height}: pruned (earliest is ${store.earliestVersion()})`);
    const ctx = app.baseApp.contextAt(height);
    const appState = app.modules.exportGenesis(ctx);
    const params = app.keepers.consensus.get(ctx);
    return {
      ...original,
      initial_height: (height + 1n).toString(),
      app_hash: "",
      ...(params ? { consensus_params: consensusParamsToGenesisJson(params) } : {}),
      app_state: appState,
    };
  } finally {
    await store?.close();
    await lock.release();
  }
}
