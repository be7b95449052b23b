import type { Command } from "commander";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf, resolveNode, resolveOutput } from "../client/context";
import { heightOption, homeOption, nodeOption, outputOption, parseUint } from "../client/flags";
import type { Io } from "../client/io";
import { formatOutput } from "../client/output";
import { CometRpc } from "../client/rpc";
import { isValidDenom } from "../../../app/math";
import { accountJson, pageRequest, queryAccount, queryBalance, queryBalances, querySupplyOf, queryTotalSupply, queryTx, type PageFlags } from "./queries";

/**
 * `plumed query ...` (alias `q`): simd's bank, auth and tx queries. Output defaults to text (the
 * SDK's YAML of the JSON answer), `-o json` for compact JSON. A missing account or tx is one
 * "error: ..." line and exit code 1.
 */
export interface QueryOptions {
  node?: string;
  output?: string;
  height?: bigint;
  home: string;
}

export interface PagedOptions extends QueryOptions, PageFlags {}

/** Checks the flags every query shares (output, node) before any request is sent. */
export function prepare(io: Io, o: QueryOptions): { rpc: CometRpc; print: (value: JsonValue) => void } {
  const format = resolveOutput(o.home, o.output, "text");
  const rpc = new CometRpc(resolveNode(o.home, o.node));
  return { rpc, print: (value) => io.out(formatOutput(value, format)) };
}

function checkAddress(o: QueryOptions, address: string): void {
  addressCodecOf(o.home).decodeAccount(address);
}

function checkDenom(denom: string): void {
  if (!isValidDenom(denom)) throw new Error(`invalid denom "${denom}"`);
}

export const withQueryFlags = (c: Command, height = true): Command => {
  c.addOption(nodeOption()).addOption(outputOption("text"));
  if (height) c.addOption(heightOption());
  return c.addOption(homeOption());
};

export const withPageFlags = (c: Command): Command =>
  c
    .option("--limit <n>", "page size", parseUint)
    .option("--offset <n>", "skip this many entries (instead of --page-key)", parseUint)
    .option("--page-key <key>", "next_key of the previous page (base64 or hex)")
    .option("--count-total", "count the entries (pagination.total)")
    .option("--reverse", "results in descending order");

export async function accountCommand(io: Io, address: string, o: QueryOptions): Promise<void> {
  checkAddress(o, address);
  const { rpc, print } = prepare(io, o);
  print(accountJson(await queryAccount(rpc, address, o.height)));
}

export function registerQueryCommands(program: Command, io: Io): void {
  const query = program.command("query").alias("q").description("query the chain through a node's CometBFT RPC");

  const bank = query.command("bank").description("bank module queries");
  withQueryFlags(
    withPageFlags(
      bank
        .command("balances")
        .description("an account's balances (all denoms, or --denom)")
        .argument("<address>", "bech32 account address")
        .option("--denom <denom>", "only this denom's balance"),
    ),
  ).action(async (address: string, o: PagedOptions & { denom?: string }) => {
    checkAddress(o, address);
    const { rpc, print } = prepare(io, o);
    if (o.denom !== undefined) {
      checkDenom(o.denom);
      print(await queryBalance(rpc, address, o.denom, o.height));
    } else {
      print(await queryBalances(rpc, address, pageRequest(o), o.height));
    }
  });

  withQueryFlags(
    withPageFlags(bank.command("total").description("the total supply (all denoms, or --denom)").option("--denom <denom>", "only this denom's supply")),
  ).action(async (o: PagedOptions & { denom?: string }) => {
    const { rpc, print } = prepare(io, o);
    if (o.denom !== undefined) {
      checkDenom(o.denom);
      print(await querySupplyOf(rpc, o.denom, o.height));
    } else {
      print(await queryTotalSupply(rpc, pageRequest(o), o.height));
    }
  });

  withQueryFlags(query.command("account").description("an account's number, sequence and public key").argument("<address>", "bech32 account address")).action(
    (address: string, o: QueryOptions) => accountCommand(io, address, o),
  );
  const auth = query.command("auth").description("auth module queries");
  withQueryFlags(auth.command("account").description("an account's number, sequence and public key").argument("<address>", "bech32 account address")).action(
    (address: string, o: QueryOptions) => accountCommand(io, address, o),
  );

  withQueryFlags(query.command("tx").description("a committed transaction by hash").argument("<hash>", "the tx hash (64 hex characters)"), false).action(
    async (hash: string, o: QueryOptions) => {
      const { rpc, print } = prepare(io, o);
      print(await queryTx(rpc, hash));
    },
  );
}
