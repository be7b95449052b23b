/**
 * The contract between the simulator core (sim/) and the modules' simulations
 * (x/<module>/simulation.ts). A module takes part by returning a `ModuleSimulation`; the
 * composition root lists them (chain/simulation.ts). The core never imports x/.
 *
 * - `genesis` randomizes the module's `app_state` section from the seed, with params within their
 *   valid ranges. Modules run in the order the composition root lists them; a module may read
 *   sections written before it. `finalizeGenesis` runs after every module's `genesis` (bank
 *   writes the balances every module credited in `funds`).
 * - An operation builds at most one signed tx from the state of the block so far (`env.ctx`:
 *   committed state, this block's BeginBlock and every earlier tx of the block). It MUST state the
 *   outcome it expects: success, or the exact error (codespace and code) for the operations that
 *   exist to fail (insufficient funds, a bad signature, a delegation above the cap...). The core
 *   runs the tx at once on the block-so-far state and stops the run when the outcome differs.
 *   An operation returns undefined when nothing fits the state (counted as skipped).
 * - Operations MUST draw every random choice from `env.r` and read state only through `env.ctx`,
 *   so that a seed replays the same run.
 * - Invariants read the committed state; they MUST NOT write. They run every block (or every K).
 */
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { Context } from "../app/context";
import type { JsonValue } from "../app/module";
import type { AccountPool, SimAccount } from "./keys";
import type { SimRandom } from "./random";
import type { SignOptions, SimMsg, TxFactory } from "./tx";

export interface ModuleSimulation {
  /** The module's name ("bank"); operations and invariants are reported as "<module>/<name>". */
  readonly module: string;
  genesis?(g: SimGenesis): void;
  finalizeGenesis?(g: SimGenesis): void;
  readonly operations?: readonly SimOperation[];
  readonly invariants?: readonly SimInvariant[];
  /**
   * State the module's genesis export does not carry (by the SDK's genesis format), so that an
   * imported chain holds it differently: the export/import comparison ignores or normalizes it,
   * and everything else must be equal byte for byte at every height after the import.
   */
  readonly exportDifferences?: readonly ExportDifference[];
  /**
   * What the module needs from CometBFT's stand-in: x/slashing (with evidence) asks for double-sign
   * misbehavior here. The core uses the largest rate any module asks for (CLI flag overrides).
   */
  readonly comet?: { readonly doubleSignPerMille?: number };
}

export interface ExportDifference {
  readonly store: string;
  /** Keys starting with these bytes. */
  readonly prefix: Uint8Array;
  /** Why an export cannot carry it (printed in the comparison's report). */
  readonly reason: string;
  /** The part of the value that must still be equal; without it the keys are not compared at all. */
  readonly normalize?: (value: Uint8Array) => Uint8Array;
  /**
   * Values the genesis format cannot tell from no entry (an all-zero bitmap chunk): such an entry
   * counts as absent on either side, and the others are compared (normalized when `normalize` is
   * given, as they are otherwise).
   */
  readonly absentIf?: (value: Uint8Array) => boolean;
}

export interface SimOperation {
  /** Unique within the module ("send", "delegate-above-cap"). */
  readonly name: string;
  /** Relative weight (a non-negative integer; 0 switches the operation off). */
  readonly weight: number;
  generate(env: OpEnv): SimTx | undefined;
}

/** The outcome an operation expects: success, or failure with exactly this error. */
export type Expectation = { readonly ok: true } | { readonly ok: false; readonly codespace: string; readonly code: number };

export const EXPECT_OK: Expectation = { ok: true };

/** An expected failure with a registered error (anything with codespace and code: AppError, ErrorDef). */
export function expectError(err: { readonly codespace: string; readonly code: number }): Expectation {
  return { ok: false, codespace: err.codespace, code: err.code };
}

export interface SimTx {
  /** The messages, for the report of a failure (the tx carries them encoded). */
  readonly msgs: readonly SimMsg[];
  readonly tx: Uint8Array;
  readonly expect: Expectation;
  /**
   * A check on the block-so-far state right after the tx ran as expected (e.g. the cap holds for
   * the validator that received stake): a description of what is wrong, or undefined.
   */
  readonly after?: (ctx: Context) => string | undefined;
  /** Keys created by the operation (funded by it); they join the pool when the block commits. */
  readonly newAccounts?: readonly SimAccount[];
}

export interface OpEnv {
  readonly r: SimRandom;
  /** The block so far (a throwaway branch): read it, never write it. */
  readonly ctx: Context;
  readonly height: bigint;
  readonly time: Timestamp;
  readonly accounts: AccountPool;
  /** The governance authority the app was built with (a key the simulation holds). */
  readonly authority: SimAccount;
  /** The chain's denom (fees, bond denom of a new chain). */
  readonly denom: string;
  /** Account number and sequence on the block-so-far state; undefined for an unknown account. */
  accountState(address: Uint8Array): { readonly accountNumber: bigint; readonly sequence: bigint } | undefined;
  /**
   * Signs `msgs` as `signer` with its account number and sequence on the block-so-far state,
   * a random fee the signer can pay (unless `opts.fee`), and a random sign mode (amino-json for
   * about one tx in five when every message has an amino form, unless `opts.mode`).
   */
  sign(signer: SimAccount, msgs: readonly SimMsg[], opts?: SignOptions): Uint8Array;
  /** The tx factory (message JSON for reports, signing figures). */
  readonly txs: TxFactory;
  /** A new key (not yet on chain); list it in `SimTx.newAccounts` if the tx funds it. */
  newAccount(): SimAccount;
  /** The account's balance of `denom` on the block-so-far state. */
  balance(address: Uint8Array, denom: string): bigint;
  /**
   * What the account can spend of `denom` in a tx and still pay any fee `sign` attaches: the
   * balance minus MAX_FEE for the fee denom.
   */
  spendable(address: Uint8Array, denom: string): bigint;
}

/** The largest fee `OpEnv.sign` attaches on its own (in the chain's denom). */
export const MAX_FEE = 5_000n;

export interface InvariantResult {
  readonly broken: boolean;
  readonly message: string;
}

export interface SimInvariant {
  readonly name: string;
  check(i: InvariantEnv): InvariantResult;
}

export interface InvariantEnv {
  /** Read-only context over the state committed at `height`. */
  readonly ctx: Context;
  /** The same at height - 1, when that height exists (not for the first block of a chain). */
  readonly previous: Context | undefined;
  readonly height: bigint;
}

/** Balances at genesis, credited by modules, written into bank's section by bank's finalizeGenesis. */
export class GenesisFunds {
  private readonly amounts = new Map<string, { address: Uint8Array; denom: string; amount: bigint }>();

  private key(address: Uint8Array, denom: string): string {
    return `${Buffer.from(address).toString("hex")}/${denom}`;
  }

  balance(address: Uint8Array, denom: string): bigint {
    return this.amounts.get(this.key(address, denom))?.amount ?? 0n;
  }

  credit(address: Uint8Array, denom: string, amount: bigint): void {
    if (amount < 0n) throw new Error("negative credit");
    const k = this.key(address, denom);
    const entry = this.amounts.get(k);
    if (entry) entry.amount += amount;
    else this.amounts.set(k, { address, denom, amount });
  }

  debit(address: Uint8Array, denom: string, amount: bigint): void {
    const have = this.balance(address, denom);
    if (have < amount) throw new Error(`genesis debit of ${amount}${denom} from an account holding ${have}`);
    const entry = this.amounts.get(this.key(address, denom));
    if (entry) entry.amount -= amount;
  }

  /** Positive balances, by address bytes then denom (sorted, never in insertion order). */
  entries(): { address: Uint8Array; denom: string; amount: bigint }[] {
    return [...this.amounts.entries()]
      .filter(([, e]) => e.amount > 0n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => ({ ...e }));
  }
}

export interface SimGenesis {
  readonly r: SimRandom;
  readonly chainId: string;
  readonly genesisTime: Timestamp;
  /** The chain's denom: the bond denom and the fee denom. */
  readonly denom: string;
  /** Every account with a key at genesis, in account-number order. */
  readonly accounts: readonly SimAccount[];
  readonly authority: SimAccount;
  /** `app_state`, starting from the app's default genesis; each module replaces its section. */
  readonly appState: Record<string, JsonValue>;
  readonly funds: GenesisFunds;
  /** The consensus params InitChain carries. */
  consensusParams: ConsensusParams;
  /** Signs gentxs. */
  readonly txs: TxFactory;
  /** Typed notes one module leaves for a later one (staking's gentx plan for genutil). */
  readonly notes: Map<string, unknown>;
}

export type { SimMsg, SignOptions };
