/**
 * x/genutil's contract with the app: genesis transactions. At InitChain its InitGenesis delivers
 * every gentx through the app's real tx pipeline (signatures, fees and sequences checked as the
 * SDK checks them at height 0), then returns the staking module's validator set, which becomes
 * CometBFT's genesis validator set (x/genutil/{genesis,gentx}.go: InitGenesis, DeliverGenTxs).
 *
 * - It MUST run after staking (and plume_staking): the gentxs create validators in the store the
 *   staking genesis initialised, and the returned set is staking's.
 * - A gentx that fails to decode or execute fails InitChain with an error that names it (its
 *   index, validator and moniker) and the pipeline's error; the chain does not start.
 * - With no gentxs it returns nothing (the staking genesis alone decides the set, as after an
 *   export).
 * - ExportGenesis writes no gentxs: after genesis they are ordinary state (validators,
 *   delegations), which staking exports.
 */
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../app/context";
import type { AppModule, JsonValue } from "../../app/module";
import type { GenesisTxHandler, GenutilStakingKeeper } from "./expected-keepers";
import {
  decodeGenTx,
  defaultGenutilGenesisJson,
  describeGenTxMsg,
  GENUTIL_MODULE,
  parseGenutilGenesis,
  validateGenutilGenesis,
  type GenutilGenesis,
} from "./genesis";

export interface GenutilModuleOptions {
  readonly staking: GenutilStakingKeeper;
  /** The app's tx pipeline (baseapp's ExecuteGenesisTx). */
  readonly txHandler: GenesisTxHandler;
}

export function genutilModule(options: GenutilModuleOptions): AppModule {
  return {
    name: GENUTIL_MODULE,
    storeNames: [],
    defaultGenesis: defaultGenutilGenesisJson,
    validateGenesis: (g: JsonValue) => validateGenutilGenesis(parseGenutilGenesis(g)),
    initGenesis: (ctx, g) => {
      const genesis = parseGenutilGenesis(g);
      if (genesis.genTxs.length === 0) return [];
      return deliverGenTxs(ctx, genesis, options);
    },
    exportGenesis: () => defaultGenutilGenesisJson(),
  };
}

/** DeliverGenTxs: each gentx in order through the tx pipeline, then the validator set update. */
export function deliverGenTxs(ctx: Context, genesis: GenutilGenesis, options: GenutilModuleOptions): ValidatorUpdate[] {
  genesis.genTxs.forEach((json, i) => {
    const where = `${GENUTIL_MODULE}.gen_txs[${i}]`;
    const genTx = decodeGenTx(json, where);
    const result = options.txHandler.executeGenesisTx(ctx, genTx.bytes);
    if (result.code !== 0) {
      const code = `${result.codespace === "" ? "undefined" : result.codespace}/${result.code}`;
      throw new Error(`failed to execute DeliverTx for gentx ${where} of ${describeGenTxMsg(genTx.msg)}: ${result.log} (code ${code})`);
    }
  });
  const updates = options.staking.applyAndReturnValidatorSetUpdates(ctx);
  ctx.logger.info("delivered genesis transactions", { gentxs: genesis.genTxs.length, validators: updates.length });
  return updates;
}
