/**
 * x/auth in the seeded simulation (sim/types.ts): random params within their valid ranges, one
 * base account per key of the simulation; the txs the ante handler must refuse (a bad signature,
 * a wrong sequence or account number, too little gas, a fee above the balance), each with the
 * SDK's error; and an invariant on account numbers.
 */
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { Context } from "../../app/context";
import { ErrInsufficientFunds, ErrOutOfGas, ErrUnauthorized, ErrWrongSequence } from "../../app/errors";
import type { JsonValue } from "../../app/module";
import type { SimAccount } from "../../sim/keys";
import { expectError, type Expectation, type InvariantResult, type ModuleSimulation, type OpEnv, type SimGenesis, type SimOperation, type SimTx } from "../../sim/types";
import type { SignOptions } from "../../sim/tx";
import type { AuthKeeper } from "./keeper";

/** A one-coin send to another account: the payload of the txs that must fail before it runs. */
function payload(env: OpEnv, from: SimAccount): { typeUrl: string; value: MsgSend }[] {
  const to = env.accounts.randomOther(env.r, from) ?? from;
  return [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: from.bech32, toAddress: to.bech32, amount: [{ denom: env.denom, amount: "1" }] }) }];
}

/** An operation whose tx the ante handler refuses with `expect`. */
function refused(name: string, weight: number, expect: Expectation, options: (env: OpEnv, from: SimAccount) => SignOptions | undefined): SimOperation {
  return {
    name,
    weight,
    generate(env): SimTx | undefined {
      const from = env.accounts.random(env.r);
      const opts = options(env, from);
      if (opts === undefined) return undefined;
      const msgs = payload(env, from);
      return { msgs, tx: env.sign(from, msgs, opts), expect };
    },
  };
}

/** Every account number is below the next one to be handed out, and no two accounts share one. */
function accountNumbersInvariant(k: AuthKeeper, ctx: Context): InvariantResult {
  const next = k.peekNextAccountNumber(ctx);
  const seen = new Map<bigint, string>();
  const problems: string[] = [];
  for (const a of k.iterateAccounts(ctx)) {
    const address = k.addresses.encodeAccount(a.address);
    if (a.accountNumber >= next) problems.push(`\t${address} has account number ${a.accountNumber}, the next to be handed out is ${next}`);
    const other = seen.get(a.accountNumber);
    if (other !== undefined) problems.push(`\t${address} and ${other} share account number ${a.accountNumber}`);
    seen.set(a.accountNumber, address);
  }
  return { broken: problems.length > 0, message: `auth: account-numbers invariant\n${problems.join("\n")}\n` };
}

export function authSimulation(k: AuthKeeper): ModuleSimulation {
  return {
    module: "auth",
    genesis(g: SimGenesis) {
      const section = g.appState["auth"] as Record<string, JsonValue>;
      g.appState["auth"] = {
        ...section,
        // The SDK's simulation ranges (x/auth/simulation/genesis.go), kept above what the
        // simulation's own txs need (memos up to 64 characters, one signature).
        params: {
          max_memo_characters: String(g.r.int(100, 200)),
          tx_sig_limit: String(g.r.int(1, 7)),
          tx_size_cost_per_byte: String(g.r.int(5, 15)),
          sig_verify_cost_ed25519: String(g.r.int(500, 1000)),
          sig_verify_cost_secp256k1: String(g.r.int(500, 1000)),
        },
        accounts: g.accounts.map((a, i) => ({
          "@type": "/cosmos.auth.v1beta1.BaseAccount",
          address: a.bech32,
          pub_key: null,
          account_number: String(i),
          sequence: "0",
        })),
      };
    },
    operations: [
      refused("bad-signature", 4, expectError(ErrUnauthorized), () => ({ corruptSignature: true })),
      refused("wrong-sequence", 4, expectError(ErrWrongSequence), (env, from) => {
        const s = env.accountState(from.address)?.sequence ?? 0n;
        return { sequence: s > 0n && env.r.chance(1, 2) ? env.r.bigint(0n, s - 1n) : s + env.r.bigint(1n, 5n) };
      }),
      refused("wrong-account-number", 2, expectError(ErrUnauthorized), (env, from) => {
        const n = env.accountState(from.address)?.accountNumber ?? 0n;
        return { accountNumber: n + env.r.bigint(1n, 1000n) };
      }),
      // Below what the tx's own bytes cost (at least 5 gas a byte): out of gas in the ante handler.
      refused("out-of-gas", 2, expectError(ErrOutOfGas), (env) => ({ gas: env.r.bigint(100n, 500n) })),
      refused("fee-above-balance", 3, expectError(ErrInsufficientFunds), (env, from) => ({
        fee: [{ denom: env.denom, amount: (env.balance(from.address, env.denom) + env.r.bigint(1n, 1_000_000n)).toString() }],
      })),
    ],
    invariants: [{ name: "account-numbers", check: (i) => accountNumbersInvariant(k, i.ctx) }],
  };
}
