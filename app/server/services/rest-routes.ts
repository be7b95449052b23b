import { getRoutes, type RestRoute } from "../rest-route";

/** REST routes of cosmos.tx.v1beta1.Service (proto/cosmos/tx/v1beta1/service.proto in the SDK). */
export const TX_REST_ROUTES: readonly RestRoute[] = [
  { method: "POST", path: "/cosmos/tx/v1beta1/simulate", rpc: "/cosmos.tx.v1beta1.Service/Simulate", body: "*" },
  { method: "GET", path: "/cosmos/tx/v1beta1/txs/{hash}", rpc: "/cosmos.tx.v1beta1.Service/GetTx" },
  { method: "POST", path: "/cosmos/tx/v1beta1/txs", rpc: "/cosmos.tx.v1beta1.Service/BroadcastTx", body: "*" },
  { method: "GET", path: "/cosmos/tx/v1beta1/txs", rpc: "/cosmos.tx.v1beta1.Service/GetTxsEvent" },
  { method: "GET", path: "/cosmos/tx/v1beta1/txs/block/{height}", rpc: "/cosmos.tx.v1beta1.Service/GetBlockWithTxs" },
  { method: "POST", path: "/cosmos/tx/v1beta1/decode", rpc: "/cosmos.tx.v1beta1.Service/TxDecode", body: "*" },
  { method: "POST", path: "/cosmos/tx/v1beta1/encode", rpc: "/cosmos.tx.v1beta1.Service/TxEncode", body: "*" },
  { method: "POST", path: "/cosmos/tx/v1beta1/encode/amino", rpc: "/cosmos.tx.v1beta1.Service/TxEncodeAmino", body: "*" },
  { method: "POST", path: "/cosmos/tx/v1beta1/decode/amino", rpc: "/cosmos.tx.v1beta1.Service/TxDecodeAmino", body: "*" },
];

/** REST routes of cosmos.base.tendermint.v1beta1.Service. */
export const CMT_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.base.tendermint.v1beta1.Service", [
  ["GetNodeInfo", "/cosmos/base/tendermint/v1beta1/node_info"],
  ["GetSyncing", "/cosmos/base/tendermint/v1beta1/syncing"],
  ["GetLatestBlock", "/cosmos/base/tendermint/v1beta1/blocks/latest"],
  ["GetBlockByHeight", "/cosmos/base/tendermint/v1beta1/blocks/{height}"],
  ["GetLatestValidatorSet", "/cosmos/base/tendermint/v1beta1/validatorsets/latest"],
  ["GetValidatorSetByHeight", "/cosmos/base/tendermint/v1beta1/validatorsets/{height}"],
  ["ABCIQuery", "/cosmos/base/tendermint/v1beta1/abci_query"],
]);

/** REST routes of cosmos.base.node.v1beta1.Service. */
export const NODE_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.base.node.v1beta1.Service", [
  ["Config", "/cosmos/base/node/v1beta1/config"],
  ["Status", "/cosmos/base/node/v1beta1/status"],
]);
