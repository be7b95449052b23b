// Installs the 64-bit varint writer fix before anything encodes (see app/proto-varint-fix.ts).
import "../../app/proto-varint-fix";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { APP_NAME, APP_VERSION, DEFAULT_CHAIN_SETTINGS } from "../../app/chain-config";
import { pinnedCometbftVersion } from "../../app/cometbft";
import { createDevnet, describeDevnet, readDevnetLayout, spawnNode, waitForHeight, type NodeProcess } from "./devnet";
import { exportGenesis } from "./export";
import { DEFAULT_HOME } from "./home";
import { initNode } from "./init";
import { startNode } from "./start";
import { homedir } from "node:os";
import { join } from "node:path";
import { processIo, type Io } from "./client/io";
import { registerGenesisCommands } from "./genesis/commands";
import { registerKeysCommands } from "./keys/commands";
import { registerQueryCommands } from "./query/commands";
import { registerGovQueryCommands } from "./query/gov";
import { registerSlashingQueryCommands } from "./query/slashing";
import { registerDistributionQueryCommands } from "./query/distribution";
import { registerRestakingQueryCommands } from "./query/restaking";
import { registerStakingQueryCommands } from "./query/staking";
import { registerTxCommands } from "./tx/commands";
import { registerGovTxCommands } from "./tx/gov";
import { registerSlashingTxCommands } from "./tx/slashing";
import { registerDistributionTxCommands } from "./tx/distribution";
import { registerRestakingTxCommands } from "./tx/restaking";
import { registerStakingTxCommands } from "./tx/staking";

function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError("expected a positive integer");
  return Number(value);
}

function parseHeight(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) < 1n) throw new InvalidArgumentError("expected a positive block height");
  return BigInt(value);
}

const homeOption = (): Option => new Option("--home <dir>", "node home directory").default(DEFAULT_HOME);

/** Runs until SIGINT/SIGTERM, then calls stop() once and exits with its code. */
function stopOnSignals(stop: () => Promise<number>): void {
  let signalled = false;
  const onSignal = (): void => {
    if (signalled) return;
    signalled = true;
    void stop().then((code) => process.exit(code));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** The CLI; `io` is where client commands (keys, tx, query, genesis) read and write. */
export function buildProgram(io: Io = processIo()): Command {
  const program = new Command();
  program
    .name("plumed")
    .description("plumed: a proof-of-stake chain application for CometBFT, compatible with Cosmos SDK v0.50 clients")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();

  program
    .command("init")
    .description("initialize a node home: CometBFT config and keys, genesis.json, app.toml")
    .argument("<moniker>", "this node's name")
    .requiredOption("--chain-id <id>", "the chain id")
    .option("--denom <denom>", "staking and fee denom of the new genesis", DEFAULT_CHAIN_SETTINGS.denom)
    .option("--bech32-prefix <prefix>", "bech32 prefix of account addresses", DEFAULT_CHAIN_SETTINGS.bech32Prefix)
    .option("--overwrite", "replace an existing genesis.json", false)
    .addOption(homeOption())
    .action((moniker: string, o: { chainId: string; denom: string; bech32Prefix: string; overwrite: boolean; home: string }) => {
      const { paths, nodeId } = initNode({ home: o.home, moniker, chainId: o.chainId, denom: o.denom, bech32Prefix: o.bech32Prefix, overwrite: o.overwrite });
      process.stdout.write(JSON.stringify({ moniker, chain_id: o.chainId, node_id: nodeId, home: paths.home, genesis: paths.genesis }, null, 2) + "\n");
    });

  program
    .command("start")
    .description("run the node: the ABCI application and a supervised cometbft")
    .option("--abci-only", "run only the ABCI application (CometBFT is managed elsewhere)", false)
    .option("--log-level <level>", "debug | info | warn | error (default: app.toml log-level)")
    .addOption(homeOption())
    .action(async (o: { abciOnly: boolean; logLevel?: string; home: string }) => {
      const node = await startNode({ home: o.home, abciOnly: o.abciOnly, ...(o.logLevel ? { logLevel: o.logLevel } : {}) });
      stopOnSignals(() => node.stop());
      const code = await node.stopped;
      process.exit(code);
    });

  program
    .command("devnet")
    .description("create (if absent) and run a local network of N validators on loopback")
    .option("--validators <n>", "number of validators", parsePositiveInt, 1)
    .option("--home <dir>", "devnet directory", join(homedir(), ".plumed-devnet"))
    .option("--chain-id <id>", "chain id of a new devnet", "plume-devnet-1")
    .option("--timeout-commit <duration>", "CometBFT timeout_commit of a new devnet", "1s")
    .action(async (o: { validators: number; home: string; chainId: string; timeoutCommit: string }) => {
      let layout = readDevnetLayout(o.home);
      if (layout && layout.nodes.length !== o.validators && process.argv.includes("--validators")) {
        throw new Error(`the devnet at ${resolve(o.home)} has ${layout.nodes.length} validators; remove it or use another --home for ${o.validators}`);
      }
      layout ??= await createDevnet({ dir: o.home, validators: o.validators, chainId: o.chainId, timeoutCommit: o.timeoutCommit });
      const procs: NodeProcess[] = layout.nodes.map((n) => spawnNode(n));
      let stopping = false;
      const stop = async (): Promise<number> => {
        stopping = true;
        await Promise.all(
          procs.map(
            (p) =>
              new Promise<void>((r) => {
                if (p.child.exitCode !== null || p.child.signalCode !== null) return r();
                p.child.once("exit", () => r());
                p.child.kill("SIGTERM");
              }),
          ),
        );
        return 0;
      };
      stopOnSignals(stop);
      for (const p of procs) {
        p.child.on("exit", (code) => {
          if (stopping) return;
          process.stderr.write(`error: ${p.node.name} exited with code ${code ?? "?"}; see ${p.logFile}\n`);
          void stop().then(() => process.exit(1));
        });
      }
      process.stdout.write(describeDevnet(o.home, layout) + "\n\n");
      const first = layout.nodes[0];
      if (first) {
        await waitForHeight(first.ports.rpc, 1, 120_000);
        process.stdout.write(`devnet is producing blocks (check: curl -s http://127.0.0.1:${first.ports.rpc}/abci_info)\n`);
      }
    });

  program
    .command("export")
    .description("print the state at a committed height as a genesis document")
    .option("--height <h>", "height to export (default: latest)", parseHeight)
    .option("--output-document <file>", "write to a file instead of stdout")
    .addOption(homeOption())
    .action(async (o: { height?: bigint; outputDocument?: string; home: string }) => {
      const doc = await exportGenesis({ home: o.home, ...(o.height !== undefined ? { height: o.height } : {}) });
      const text = JSON.stringify(doc, null, 2) + "\n";
      if (o.outputDocument) writeFileSync(o.outputDocument, text);
      else process.stdout.write(text);
    });

  program
    .command("version")
    .description("print the plumed and CometBFT versions")
    .action(() => {
      process.stdout.write(`${APP_NAME} ${APP_VERSION}\ncometbft ${pinnedCometbftVersion()} (pinned)\n`);
    });

  // Client commands (simd's keys, genesis, tx, query); each group lives in its own folder.
  registerKeysCommands(program, io);
  registerGenesisCommands(program, io);
  registerTxCommands(program, io);
  registerQueryCommands(program, io);
  // Module subcommands join their group (`plumed tx staking ...`, `plumed query staking ...`).
  const group = (name: string): Command => {
    const c = program.commands.find((x) => x.name() === name);
    if (!c) throw new Error(`the ${name} command group is missing`);
    return c;
  };
  registerStakingTxCommands(group("tx"), io);
  registerStakingQueryCommands(group("query"), io);
  registerSlashingTxCommands(group("tx"), io);
  registerSlashingQueryCommands(group("query"), io);
  registerDistributionTxCommands(group("tx"), io);
  registerDistributionQueryCommands(group("query"), io);
  registerGovTxCommands(group("tx"), io);
  registerGovQueryCommands(group("query"), io);
  registerRestakingTxCommands(group("tx"), io);
  registerRestakingQueryCommands(group("query"), io);

  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 on success (and for help), commander's code for usage
 * errors (already printed as one line), 1 with one "error: ..." line for anything else.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const message = err instanceof Error ? err.message : String(err);
    io.err(`error: ${message.split("\n").join(" ")}\n`);
    return 1;
  } finally {
    io.close();
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  const code = await runCli(argv, processIo());
  if (code !== 0) process.exit(code);
}
