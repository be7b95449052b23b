import * as grpc from "@grpc/grpc-js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { moduleAddress } from "../app/address";
import { bytesToSdkJson, sdkJsonToBytes } from "../app/json";
import { jsonText } from "../app/json-read";
import type { JsonValue } from "../app/module";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { allRestRoutes } from "../app/server/rest-routes";
import { moduleRestRoutes } from "../chain/app";
import { defaultSchemaRegistry } from "../proto/schema/registry";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, DENOM, directWallet, PREFIX, queryClient, signingClient } from "./helpers/clients";
import { latestHeight, rpc, waitForHeight } from "./helpers/rpc";
import { msgSendAny, signDirect } from "./helpers/tx";

/**
 * One table of queries, each asked three ways — CometBFT's abci_query (what cosmjs uses), the
 * gRPC server and the REST (LCD) server — at the same height, with the answers compared as SDK
 * JSON. Queries about the newest block are compared after dropping what changes block to block.
 */
interface Row {
  readonly rpc: string;
  readonly request: JsonValue;
  /** Fields that legitimately differ between calls made a moment apart (latest block, status). */
  readonly volatile?: (json: JsonValue) => JsonValue;
  /** Why REST cannot serve this method (as on an SDK node), if it cannot. */
  readonly noRest?: string;
}

type Obj = Record<string, JsonValue>;
const registry = defaultSchemaRegistry();

function restUrl(port: number, route: { path: string }, request: Obj): string {
  const used = new Set<string>();
  const path = route.path.replace(/\{([\w.]+)(=\*\*)?\}/g, (_m, field: string) => {
    used.add(field);
    return encodeURIComponent(jsonText(request[field]));
  });
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(request)) {
    if (used.has(key) || value === null) continue;
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Obj)) if (v !== null && v !== "" && v !== false) params.append(`${key}.${k}`, jsonText(v));
    } else if (Array.isArray(value)) {
      for (const v of value) params.append(key, String(v));
    } else if (value !== "" && value !== false) params.append(key, String(value));
  }
  const query = params.toString();
  return `http://127.0.0.1:${port}${path}${query ? `?${query}` : ""}`;
}

function grpcCall(client: grpc.Client, path: string, request: Uint8Array, height: number): Promise<Uint8Array> {
  const metadata = new grpc.Metadata();
  metadata.set("x-cosmos-block-height", String(height));
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => new Uint8Array(b),
      request,
      metadata,
      (err, value) => (err || !value ? reject(err ?? new Error("no value")) : resolve(value)),
    );
  });
}

const dropKeys = (keys: readonly string[]) => (json: JsonValue): JsonValue =>
  JSON.parse(JSON.stringify(json, (k, v: unknown) => (keys.includes(k) ? "<volatile>" : v))) as JsonValue;

describe("every query answers the same over abci_query, gRPC and REST", () => {
  let net: Testnet;
  let client: grpc.Client;
  let height: number;
  const rows: Row[] = [];
  let grpcPort: number;
  let restPort: number;

  beforeAll(async () => {
    net = await Testnet.create(1, {
      users: ["alice", "bob"],
      mnemonics: testMnemonics(["validator0", "alice", "bob"]),
      editGenesis: (appState) => {
        const bank = appState["bank"] as Obj;
        bank["denom_metadata"] = [
          {
            description: "The staking token",
            denom_units: [
              { denom: DENOM, exponent: 0, aliases: [] },
              { denom: "plume", exponent: 6, aliases: [] },
            ],
            base: DENOM,
            display: "plume",
            name: "Plume",
            symbol: "PLUME",
            uri: "",
            uri_hash: "",
          },
        ];
      },
    });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2);
    const node = net.layout.nodes[0];
    grpcPort = node?.ports.grpc as number;
    restPort = node?.ports.api as number;
    client = new grpc.Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());

    const aliceWallet = await directWallet("alice");
    const alice = await addressOf(aliceWallet);
    const bob = await addressOf(await directWallet("bob"));
    const signer = await signingClient(net.rpcPort(0), aliceWallet);
    const sent = await signer.sendTokens(alice, bob, [{ denom: DENOM, amount: "100" }], "auto", "for the query table");
    signer.disconnect();
    height = await latestHeight(net.rpcPort(0));

    // A signed, not broadcast, tx for Simulate (same account state on every transport).
    const reader = await queryClient(net.rpcPort(0));
    const account = await reader.getAccount(alice);
    reader.disconnect();
    const simTx = await signDirect({
      wallet: aliceWallet,
      messages: [msgSendAny(alice, bob, "5", DENOM)],
      chainId: net.layout.chainId,
      accountNumber: BigInt(account?.accountNumber ?? 0),
      sequence: BigInt(account?.sequence ?? 0),
      fee: { amount: "5000", denom: DENOM },
      gasLimit: 200_000n,
    });

    const feeCollector = toBech32(PREFIX, moduleAddress("fee_collector"));
    const valoper = node?.operator as string;
    const operatorAccount = toBech32(PREFIX, fromBech32(valoper).data);
    const page = { key: null, offset: "0", limit: "2", count_total: true, reverse: false };
    const privValidator = JSON.parse(readFileSync(join(node?.home as string, "config", "priv_validator_key.json"), "utf8")) as { address: string };
    const valcons = toBech32(`${PREFIX}valcons`, Buffer.from(privValidator.address, "hex"));
    rows.push(
      { rpc: "/cosmos.auth.v1beta1.Query/Account", request: { address: alice } },
      { rpc: "/cosmos.auth.v1beta1.Query/Accounts", request: { pagination: page } },
      { rpc: "/cosmos.auth.v1beta1.Query/AccountInfo", request: { address: bob } },
      { rpc: "/cosmos.auth.v1beta1.Query/Params", request: {} },
      { rpc: "/cosmos.auth.v1beta1.Query/ModuleAccounts", request: {} },
      { rpc: "/cosmos.auth.v1beta1.Query/ModuleAccountByName", request: { name: "fee_collector" } },
      { rpc: "/cosmos.auth.v1beta1.Query/Bech32Prefix", request: {} },
      {
        rpc: "/cosmos.auth.v1beta1.Query/AddressBytesToString",
        request: { address_bytes: Buffer.from(moduleAddress("fee_collector")).toString("base64") },
        noRest: "its route /cosmos/auth/v1beta1/bech32/{address_bytes} is shadowed by AddressStringToBytes' identical template, as in the SDK's gateway",
      },
      { rpc: "/cosmos.auth.v1beta1.Query/AddressStringToBytes", request: { address_string: feeCollector } },
      { rpc: "/cosmos.bank.v1beta1.Query/Balance", request: { address: bob, denom: DENOM } },
      { rpc: "/cosmos.bank.v1beta1.Query/AllBalances", request: { address: alice, pagination: page } },
      { rpc: "/cosmos.bank.v1beta1.Query/SpendableBalances", request: { address: alice } },
      { rpc: "/cosmos.bank.v1beta1.Query/TotalSupply", request: {} },
      { rpc: "/cosmos.bank.v1beta1.Query/SupplyOf", request: { denom: DENOM } },
      { rpc: "/cosmos.bank.v1beta1.Query/Params", request: {} },
      { rpc: "/cosmos.bank.v1beta1.Query/DenomMetadata", request: { denom: DENOM } },
      { rpc: "/cosmos.bank.v1beta1.Query/DenomsMetadata", request: {} },
      { rpc: "/cosmos.bank.v1beta1.Query/DenomOwners", request: { denom: DENOM, pagination: page } },
      { rpc: "/cosmos.staking.v1beta1.Query/Validators", request: { status: "BOND_STATUS_BONDED", pagination: page } },
      { rpc: "/cosmos.staking.v1beta1.Query/Validator", request: { validator_addr: valoper } },
      { rpc: "/cosmos.staking.v1beta1.Query/ValidatorDelegations", request: { validator_addr: valoper, pagination: page } },
      { rpc: "/cosmos.staking.v1beta1.Query/ValidatorUnbondingDelegations", request: { validator_addr: valoper } },
      { rpc: "/cosmos.staking.v1beta1.Query/Delegation", request: { validator_addr: valoper, delegator_addr: operatorAccount } },
      { rpc: "/cosmos.staking.v1beta1.Query/DelegatorDelegations", request: { delegator_addr: operatorAccount } },
      { rpc: "/cosmos.staking.v1beta1.Query/DelegatorUnbondingDelegations", request: { delegator_addr: operatorAccount } },
      { rpc: "/cosmos.staking.v1beta1.Query/Redelegations", request: { delegator_addr: operatorAccount } },
      { rpc: "/cosmos.staking.v1beta1.Query/DelegatorValidators", request: { delegator_addr: operatorAccount } },
      { rpc: "/cosmos.staking.v1beta1.Query/DelegatorValidator", request: { delegator_addr: operatorAccount, validator_addr: valoper } },
      { rpc: "/cosmos.staking.v1beta1.Query/HistoricalInfo", request: { height: String(height) } },
      { rpc: "/cosmos.staking.v1beta1.Query/Pool", request: {} },
      { rpc: "/cosmos.staking.v1beta1.Query/Params", request: {} },
      { rpc: "/plume.staking.v1.Query/Params", request: {} },
      { rpc: "/plume.staking.v1.Query/ValidatorPowerShares", request: {} },
      { rpc: "/cosmos.slashing.v1beta1.Query/Params", request: {} },
      { rpc: "/cosmos.slashing.v1beta1.Query/SigningInfo", request: { cons_address: valcons } },
      { rpc: "/cosmos.slashing.v1beta1.Query/SigningInfos", request: { pagination: page } },
      { rpc: "/plume.slashing.v1.Query/Params", request: {} },
      { rpc: "/plume.slashing.v1.Query/DoubleSignOffences", request: {} },
      { rpc: "/cosmos.evidence.v1beta1.Query/AllEvidence", request: { pagination: page } },
      { rpc: "/cosmos.mint.v1beta1.Query/Params", request: {} },
      { rpc: "/cosmos.mint.v1beta1.Query/Inflation", request: {} },
      { rpc: "/cosmos.mint.v1beta1.Query/AnnualProvisions", request: {} },
      { rpc: "/cosmos.distribution.v1beta1.Query/Params", request: {} },
      { rpc: "/cosmos.distribution.v1beta1.Query/ValidatorDistributionInfo", request: { validator_address: valoper } },
      { rpc: "/cosmos.distribution.v1beta1.Query/ValidatorOutstandingRewards", request: { validator_address: valoper } },
      { rpc: "/cosmos.distribution.v1beta1.Query/ValidatorCommission", request: { validator_address: valoper } },
      { rpc: "/cosmos.distribution.v1beta1.Query/ValidatorSlashes", request: { validator_address: valoper, starting_height: "1", ending_height: String(height), pagination: page } },
      { rpc: "/cosmos.distribution.v1beta1.Query/DelegationRewards", request: { delegator_address: operatorAccount, validator_address: valoper } },
      { rpc: "/cosmos.distribution.v1beta1.Query/DelegationTotalRewards", request: { delegator_address: operatorAccount } },
      { rpc: "/cosmos.distribution.v1beta1.Query/DelegatorValidators", request: { delegator_address: operatorAccount } },
      { rpc: "/cosmos.distribution.v1beta1.Query/DelegatorWithdrawAddress", request: { delegator_address: operatorAccount } },
      { rpc: "/cosmos.distribution.v1beta1.Query/CommunityPool", request: {} },
      { rpc: "/cosmos.gov.v1.Query/Params", request: { params_type: "tallying" } },
      { rpc: "/cosmos.gov.v1.Query/Proposals", request: { pagination: page } },
      { rpc: "/cosmos.gov.v1.Query/Constitution", request: {} },
      { rpc: "/cosmos.gov.v1beta1.Query/Params", request: { params_type: "deposit" } },
      { rpc: "/cosmos.gov.v1beta1.Query/Proposals", request: { pagination: page } },
      { rpc: "/plume.restaking.v1.Query/Params", request: {} },
      { rpc: "/plume.restaking.v1.Query/DelegatorSettings", request: { delegator_address: operatorAccount } },
      { rpc: "/plume.restaking.v1.Query/Pools", request: {} },
      { rpc: "/plume.restaking.v1.Query/CompoundingHeights", request: {} },
      { rpc: "/cosmos.tx.v1beta1.Service/GetTx", request: { hash: sent.transactionHash } },
      { rpc: "/cosmos.tx.v1beta1.Service/GetTxsEvent", request: { query: `message.sender='${alice}'`, page: "1", limit: "10" } },
      { rpc: "/cosmos.tx.v1beta1.Service/Simulate", request: { tx_bytes: Buffer.from(simTx).toString("base64") } },
      { rpc: "/cosmos.base.node.v1beta1.Service/Config", request: {} },
      { rpc: "/cosmos.base.node.v1beta1.Service/Status", request: {}, volatile: dropKeys(["height", "timestamp", "app_hash", "validator_hash", "earliest_store_height"]) },
      { rpc: "/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo", request: {} },
      { rpc: "/cosmos.base.tendermint.v1beta1.Service/GetSyncing", request: {} },
      { rpc: "/cosmos.base.tendermint.v1beta1.Service/GetBlockByHeight", request: { height: String(height) } },
      { rpc: "/cosmos.base.tendermint.v1beta1.Service/GetLatestBlock", request: {}, volatile: dropKeys(["block_id", "block", "sdk_block"]) },
      { rpc: "/cosmos.base.tendermint.v1beta1.Service/GetLatestValidatorSet", request: {}, volatile: dropKeys(["block_height"]) },
    );
  });

  afterAll(async () => {
    client?.close();
    await net.stop();
  });

  it("answers every row identically on the three transports", async () => {
    const failures: string[] = [];
    for (const row of rows) {
      const method = registry.method(row.rpc);
      if (!method) throw new Error(`no schema for ${row.rpc}`);
      const requestBytes = sdkJsonToBytes(method.input, row.request);
      const route = allRestRoutes(moduleRestRoutes(DEFAULT_CHAIN_SETTINGS)).find((r) => r.rpc === row.rpc);
      if (!route) throw new Error(`no REST route for ${row.rpc}`);

      const abci = await rpc<{ response: { code: number; log: string; value: string | null } }>(net.rpcPort(0), "abci_query", {
        path: JSON.stringify(row.rpc),
        data: `0x${Buffer.from(requestBytes).toString("hex")}`,
        height,
      });
      if (abci.response.code !== 0) {
        failures.push(`${row.rpc}: abci_query code ${abci.response.code}: ${abci.response.log}`);
        continue;
      }
      const fromAbci = bytesToSdkJson(method.output, new Uint8Array(Buffer.from(abci.response.value ?? "", "base64")));
      const fromGrpc = bytesToSdkJson(method.output, await grpcCall(client, row.rpc, requestBytes, height));
      const norm = row.volatile ?? ((j: JsonValue) => j);
      const [a, g] = [norm(fromAbci), norm(fromGrpc)];
      if (JSON.stringify(a) !== JSON.stringify(g)) failures.push(`${row.rpc}: abci_query and gRPC differ:\n  ${JSON.stringify(a)}\n  ${JSON.stringify(g)}`);
      if (row.noRest) continue;
      const res =
        route.method === "POST"
          ? await fetch(`http://127.0.0.1:${restPort}${route.path}`, { method: "POST", body: JSON.stringify(row.request), headers: { "x-cosmos-block-height": String(height) } })
          : await fetch(restUrl(restPort, route, row.request as Obj), { headers: { "x-cosmos-block-height": String(height) } });
      const fromRest = (await res.json()) as JsonValue;
      if (res.status !== 200) {
        failures.push(`${row.rpc}: REST ${res.status} ${JSON.stringify(fromRest)}`);
        continue;
      }
      const r = norm(fromRest);
      if (JSON.stringify(a) !== JSON.stringify(r)) failures.push(`${row.rpc}: abci_query and REST differ:\n  ${JSON.stringify(a)}\n  ${JSON.stringify(r)}`);
    }
    expect(failures).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(49);
  });
});
