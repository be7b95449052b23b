import type { Command } from "commander";
import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { addTxFlags, generateOrBroadcastTx, type TxFlags } from "../client/tx-flow";

/**
 * `plumed tx slashing unjail --from <validator key>`: simd's x/slashing tx command. The validator
 * is --from's own (its operator address is the account's bytes as …valoper1…), as in simd. The
 * chain decides whether it may leave jail (still jailed slashing/4, not jailed slashing/5, ...):
 * such a tx passes CheckTx and fails in its block, see `query tx`.
 */
export function unjailMsg(sender: string, codec: AddressCodec): Any {
  const validatorAddr = codec.encodeValidator(codec.decodeAccount(sender));
  return Any.fromPartial({ typeUrl: "/cosmos.slashing.v1beta1.MsgUnjail", value: MsgUnjail.encode({ validatorAddr }).finish() });
}

export function registerSlashingTxCommands(tx: Command, io: Io): void {
  const slashing = tx.command("slashing").description("slashing module transactions");
  addTxFlags(slashing.command("unjail").description("unjail a jailed validator (the operator is --from)"))
    .requiredOption("--from <key>", "the validator's operator: a key name or address")
    .addHelpText("after", "\nExample:\n  plumed tx slashing unjail --from myvalidator --fees 5000uplume")
    .action((o: TxFlags & { from: string }) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(io, o.from, (sender) => [unjailMsg(sender, codec)], o);
    });
}
