/**
 * x/bank in the seeded simulation (sim/types.ts): a random genesis (balances in the chain's denom
 * and a few others, send-enabled settings), sends and multi-sends, and the sends that must fail
 * (more than the balance, a disabled denom, a blocked module account, send-enabled changed by
 * anyone but the authority). Invariants: nonnegative-outstanding and total-supply.
 */
import { MsgMultiSend, MsgSend, MsgSetSendEnabled } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { ErrInsufficientFunds, ErrUnauthorized } from "../../app/errors";
import type { JsonValue } from "../../app/module";
import type { SimAccount } from "../../sim/keys";
import { EXPECT_OK, expectError, type Expectation, type ModuleSimulation, type OpEnv, type SimGenesis, type SimOperation, type SimTx } from "../../sim/types";
import { ErrInvalidSigner, ErrSendDisabled } from "./errors";
import { nonnegativeOutstandingInvariant, totalSupplyInvariant } from "./invariants";
import type { BankKeeper } from "./keeper";
import { BANK_STORE } from "./state-keys";

/** Denoms besides the chain's that genesis may hand out (never fees, never staked). */
export const SIM_EXTRA_DENOMS = ["usima", "usimb"] as const;

export interface BankSimulationOptions {
  readonly keeper: BankKeeper;
  /** A module account address MsgSend must refuse (the app's blocked addresses). */
  readonly blockedAddress: Uint8Array;
}

const coin = (denom: string, amount: bigint): ProtoCoin => ({ denom, amount: amount.toString() });

function sortCoins(coins: ProtoCoin[]): ProtoCoin[] {
  return coins.sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
}

export function bankSimulation(o: BankSimulationOptions): ModuleSimulation {
  const k = o.keeper;
  const sendEnabled = (env: OpEnv, denom: string): boolean => k.isSendEnabledCoin(env.ctx, denom);
  /** The outcome of a send of `coins`: bank checks send-enabled before anything else. */
  const sendExpectation = (env: OpEnv, coins: readonly ProtoCoin[], otherwise: Expectation): Expectation =>
    coins.every((c) => sendEnabled(env, c.denom)) ? otherwise : expectError(ErrSendDisabled);

  /** Random coins the account can spend: one or two denoms, each in [1, spendable]. */
  const randomCoins = (env: OpEnv, from: SimAccount): ProtoCoin[] => {
    const denoms = [env.denom, ...SIM_EXTRA_DENOMS].filter((d) => env.spendable(from.address, d) > 0n);
    if (denoms.length === 0) return [];
    const chosen = env.r.shuffle(denoms).slice(0, env.r.int(1, Math.min(2, denoms.length)));
    return sortCoins(chosen.map((d) => coin(d, env.r.bigint(1n, env.spendable(from.address, d)))));
  };

  const send: SimOperation = {
    name: "send",
    weight: 100,
    generate(env) {
      const from = env.accounts.random(env.r);
      const amount = randomCoins(env, from);
      if (amount.length === 0) return undefined;
      // Now and then a recipient that does not exist yet: the send creates its account.
      const fresh = env.r.chance(1, 25) ? env.newAccount() : undefined;
      const to = fresh ?? env.accounts.randomOther(env.r, from) ?? from;
      const msg = MsgSend.fromPartial({ fromAddress: from.bech32, toAddress: to.bech32, amount });
      const msgs = [{ typeUrl: MsgSend.typeUrl, value: msg }];
      return { msgs, tx: env.sign(from, msgs), expect: sendExpectation(env, amount, EXPECT_OK), ...(fresh ? { newAccounts: [fresh] } : {}) };
    },
  };

  const multiSend: SimOperation = {
    name: "multi-send",
    weight: 30,
    generate(env) {
      const from = env.accounts.random(env.r);
      const total = randomCoins(env, from);
      if (total.length === 0) return undefined;
      // Split every coin over 1..5 outputs (each output gets a positive share of one or more denoms).
      const n = env.r.int(1, 5);
      const outputs = Array.from({ length: n }, () => ({ to: env.accounts.random(env.r), coins: new Map<string, bigint>() }));
      for (const c of total) {
        let left = BigInt(c.amount);
        const parts = env.r.int(1, Math.min(n, Number(left < 5n ? left : 5n)));
        for (let i = 0; i < parts; i++) {
          const share = i === parts - 1 ? left : env.r.bigint(1n, left - BigInt(parts - 1 - i));
          left -= share;
          const out = outputs[i] as { coins: Map<string, bigint> };
          out.coins.set(c.denom, share);
        }
      }
      const msg = MsgMultiSend.fromPartial({
        inputs: [{ address: from.bech32, coins: total }],
        outputs: outputs
          .filter((x) => x.coins.size > 0)
          // deterministic: sortCoins orders the coins, whatever order the map gives them in.
          .map((x) => ({ address: x.to.bech32, coins: sortCoins([...x.coins.entries()].map(([d, a]) => coin(d, a))) })),
      });
      const msgs = [{ typeUrl: MsgMultiSend.typeUrl, value: msg }];
      return { msgs, tx: env.sign(from, msgs), expect: sendExpectation(env, total, EXPECT_OK) };
    },
  };

  const sendTooMuch: SimOperation = {
    name: "send-insufficient-funds",
    weight: 8,
    generate(env) {
      const from = env.accounts.random(env.r);
      const to = env.accounts.randomOther(env.r, from) ?? from;
      const denom = env.r.pick([env.denom, ...SIM_EXTRA_DENOMS]);
      // More than the whole balance: whatever fee the ante handler took first, the send cannot pay.
      const amount = [coin(denom, env.balance(from.address, denom) + env.r.bigint(1n, 1_000_000n))];
      const msgs = [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: from.bech32, toAddress: to.bech32, amount }) }];
      return { msgs, tx: env.sign(from, msgs), expect: sendExpectation(env, amount, expectError(ErrInsufficientFunds)) };
    },
  };

  const sendToBlocked: SimOperation = {
    name: "send-to-module-account",
    weight: 3,
    generate(env) {
      const from = env.accounts.random(env.r);
      if (env.spendable(from.address, env.denom) === 0n) return undefined;
      const amount = [coin(env.denom, 1n)];
      const to = k.addresses.encodeAccount(o.blockedAddress);
      const msgs = [{ typeUrl: MsgSend.typeUrl, value: MsgSend.fromPartial({ fromAddress: from.bech32, toAddress: to, amount }) }];
      return { msgs, tx: env.sign(from, msgs), expect: sendExpectation(env, amount, expectError(ErrUnauthorized)) };
    },
  };

  const setSendEnabled = (byAuthority: boolean): SimOperation => ({
    name: byAuthority ? "set-send-enabled" : "set-send-enabled-unauthorized",
    weight: byAuthority ? 2 : 1,
    generate(env): SimTx {
      const signer = byAuthority ? env.authority : (env.accounts.randomOther(env.r, env.authority) ?? env.authority);
      const denom = env.r.pick(SIM_EXTRA_DENOMS);
      // Mostly back on: a denom switched off for good would make every later send of it fail.
      const enabled = env.r.chance(2, 3);
      const msg = MsgSetSendEnabled.fromPartial({ authority: signer.bech32, sendEnabled: [{ denom, enabled }], useDefaultFor: [] });
      const msgs = [{ typeUrl: MsgSetSendEnabled.typeUrl, value: msg }];
      const expect = signer === env.authority ? EXPECT_OK : expectError(ErrInvalidSigner);
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  return {
    module: "bank",
    genesis(g: SimGenesis) {
      const extra = g.r.shuffle(SIM_EXTRA_DENOMS).slice(0, g.r.int(0, SIM_EXTRA_DENOMS.length));
      for (const [i, a] of g.accounts.entries()) {
        g.funds.credit(a.address, g.denom, g.r.bigint(100_000_000n, 100_000_000_000n));
        // Two whales (exchanges, foundations): enough to push any validator past the cap.
        if (i === 1 || i === 2) g.funds.credit(a.address, g.denom, g.r.bigint(1_000_000_000_000n, 10_000_000_000_000n));
        for (const d of extra) if (g.r.chance(1, 2)) g.funds.credit(a.address, d, g.r.bigint(1_000_000n, 10_000_000_000n));
      }
      const defaultSendEnabled = g.r.chance(9, 10);
      const entries: { denom: string; enabled: boolean }[] = [];
      // With sending off by default, the chain's denom is mostly switched back on.
      if (!defaultSendEnabled && g.r.chance(3, 4)) entries.push({ denom: g.denom, enabled: true });
      for (const d of SIM_EXTRA_DENOMS) if (g.r.chance(1, 3)) entries.push({ denom: d, enabled: g.r.chance(1, 2) });
      const section = g.appState["bank"] as Record<string, JsonValue>;
      g.appState["bank"] = {
        ...section,
        params: { send_enabled: [], default_send_enabled: defaultSendEnabled },
        send_enabled: entries.sort((a, b) => (a.denom < b.denom ? -1 : 1)),
      };
    },
    finalizeGenesis(g: SimGenesis) {
      const balances: { address: string; coins: { denom: string; amount: string }[] }[] = [];
      const supply = new Map<string, bigint>();
      for (const e of g.funds.entries()) {
        const address = k.addresses.encodeAccount(e.address);
        const last = balances[balances.length - 1];
        if (last !== undefined && last.address === address) last.coins.push({ denom: e.denom, amount: e.amount.toString() });
        else balances.push({ address, coins: [{ denom: e.denom, amount: e.amount.toString() }] });
        supply.set(e.denom, (supply.get(e.denom) ?? 0n) + e.amount);
      }
      const section = g.appState["bank"] as Record<string, JsonValue>;
      g.appState["bank"] = {
        ...section,
        balances,
        supply: [...supply.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([denom, amount]) => ({ denom, amount: amount.toString() })),
      };
    },
    operations: [send, multiSend, sendTooMuch, sendToBlocked, setSendEnabled(true), setSendEnabled(false)],
    invariants: [
      { name: "nonnegative-outstanding", check: (i) => nonnegativeOutstandingInvariant(k, i.ctx.kvStore(BANK_STORE)) },
      { name: "total-supply", check: (i) => totalSupplyInvariant(k, i.ctx.kvStore(BANK_STORE)) },
    ],
  };
}
