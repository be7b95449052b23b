/**
 * Test-only simulation pieces, never part of the production app: a message that credits coins
 * without raising the supply (registered on one test app's router only) and an operation that
 * sends it once, from a given height. The simulation must catch it with bank's total-supply
 * invariant and name this operation.
 */
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { Coin, Int } from "../app/math";
import type { ModuleSimulation } from "../sim/types";
import { EXPECT_OK } from "../sim/types";
import { defaultSchemaRegistry } from "../proto/schema/registry";
import type { PlumeApp } from "./app";

export const MINT_WITHOUT_SUPPLY_TYPE_URL = "/plumed.simtest.v1.MsgMintWithoutSupply";

/** Registers the breaking message on `app` and returns the operation that sends it at `height` or later (once). */
export function invariantBreaker(app: PlumeApp, height: bigint): ModuleSimulation {
  const bank = app.keepers.bank;
  // The tx decoder refuses a type URL it has no protobuf schema for; this one is MsgSend's shape.
  const schemas = defaultSchemaRegistry();
  const name = MINT_WITHOUT_SUPPLY_TYPE_URL.slice(1);
  if (schemas.message(name) === undefined) schemas.addMessage({ ...schemas.requireMessage("cosmos.bank.v1beta1.MsgSend"), fullName: name });
  app.msgs.register<MsgSend>({
    typeUrl: MINT_WITHOUT_SUPPLY_TYPE_URL,
    codec: MsgSend,
    signers: (msg) => [msg.fromAddress],
    handle(ctx, msg) {
      const to = bank.addresses.decodeAccount(msg.toAddress);
      for (const c of msg.amount) {
        const have = bank.getBalance(ctx, to, c.denom);
        // A balance raised with nothing minted: sum of balances != supply.
        bank.setBalance(ctx, to, Coin.of(c.denom, have.amount.add(Int.fromProto(c.amount))));
      }
      return { typeUrl: `${MINT_WITHOUT_SUPPLY_TYPE_URL}Response`, value: new Uint8Array() };
    },
  });
  let sent = false;
  return {
    module: "simtest",
    operations: [
      {
        name: "mint-without-supply",
        weight: 50,
        generate(env) {
          if (sent || env.height < height) return undefined;
          sent = true;
          const from = env.accounts.random(env.r);
          const msg = MsgSend.fromPartial({ fromAddress: from.bech32, toAddress: from.bech32, amount: [{ denom: env.denom, amount: "1000" }] });
          const msgs = [{ typeUrl: MINT_WITHOUT_SUPPLY_TYPE_URL, value: msg }];
          return { msgs, tx: env.sign(from, msgs, { mode: "direct" }), expect: EXPECT_OK };
        },
      },
    ],
  };
}
