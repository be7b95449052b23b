import type { Command } from "commander";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { MsgRestakeRewards, MsgSetAutoCompound } from "../../../proto/plume/restaking/v1/tx";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { addTxFlags, generateOrBroadcastTx, type TxFlags } from "../client/tx-flow";

/**
 * `plumed tx restaking ...`: plumed's auto-compounding (docs/restaking.md), each command building
 * its message for the shared generate-or-broadcast flow (every tx flag works as for `tx bank
 * send`). The signer is --from, the delegator.
 *
 * | command | message |
 * |---|---|
 * | auto-compound <validator-addr> on\|off | MsgSetAutoCompound |
 * | restake-rewards <validator-addr> | MsgRestakeRewards |
 *
 * The chain decides (no delegation restaking/3, not opted in restaking/6, nothing pending
 * restaking/9, the decentralization cap plume-staking/2): such a tx passes CheckTx and fails in
 * its block, see `query tx`.
 */
const RESTAKING = "/plume.restaking.v1.";

export function autoCompoundMsg(delegator: string, validator: string, onOff: string, codec: AddressCodec): Any {
  codec.decodeValidator(validator);
  if (onOff !== "on" && onOff !== "off") throw new Error(`invalid switch "${onOff}" (expected on or off)`);
  const value = MsgSetAutoCompound.encode({ delegatorAddress: delegator, validatorAddress: validator, enabled: onOff === "on" }).finish();
  return Any.fromPartial({ typeUrl: `${RESTAKING}MsgSetAutoCompound`, value });
}

export function restakeRewardsMsg(delegator: string, validator: string, codec: AddressCodec): Any {
  codec.decodeValidator(validator);
  return Any.fromPartial({ typeUrl: `${RESTAKING}MsgRestakeRewards`, value: MsgRestakeRewards.encode({ delegatorAddress: delegator, validatorAddress: validator }).finish() });
}

type FromFlags = TxFlags & { from: string };

export function registerRestakingTxCommands(tx: Command, io: Io): void {
  const restaking = tx.command("restaking").description("auto-compounding of staking rewards (plumed)");
  addTxFlags(
    restaking
      .command("auto-compound")
      .description("turn auto-compounding of --from's delegation to a validator on (it joins the validator's compounding pool) or off")
      .argument("<validator-addr>", "the validator (…valoper1…)")
      .argument("<on|off>", "on or off"),
  )
    .requiredOption("--from <key>", "the delegator: a key name or address")
    .addHelpText("after", "\nExample:\n  plumed tx restaking auto-compound plumevaloper1… on --from mykey --fees 5000uplume")
    .action((validator: string, onOff: string, o: FromFlags) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(io, o.from, (sender) => [autoCompoundMsg(sender, validator, onOff, codec)], o);
    });
  addTxFlags(
    restaking
      .command("restake-rewards")
      .description("withdraw the rewards of every delegation of --from and delegate them to one validator")
      .argument("<validator-addr>", "the validator that receives them (…valoper1…)"),
  )
    .requiredOption("--from <key>", "the delegator: a key name or address")
    .action((validator: string, o: FromFlags) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(io, o.from, (sender) => [restakeRewardsMsg(sender, validator, codec)], o);
    });
}
