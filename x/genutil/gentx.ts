/**
 * What the genesis CLI does to an `app_state` with gentxs (x/genutil/{gentx,collect}.go):
 * checking that a validator's account is funded in genesis, collecting gentx files, and writing
 * them into `app_state.genutil.gen_txs`. Pure functions over the genesis JSON; reading files and
 * config.toml is the CLI's job (cmd/plumed/genesis/).
 */
import type { GenesisState as BankGenesisState } from "cosmjs-types/cosmos/bank/v1beta1/genesis";
import type { GenesisState as StakingGenesisState } from "cosmjs-types/cosmos/staking/v1beta1/genesis";
import type { AddressCodec } from "../../app/address";
import { bytesToHex } from "../../app/encoding";
import { fromSdkJson } from "../../app/json";
import { Int } from "../../app/math";
import type { JsonObject, JsonValue } from "../../app/module";
import { decodeGenTx, GENUTIL_MODULE, genutilGenesisToJson, type GenTx } from "./genesis";

/** The bond denom of a genesis (app_state.staking.params.bond_denom). */
export function bondDenomOf(appState: JsonObject): string {
  const staking = fromSdkJson<StakingGenesisState>("cosmos.staking.v1beta1.GenesisState", appState["staking"], { path: "app_state.staking" });
  return staking.params.bondDenom;
}

/** The amount of `denom` each address holds in app_state.bank.balances, by address bytes (hex). */
function genesisBalances(appState: JsonObject, denom: string, addresses: AddressCodec): Map<string, Int> {
  const bank = fromSdkJson<BankGenesisState>("cosmos.bank.v1beta1.GenesisState", appState["bank"], { path: "app_state.bank" });
  const out = new Map<string, Int>();
  bank.balances.forEach((b, i) => {
    const path = `app_state.bank.balances[${i}]`;
    let address: string;
    try {
      address = bytesToHex(addresses.decodeAccount(b.address));
    } catch (err) {
      throw new Error(`${path}.address: ${(err as Error).message}`, { cause: err });
    }
    let amount = Int.zero();
    b.coins.forEach((coin, j) => {
      if (coin.denom !== denom) return;
      try {
        amount = amount.add(Int.fromProto(coin.amount));
      } catch (err) {
        throw new Error(`${path}.coins[${j}].amount: ${(err as Error).message}`, { cause: err });
      }
    });
    out.set(address, (out.get(address) ?? Int.zero()).add(amount));
  });
  return out;
}

/**
 * ValidateAccountInGenesis: the account has a balance in genesis holding at least `amount` of the
 * bond denom (other denoms are not checked, as in the SDK).
 */
export function validateAccountInGenesis(appState: JsonObject, address: Uint8Array, amount: { readonly denom: string; readonly amount: Int }, addresses: AddressCodec): void {
  const bondDenom = bondDenomOf(appState);
  const bech32 = addresses.encodeAccount(address);
  const balance = genesisBalances(appState, bondDenom, addresses).get(bytesToHex(address));
  if (balance === undefined) throw new Error(`account ${bech32} does not have a balance in the genesis state`);
  const wanted = amount.denom === bondDenom ? amount.amount : Int.zero();
  if (wanted.gt(balance)) {
    throw new Error(`account ${bech32} has a balance in genesis, but it only has ${balance.toString()}${bondDenom} available to stake, not ${wanted.toString()}${bondDenom}`);
  }
}

/** One gentx file as the CLI read it. */
export interface GenTxFile {
  readonly name: string;
  readonly json: JsonValue;
}

export interface CollectedGenTxs {
  /** The gentxs in file-name order, as JSON to put into app_state.genutil.gen_txs. */
  readonly genTxs: readonly GenTx[];
  /** The other validators' `node_id@ip:port` memos, sorted and comma-joined (config.toml p2p.persistent_peers). */
  readonly persistentPeers: string;
}

/**
 * CollectTxs: every `*.json` gentx file, in file-name order (a fixed order every validator who
 * collects the same directory agrees on), validated (ValidateAndGetGenTx), with a memo naming its
 * node, from an operator whose account holds the self-delegation in genesis. Two gentxs for one
 * operator or one consensus key are refused here rather than at InitChain. Peers are the memos
 * of gentxs whose moniker is not `ownMoniker`.
 */
export function collectGenTxs(
  files: readonly GenTxFile[],
  appState: JsonObject,
  ownMoniker: string,
  addresses: AddressCodec,
): CollectedGenTxs {
  const sorted = [...files].filter((f) => f.name.endsWith(".json")).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const genTxs: GenTx[] = [];
  const peers: string[] = [];
  const operators = new Map<string, string>();
  const consensusKeys = new Map<string, string>();
  const balancesByDenom = new Map<string, Map<string, Int>>();
  for (const file of sorted) {
    const genTx = decodeGenTx(file.json, file.name);
    const memo = genTx.tx.body?.memo ?? "";
    if (memo === "") throw new Error(`failed to find node's address and IP in ${file.name}`);
    const msg = genTx.msg;
    let operator: Uint8Array;
    try {
      operator = addresses.decodeValidator(msg.validatorAddress);
    } catch (err) {
      throw new Error(`${file.name}: ${(err as Error).message}`, { cause: err });
    }
    const account = addresses.encodeAccount(operator);
    const value = msg.value;
    if (value === undefined) throw new Error(`${file.name}: the MsgCreateValidator has no value (self-delegation)`);
    let balances = balancesByDenom.get(value.denom);
    if (!balances) balancesByDenom.set(value.denom, (balances = genesisBalances(appState, value.denom, addresses)));
    const balance = balances.get(bytesToHex(operator));
    if (balance === undefined) throw new Error(`account ${account} balance not in genesis state (${file.name})`);
    const amount = Int.fromString(value.amount === "" ? "0" : value.amount);
    if (balance.lt(amount)) throw new Error(`insufficient fund for delegation ${account}: ${balance.toString()} < ${amount.toString()} (${file.name})`);

    const operatorHex = bytesToHex(operator);
    const previous = operators.get(operatorHex);
    if (previous !== undefined) throw new Error(`${file.name} and ${previous} both create validator ${msg.validatorAddress}`);
    operators.set(operatorHex, file.name);
    const keyHex = msg.pubkey ? `${msg.pubkey.typeUrl}:${bytesToHex(msg.pubkey.value)}` : "";
    const sameKey = consensusKeys.get(keyHex);
    if (sameKey !== undefined) throw new Error(`${file.name} and ${sameKey} use the same consensus public key`);
    consensusKeys.set(keyHex, file.name);

    genTxs.push(genTx);
    // Every validator but this node itself is a peer.
    if ((msg.description?.moniker ?? "") !== ownMoniker) peers.push(memo);
  }
  if (genTxs.length === 0) throw new Error("there must be at least one genesis tx");
  peers.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { genTxs, persistentPeers: peers.join(",") };
}

/** SetGenTxsInAppGenesisState: app_state with genutil.gen_txs replaced by `genTxs`. */
export function setGenTxsInAppState(appState: Readonly<Record<string, JsonValue>>, genTxs: readonly JsonObject[]): Record<string, JsonValue> {
  return { ...appState, [GENUTIL_MODULE]: genutilGenesisToJson({ genTxs }) };
}
