import { InvalidArgumentError, Option } from "commander";
import { DEFAULT_HOME } from "../home";
import type { OutputFormat } from "./output";

/**
 * The flags client commands share, named and worded as simd's (client/flags/flags.go). Flags
 * that client.toml can also set have no commander default: "not given" must stay visible so the
 * file can fill it in (see context.ts).
 */
export const homeOption = (): Option => new Option("--home <dir>", "node/client home directory").default(DEFAULT_HOME);

export const keyringBackendOption = (): Option =>
  new Option("--keyring-backend <backend>", "keyring backend: file | test (default: client.toml keyring-backend, else file)");

export const outputOption = (commandDefault: OutputFormat): Option =>
  new Option("-o, --output <format>", `output format: text | json (default: client.toml output, else ${commandDefault})`);

export const nodeOption = (): Option =>
  new Option("--node <url>", "CometBFT RPC endpoint: tcp://host:port or http(s)://host:port (default: client.toml node, else tcp://127.0.0.1:26657)");

export const chainIdOption = (): Option => new Option("--chain-id <id>", "the chain id (default: client.toml chain-id, else genesis.json of --home)");

export function parseUint(value: string): bigint {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a non-negative integer");
  const n = BigInt(value);
  if (n > 0xffffffffffffffffn) throw new InvalidArgumentError("expected an unsigned 64-bit integer");
  return n;
}

export function parseSmallUint(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0x7fffffff) throw new InvalidArgumentError("expected a non-negative integer below 2^31");
  return Number(value);
}

export function parseHeightFlag(value: string): bigint {
  const h = parseUint(value);
  if (h > 0x7fffffffffffffffn) throw new InvalidArgumentError("expected a height below 2^63");
  return h;
}

export const heightOption = (): Option =>
  new Option("--height <h>", "query the state at this height (default 0: the latest committed height)").argParser(parseHeightFlag);

/** The answer to a yes/no question: yes only for y/yes (any case), as simd's input.GetConfirmation. */
export function isYes(answer: string | undefined): boolean {
  return answer !== undefined && /^(y|yes)$/i.test(answer.trim());
}
