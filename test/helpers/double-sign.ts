/**
 * A real double sign, made the way CometBFT's own e2e runner makes one
 * (test/e2e/runner/evidence.go, generateDuplicateVoteEvidence): a validator's key from its
 * priv_validator_key.json signs two precommits for the same height and round with different block
 * ids, and the pair goes to a node as DuplicateVoteEvidence through the `broadcast_evidence` RPC.
 * CometBFT verifies it (signatures, the validator and its power in the set at that height, the
 * total power, the evidence time = the block's time), gossips it, a proposer puts it in a block, and
 * FinalizeBlock hands it to the app as DUPLICATE_VOTE misbehavior.
 *
 * What is signed is CometBFT's VoteSignBytes: the CanonicalVote protobuf, length-delimited
 * (types/vote.go). The JSON is cmtjson's (amino-compatible): int64 as strings, int32 and uint32 as
 * numbers, addresses and hashes as upper-case hex, signatures base64, the evidence wrapped in
 * {"type": "tendermint/DuplicateVoteEvidence", "value": ...}.
 */
import { createPrivateKey, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BinaryWriter } from "cosmjs-types/binary";
import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { SignedMsgType } from "cosmjs-types/tendermint/types/types";
import { rfc3339ToTimestamp } from "../../app/context";
import { rpc } from "./rpc";

interface PrivValidatorKey {
  readonly address: string;
  readonly priv_key: { readonly type: string; readonly value: string };
}

/** The node's consensus key: its address (hex) and an ed25519 signer. */
export function readPrivValidatorKey(home: string): { address: string; sign: (msg: Uint8Array) => Uint8Array } {
  const key = JSON.parse(readFileSync(join(home, "config", "priv_validator_key.json"), "utf8")) as PrivValidatorKey;
  if (key.priv_key.type !== "tendermint/PrivKeyEd25519") throw new Error(`unsupported key type ${key.priv_key.type}`);
  // CometBFT stores seed ‖ public key; a PKCS#8 ed25519 key is a fixed prefix and the seed.
  const seed = Buffer.from(key.priv_key.value, "base64").subarray(0, 32);
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const privateKey = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  return { address: key.address.toUpperCase(), sign: (msg) => new Uint8Array(sign(null, msg, privateKey)) };
}

interface BlockId {
  readonly hash: Uint8Array;
  readonly parts: { readonly total: number; readonly hash: Uint8Array };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex").toUpperCase();

/**
 * VoteSignBytes: the CanonicalVote (proto/tendermint/types/canonical.proto; cosmjs-types does not
 * ship it), prefixed with its length as a uvarint: type (1, varint), height (2, sfixed64), round
 * (3, sfixed64), block_id (4: hash 1, part_set_header 2 {total 1, hash 2}), timestamp (5),
 * chain_id (6); zero scalars omitted as gogoproto omits them.
 */
export function voteSignBytes(chainId: string, height: bigint, round: bigint, blockId: BlockId, time: string): Uint8Array {
  const w = new BinaryWriter();
  w.uint32((1 << 3) | 0).int32(SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT);
  if (height !== 0n) w.uint32((2 << 3) | 1).sfixed64(height);
  if (round !== 0n) w.uint32((3 << 3) | 1).sfixed64(round);
  w.uint32((4 << 3) | 2).fork();
  w.uint32((1 << 3) | 2).bytes(blockId.hash);
  w.uint32((2 << 3) | 2).fork();
  w.uint32((1 << 3) | 0).uint32(blockId.parts.total);
  w.uint32((2 << 3) | 2).bytes(blockId.parts.hash);
  w.ldelim();
  w.ldelim();
  Timestamp.encode(rfc3339ToTimestamp(time), w.uint32((5 << 3) | 2).fork()).ldelim();
  w.uint32((6 << 3) | 2).string(chainId);
  return new BinaryWriter().bytes(w.finish()).finish();
}

export interface DoubleSign {
  /** The evidence hash CometBFT returns. */
  readonly hash: string;
  readonly height: number;
  readonly validatorPower: bigint;
  readonly totalPower: bigint;
}

/**
 * Signs two conflicting precommits at `height` with the key in `home` and submits them to the node
 * at `rpcPort`; resolves once the node has accepted the evidence into its pool (it throws on
 * evidence CometBFT refuses).
 */
export async function broadcastDoubleSign(opts: { readonly rpcPort: number; readonly chainId: string; readonly home: string; readonly height: number }): Promise<DoubleSign> {
  const key = readPrivValidatorKey(opts.home);
  const block = await rpc<{ block: { header: { time: string } } }>(opts.rpcPort, "block", { height: opts.height });
  const time = block.block.header.time;
  const vals = await rpc<{ validators: { address: string; voting_power: string }[] }>(opts.rpcPort, "validators", { height: opts.height, per_page: 100 });
  const index = vals.validators.findIndex((v) => v.address.toUpperCase() === key.address);
  if (index < 0) throw new Error(`${key.address} was not a validator at height ${opts.height}`);
  const validatorPower = BigInt(vals.validators[index]?.voting_power ?? "0");
  const totalPower = vals.validators.reduce((s, v) => s + BigInt(v.voting_power), 0n);

  const randomBlockId = (): BlockId => ({ hash: new Uint8Array(randomBytes(32)), parts: { total: 1, hash: new Uint8Array(randomBytes(32)) } });
  // CometBFT wants vote A's block id before vote B's (by hash bytes, then part set header).
  const ids = [randomBlockId(), randomBlockId()].sort((a, b) => Buffer.compare(Buffer.from(a.hash), Buffer.from(b.hash)));
  const vote = (id: BlockId) => ({
    type: SignedMsgType.SIGNED_MSG_TYPE_PRECOMMIT,
    height: String(opts.height),
    round: 0,
    block_id: { hash: hex(id.hash), parts: { total: id.parts.total, hash: hex(id.parts.hash) } },
    timestamp: time,
    validator_address: key.address,
    validator_index: index,
    signature: Buffer.from(key.sign(voteSignBytes(opts.chainId, BigInt(opts.height), 0n, id, time))).toString("base64"),
    extension: null,
    extension_signature: null,
  });
  const evidence = {
    type: "tendermint/DuplicateVoteEvidence",
    value: {
      vote_a: vote(ids[0] as BlockId),
      vote_b: vote(ids[1] as BlockId),
      TotalVotingPower: totalPower.toString(),
      ValidatorPower: validatorPower.toString(),
      Timestamp: time,
    },
  };
  const res = await fetch(`http://127.0.0.1:${opts.rpcPort}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "broadcast_evidence", params: { evidence } }),
  });
  const body = (await res.json()) as { result?: { hash: string }; error?: { message: string; data?: string } };
  if (body.error !== undefined || body.result === undefined) throw new Error(`broadcast_evidence: ${body.error?.message ?? "no result"} ${body.error?.data ?? ""}`);
  return { hash: body.result.hash, height: opts.height, validatorPower, totalPower };
}
