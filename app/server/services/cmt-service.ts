/**
 * cosmos.base.tendermint.v1beta1.Service (client/grpc/cmtservice in cosmos-sdk v0.50): node
 * info, syncing, blocks and validator sets from CometBFT's RPC; ABCIQuery straight into the app.
 */
import { toBech32 } from "@cosmjs/encoding";
import {
  ABCIQueryRequest,
  ABCIQueryResponse,
  GetBlockByHeightRequest,
  GetBlockByHeightResponse,
  GetLatestBlockRequest,
  GetLatestBlockResponse,
  GetLatestValidatorSetRequest,
  GetLatestValidatorSetResponse,
  GetNodeInfoRequest,
  GetNodeInfoResponse,
  GetSyncingRequest,
  GetSyncingResponse,
  GetValidatorSetByHeightRequest,
  GetValidatorSetByHeightResponse,
  type Validator,
  type VersionInfo,
} from "cosmjs-types/cosmos/base/tendermint/v1beta1/query";
import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { RequestQuery, type ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import { GrpcStatus, QueryError } from "../../query-router";
import { blockIdOf, blockOf, nodeInfoOf, sdkBlockOf, syncInfoOf } from "./comet-convert";
import { arr, b64Bytes, big, obj, str, type CometRpcClient, type RpcObject } from "./comet-rpc";
import type { ServiceMethod } from "./service-table";

/** What ABCIQuery needs from the app: its own ABCI Query (BaseApp.query). */
export interface AbciQueryable {
  query(req: RequestQuery): ResponseQuery | Promise<ResponseQuery>;
}

export interface CmtServiceDeps {
  readonly comet: CometRpcClient;
  readonly app: () => AbciQueryable;
  /** Bech32 prefix of consensus addresses ("<prefix>valcons"). */
  readonly consensusPrefix: string;
  readonly versionInfo: VersionInfo;
}

const SERVICE = "/cosmos.base.tendermint.v1beta1.Service";
const DEFAULT_LIMIT = 100;

const unknown = (message: string): QueryError => new QueryError(GrpcStatus.Unknown, message);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function rpc<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw err instanceof QueryError ? err : unknown(messageOf(err));
  }
}

/** types/query.ParsePagination: CometBFT pages from an offset/limit PageRequest. */
function pageOf(p: PageRequest | undefined): { page: number; limit: number } {
  const offset = p ? Number(p.offset) : 0;
  let limit = p ? Number(p.limit) : DEFAULT_LIMIT;
  if (limit === 0) limit = DEFAULT_LIMIT;
  return { page: Math.floor(offset / limit) + 1, limit };
}

export function cmtServiceMethods(deps: CmtServiceDeps): ServiceMethod<never, unknown>[] {
  const latestHeight = async (): Promise<bigint> => big(syncInfoOf(await deps.comet.status())["latest_block_height"]);

  const validatorSet = async (height: bigint | undefined, pagination: PageRequest | undefined): Promise<{ blockHeight: bigint; validators: Validator[]; total: bigint }> => {
    const { page, limit } = pageOf(pagination);
    const res = await deps.comet.validators(height, page, limit);
    const total = big(res["total"]);
    return {
      blockHeight: big(res["block_height"]),
      validators: arr(res["validators"]).map((v) => validatorOf(obj(v, "validator"), deps.consensusPrefix)),
      total: total < 0n ? 0n : total,
    };
  };

  const getNodeInfo: ServiceMethod<GetNodeInfoRequest, GetNodeInfoResponse> = {
    path: `${SERVICE}/GetNodeInfo`,
    requestCodec: GetNodeInfoRequest,
    responseCodec: GetNodeInfoResponse,
    viaAbci: true,
    async handle() {
      const status = await rpc(() => deps.comet.status());
      return GetNodeInfoResponse.fromPartial({ defaultNodeInfo: nodeInfoOf(status["node_info"]), applicationVersion: deps.versionInfo });
    },
  };

  const getSyncing: ServiceMethod<GetSyncingRequest, GetSyncingResponse> = {
    path: `${SERVICE}/GetSyncing`,
    requestCodec: GetSyncingRequest,
    responseCodec: GetSyncingResponse,
    viaAbci: true,
    async handle() {
      const status = await rpc(() => deps.comet.status());
      return GetSyncingResponse.fromPartial({ syncing: syncInfoOf(status)["catching_up"] === true });
    },
  };

  const getLatestBlock: ServiceMethod<GetLatestBlockRequest, GetLatestBlockResponse> = {
    path: `${SERVICE}/GetLatestBlock`,
    requestCodec: GetLatestBlockRequest,
    responseCodec: GetLatestBlockResponse,
    viaAbci: true,
    async handle() {
      const res = await rpc(() => deps.comet.block());
      return blockResponse(res, deps.consensusPrefix);
    },
  };

  const getBlockByHeight: ServiceMethod<GetBlockByHeightRequest, GetBlockByHeightResponse> = {
    path: `${SERVICE}/GetBlockByHeight`,
    requestCodec: GetBlockByHeightRequest,
    responseCodec: GetBlockByHeightResponse,
    viaAbci: true,
    async handle(req) {
      const latest = await rpc(latestHeight);
      if (req.height > latest) throw new QueryError(GrpcStatus.InvalidArgument, "requested block height is bigger then the chain length");
      const res = await rpc(() => deps.comet.block(req.height));
      return blockResponse(res, deps.consensusPrefix);
    },
  };

  const getLatestValidatorSet: ServiceMethod<GetLatestValidatorSetRequest, GetLatestValidatorSetResponse> = {
    path: `${SERVICE}/GetLatestValidatorSet`,
    requestCodec: GetLatestValidatorSetRequest,
    responseCodec: GetLatestValidatorSetResponse,
    viaAbci: true,
    async handle(req) {
      const set = await rpc(() => validatorSet(undefined, req.pagination));
      return GetLatestValidatorSetResponse.fromPartial({
        blockHeight: set.blockHeight,
        validators: set.validators,
        pagination: { nextKey: new Uint8Array(), total: set.total },
      });
    },
  };

  const getValidatorSetByHeight: ServiceMethod<GetValidatorSetByHeightRequest, GetValidatorSetByHeightResponse> = {
    path: `${SERVICE}/GetValidatorSetByHeight`,
    requestCodec: GetValidatorSetByHeightRequest,
    responseCodec: GetValidatorSetByHeightResponse,
    viaAbci: true,
    async handle(req) {
      const latest = await rpc(latestHeight);
      if (req.height > latest) throw new QueryError(GrpcStatus.InvalidArgument, "requested block height is bigger then the chain length");
      const set = await rpc(() => validatorSet(req.height, req.pagination));
      return GetValidatorSetByHeightResponse.fromPartial({
        blockHeight: set.blockHeight,
        validators: set.validators,
        pagination: { nextKey: new Uint8Array(), total: set.total },
      });
    },
  };

  const abciQuery: ServiceMethod<ABCIQueryRequest, ABCIQueryResponse> = {
    path: `${SERVICE}/ABCIQuery`,
    requestCodec: ABCIQueryRequest,
    responseCodec: ABCIQueryResponse,
    viaAbci: true,
    async handle(req) {
      if (req.path === "") throw new QueryError(GrpcStatus.InvalidArgument, "empty query path");
      // Only the app's own paths: a gRPC method path here would bypass the gRPC server.
      const first = req.path.replace(/^\//, "").split("/")[0] ?? "";
      if (!["app", "store", "p2p", "custom"].includes(first)) {
        throw new QueryError(GrpcStatus.InvalidArgument, `unsupported ABCI query path: ${req.path}`);
      }
      const res = await deps.app().query(RequestQuery.fromPartial({ data: req.data, path: req.path, height: req.height, prove: req.prove }));
      return ABCIQueryResponse.fromPartial({
        code: res.code,
        log: res.log,
        info: res.info,
        index: res.index,
        key: res.key,
        value: res.value,
        ...(res.proofOps ? { proofOps: { ops: res.proofOps.ops.map((o) => ({ type: o.type, key: o.key, data: o.data })) } } : {}),
        height: res.height,
        codespace: res.codespace,
      });
    },
  };

  return [getNodeInfo, getSyncing, getLatestBlock, getBlockByHeight, getLatestValidatorSet, getValidatorSetByHeight, abciQuery] as ServiceMethod<
    never,
    unknown
  >[];
}

function blockResponse(res: RpcObject, consensusPrefix: string): GetLatestBlockResponse {
  const block = blockOf(res["block"]);
  return GetLatestBlockResponse.fromPartial({ blockId: blockIdOf(res["block_id"]), block, sdkBlock: sdkBlockOf(block, consensusPrefix) });
}

const PUBKEY_TYPES: Record<string, { typeUrl: string; encode: (key: Uint8Array) => Uint8Array }> = {
  "tendermint/PubKeyEd25519": { typeUrl: "/cosmos.crypto.ed25519.PubKey", encode: (key) => Ed25519PubKey.encode({ key }).finish() },
  "tendermint/PubKeySecp256k1": { typeUrl: "/cosmos.crypto.secp256k1.PubKey", encode: (key) => Secp256k1PubKey.encode({ key }).finish() },
};

function validatorOf(v: RpcObject, consensusPrefix: string): Validator {
  const pk = obj(v["pub_key"], "pub_key");
  const kind = PUBKEY_TYPES[str(pk["type"])];
  if (!kind) throw unknown(`unsupported validator public key type ${str(pk["type"])}`);
  return {
    address: toBech32(consensusPrefix, new Uint8Array(Buffer.from(str(v["address"]), "hex"))),
    pubKey: { typeUrl: kind.typeUrl, value: kind.encode(b64Bytes(pk["value"])) },
    votingPower: big(v["voting_power"]),
    proposerPriority: big(v["proposer_priority"]),
  };
}
