/**
 * A stand-in for CometBFT's JSON-RPC on loopback with canned v0.38 answers, and the tx they
 * describe, for the node services' tests.
 */
import { toBech32 } from "@cosmjs/encoding";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

export const FROM = toBech32("plume", new Uint8Array(20).fill(1));
export const TO = toBech32("plume", new Uint8Array(20).fill(2));

export const txBytes = TxRaw.encode(
  TxRaw.fromPartial({
    bodyBytes: TxBody.encode(
      TxBody.fromPartial({
        messages: [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: FROM, toAddress: TO, amount: [{ denom: "uplume", amount: "5" }] }).finish() }],
        memo: "hi",
      }),
    ).finish(),
    authInfoBytes: AuthInfo.encode(AuthInfo.fromPartial({ fee: { amount: [{ denom: "uplume", amount: "200" }], gasLimit: 200000n } })).finish(),
    signatures: [new Uint8Array(64).fill(9)],
  }),
).finish();
export const TX_HASH = createHash("sha256").update(txBytes).digest("hex").toUpperCase();
const b64 = (b: Uint8Array): string => Buffer.from(b).toString("base64");

const BLOCK = {
  block_id: { hash: "AA".repeat(32), parts: { total: 1, hash: "BB".repeat(32) } },
  block: {
    header: {
      version: { block: "11", app: "1" },
      chain_id: "plume-test",
      height: "7",
      time: "2024-05-06T07:08:09.123456789Z",
      last_block_id: { hash: "CC".repeat(32), parts: { total: 1, hash: "DD".repeat(32) } },
      last_commit_hash: "01".repeat(32),
      data_hash: "02".repeat(32),
      validators_hash: "03".repeat(32),
      next_validators_hash: "04".repeat(32),
      consensus_hash: "05".repeat(32),
      app_hash: "06".repeat(32),
      last_results_hash: "07".repeat(32),
      evidence_hash: "",
      proposer_address: "0A".repeat(20),
    },
    data: { txs: [b64(txBytes)] },
    evidence: { evidence: [] },
    last_commit: {
      height: "6",
      round: 0,
      block_id: { hash: "CC".repeat(32), parts: { total: 1, hash: "DD".repeat(32) } },
      signatures: [{ block_id_flag: 2, validator_address: "0A".repeat(20), timestamp: "2024-05-06T07:08:08Z", signature: b64(new Uint8Array(64).fill(1)) }],
    },
  },
};

const TX_RESULT = {
  hash: TX_HASH,
  height: "7",
  index: 0,
  tx_result: {
    code: 0,
    data: b64(new Uint8Array([0x12, 0x26])),
    log: "",
    info: "",
    gas_wanted: "200000",
    gas_used: "61234",
    events: [{ type: "message", attributes: [{ key: "sender", value: FROM, index: true }] }],
    codespace: "",
  },
  tx: b64(txBytes),
};

export interface FakeComet {
  readonly server: Server;
  /** "tcp://127.0.0.1:<port>", as config.toml writes it. */
  readonly url: string;
  readonly calls: { method: string; params: Record<string, unknown> }[];
  close(): Promise<void>;
}

export function fakeComet(): Promise<FakeComet> {
  const calls: { method: string; params: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { id, method, params } = JSON.parse(Buffer.concat(chunks).toString()) as { id: number; method: string; params: Record<string, unknown> };
      calls.push({ method, params });
      const ok = (result: unknown): void => void res.end(JSON.stringify({ jsonrpc: "2.0", id, result }));
      const fail = (data: string): void => void res.end(JSON.stringify({ jsonrpc: "2.0", id, error: { code: -32603, message: "Internal error", data } }));
      switch (method) {
        case "status":
          return ok({
            node_info: {
              protocol_version: { p2p: "8", block: "11", app: "1" },
              id: "ab".repeat(20),
              listen_addr: "tcp://0.0.0.0:26656",
              network: "plume-test",
              version: "0.38.17",
              channels: "40202122233038606100",
              moniker: "node0",
              other: { tx_index: "on", rpc_address: "tcp://127.0.0.1:26657" },
            },
            sync_info: { latest_block_height: "7", catching_up: false },
          });
        case "block":
          return ok(BLOCK);
        case "tx":
          return params["hash"] === b64(Buffer.from(TX_HASH, "hex")) ? ok(TX_RESULT) : fail(`tx (${String(params["hash"])}) not found`);
        case "tx_search":
          return ok({ txs: [TX_RESULT], total_count: "1" });
        case "validators":
          return ok({
            block_height: "7",
            validators: [{ address: "0A".repeat(20), pub_key: { type: "tendermint/PubKeyEd25519", value: b64(new Uint8Array(32).fill(4)) }, voting_power: "10", proposer_priority: "-5" }],
            count: "1",
            total: "1",
          });
        case "broadcast_tx_sync":
          return params["tx"] === b64(txBytes) ? ok({ code: 0, data: "", log: "", codespace: "", hash: TX_HASH }) : fail("tx already exists in cache");
        default:
          return fail(`unknown method ${method}`);
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`,
        calls,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}
