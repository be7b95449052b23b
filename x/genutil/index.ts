/** x/genutil's public surface: the module for the app's wiring, the gentx helpers for the CLI. */
export { genutilModule, deliverGenTxs, type GenutilModuleOptions } from "./module";
export {
  GENUTIL_MODULE,
  MSG_CREATE_VALIDATOR_TYPE_URL,
  TX_TYPE_URL,
  decodeGenTx,
  defaultGenutilGenesisJson,
  describeGenTxMsg,
  genTxToJson,
  genutilGenesisToJson,
  parseGenutilGenesis,
  txRawBytes,
  validateGenutilGenesis,
  type GenTx,
  type GenutilGenesis,
} from "./genesis";
export { bondDenomOf, collectGenTxs, setGenTxsInAppState, validateAccountInGenesis, type CollectedGenTxs, type GenTxFile } from "./gentx";
export type { GenesisTxHandler, GenesisTxResult, GenutilStakingKeeper } from "./expected-keepers";
