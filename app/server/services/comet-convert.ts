/**
 * CometBFT RPC JSON -> the protobuf messages the SDK's services return (what `ToProto()` gives in
 * client/grpc/cmtservice): blocks, headers, commits, validators, node info.
 */
import { toBech32 } from "@cosmjs/encoding";
import { Block as SdkBlock, Header as SdkHeader } from "cosmjs-types/cosmos/base/tendermint/v1beta1/types";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { DefaultNodeInfo } from "cosmjs-types/tendermint/p2p/types";
import { Block } from "cosmjs-types/tendermint/types/block";
import type { Evidence } from "cosmjs-types/tendermint/types/evidence";
import type { BlockID, Commit, Header, Vote } from "cosmjs-types/tendermint/types/types";
import { parseTimestamp } from "../../json/well-known";
import { arr, b64Bytes, big, hexBytes, num, obj, optObj, str, type RpcJson, type RpcObject } from "./comet-rpc";

export function timestampOf(v: RpcJson | undefined): Timestamp {
  const s = str(v);
  if (s === "") return { seconds: 0n, nanos: 0 };
  return parseTimestamp(s);
}

/** Go's time.RFC3339 (no fraction), as the SDK formats TxResponse.timestamp. */
export function rfc3339Seconds(v: RpcJson | undefined): string {
  const s = str(v);
  return s === "" ? "" : s.replace(/\.\d+(?=Z|[+-]\d{2}:\d{2}$)/, "");
}

export function blockIdOf(v: RpcJson | undefined): BlockID {
  const o = optObj(v) ?? {};
  const parts = optObj(o["parts"]) ?? {};
  return { hash: hexBytes(o["hash"]), partSetHeader: { total: num(parts["total"]), hash: hexBytes(parts["hash"]) } };
}

export function headerOf(v: RpcJson | undefined): Header {
  const h = obj(v, "header");
  const version = optObj(h["version"]) ?? {};
  return {
    version: { block: big(version["block"]), app: big(version["app"]) },
    chainId: str(h["chain_id"]),
    height: big(h["height"]),
    time: timestampOf(h["time"]),
    lastBlockId: blockIdOf(h["last_block_id"]),
    lastCommitHash: hexBytes(h["last_commit_hash"]),
    dataHash: hexBytes(h["data_hash"]),
    validatorsHash: hexBytes(h["validators_hash"]),
    nextValidatorsHash: hexBytes(h["next_validators_hash"]),
    consensusHash: hexBytes(h["consensus_hash"]),
    appHash: hexBytes(h["app_hash"]),
    lastResultsHash: hexBytes(h["last_results_hash"]),
    evidenceHash: hexBytes(h["evidence_hash"]),
    proposerAddress: hexBytes(h["proposer_address"]),
  };
}

function commitOf(v: RpcJson | undefined): Commit | undefined {
  const c = optObj(v);
  if (!c) return undefined;
  return {
    height: big(c["height"]),
    round: num(c["round"]),
    blockId: blockIdOf(c["block_id"]),
    signatures: arr(c["signatures"]).map((s) => {
      const sig = obj(s, "commit signature");
      return {
        blockIdFlag: num(sig["block_id_flag"]),
        validatorAddress: hexBytes(sig["validator_address"]),
        timestamp: timestampOf(sig["timestamp"]),
        signature: b64Bytes(sig["signature"]),
      };
    }),
  };
}

function voteOf(v: RpcJson | undefined): Vote | undefined {
  const o = optObj(v);
  if (!o) return undefined;
  return {
    type: num(o["type"]),
    height: big(o["height"]),
    round: num(o["round"]),
    blockId: blockIdOf(o["block_id"]),
    timestamp: timestampOf(o["timestamp"]),
    validatorAddress: hexBytes(o["validator_address"]),
    validatorIndex: num(o["validator_index"]),
    signature: b64Bytes(o["signature"]),
    extension: b64Bytes(o["extension"]),
    extensionSignature: b64Bytes(o["extension_signature"]),
  };
}

/** Evidence in the block JSON is amino-typed ({"type": "tendermint/DuplicateVoteEvidence", "value": ...}). */
function evidenceOf(v: RpcJson): Evidence | undefined {
  const e = obj(v, "evidence");
  const value = optObj(e["value"]) ?? {};
  if (str(e["type"]) === "tendermint/DuplicateVoteEvidence") {
    const voteA = voteOf(value["vote_a"]);
    const voteB = voteOf(value["vote_b"]);
    return {
      duplicateVoteEvidence: {
        ...(voteA ? { voteA } : {}),
        ...(voteB ? { voteB } : {}),
        totalVotingPower: big(value["TotalVotingPower"] ?? value["total_voting_power"]),
        validatorPower: big(value["ValidatorPower"] ?? value["validator_power"]),
        timestamp: timestampOf(value["Timestamp"] ?? value["timestamp"]),
      },
    };
  }
  // Light client attack evidence carries whole light blocks; explorers do not read it from here.
  return undefined;
}

export function blockOf(v: RpcJson | undefined): Block {
  const b = obj(v, "block");
  const data = optObj(b["data"]) ?? {};
  const evidence = optObj(b["evidence"]) ?? {};
  const lastCommit = commitOf(b["last_commit"]);
  return Block.fromPartial({
    header: headerOf(b["header"]),
    data: { txs: arr(data["txs"]).map(b64Bytes) },
    evidence: { evidence: arr(evidence["evidence"]).flatMap((e) => evidenceOf(e) ?? []) },
    ...(lastCommit ? { lastCommit } : {}),
  });
}

/** cmtservice's convertBlock: the same block with the proposer as a bech32 consensus address. */
export function sdkBlockOf(block: Block, consensusPrefix: string): SdkBlock {
  const h = block.header;
  const header = SdkHeader.fromPartial({
    version: h.version,
    chainId: h.chainId,
    height: h.height,
    time: h.time,
    lastBlockId: h.lastBlockId,
    lastCommitHash: h.lastCommitHash,
    dataHash: h.dataHash,
    validatorsHash: h.validatorsHash,
    nextValidatorsHash: h.nextValidatorsHash,
    consensusHash: h.consensusHash,
    appHash: h.appHash,
    lastResultsHash: h.lastResultsHash,
    evidenceHash: h.evidenceHash,
    proposerAddress: h.proposerAddress.length === 0 ? "" : toBech32(consensusPrefix, h.proposerAddress),
  });
  return SdkBlock.fromPartial({ header, data: block.data, evidence: block.evidence, ...(block.lastCommit ? { lastCommit: block.lastCommit } : {}) });
}

export function nodeInfoOf(v: RpcJson | undefined): DefaultNodeInfo {
  const n = obj(v, "node_info");
  const pv = optObj(n["protocol_version"]) ?? {};
  const other = optObj(n["other"]) ?? {};
  return DefaultNodeInfo.fromPartial({
    protocolVersion: { p2p: big(pv["p2p"]), block: big(pv["block"]), app: big(pv["app"]) },
    defaultNodeId: str(n["id"]),
    listenAddr: str(n["listen_addr"]),
    network: str(n["network"]),
    version: str(n["version"]),
    channels: hexBytes(n["channels"]),
    moniker: str(n["moniker"]),
    other: { txIndex: str(other["tx_index"]), rpcAddress: str(other["rpc_address"]) },
  });
}

export function syncInfoOf(status: RpcObject): RpcObject {
  return obj(status["sync_info"], "sync_info");
}
