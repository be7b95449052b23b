import type { Command } from "commander";
import { addressCodecOf } from "../client/context";
import { homeOption, keyringBackendOption } from "../client/flags";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { addGenesisAccount } from "./add-genesis-account";

/** The address of `addressOrKey`: a bech32 account address of this chain, else a key's name. */
export function resolveAccountAddress(io: Io, home: string, addressOrKey: string, keyringBackend: string | undefined): Uint8Array {
  const codec = addressCodecOf(home);
  let decodeError: string;
  try {
    return codec.decodeAccount(addressOrKey);
  } catch (err) {
    decodeError = (err as Error).message;
  }
  const keyring = openKeyring(io, home, keyringBackend);
  const key = keyring.find(addressOrKey);
  if (key) return key.address;
  throw new Error(`${addressOrKey} is neither an account address (${decodeError}) nor a key in the ${keyring.backend} keyring`);
}

export function registerGenesisCommands(program: Command, io: Io): void {
  const genesis = program.command("genesis").description("edit the genesis file of a new chain");

  genesis
    .command("add-genesis-account")
    .description("add a funded BaseAccount to genesis.json (app_state.auth.accounts and app_state.bank.balances)")
    .argument("<address_or_key_name>", "bech32 account address, or the name of a key in the keyring")
    .argument("<coins>", 'initial balance, e.g. "1000000uplume,5stake"')
    .option("--append", "add the coins to an account that is already in genesis")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((addressOrKey: string, coins: string, o: { append?: boolean; keyringBackend?: string; home: string }) => {
      const address = resolveAccountAddress(io, o.home, addressOrKey, o.keyringBackend);
      addGenesisAccount({ home: o.home, address, coins, addresses: addressCodecOf(o.home), ...(o.append ? { append: true } : {}) });
    });
}
