import type { Command } from "commander";
import { MsgFundCommunityPool, MsgSetWithdrawAddress, MsgWithdrawDelegatorReward, MsgWithdrawValidatorCommission } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { parseCoinsNormalized } from "../../../app/math";
import { sdkJsonToBytes, bytesToSdkJson } from "../../../app/json";
import { addressCodecOf, resolveNode } from "../client/context";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { CometRpc } from "../client/rpc";
import { addTxFlags, generateOrBroadcastTx, resolveSender, type TxFlags } from "../client/tx-flow";

/**
 * `plumed tx distribution ...`: simd v0.50's x/distribution tx commands, each building its
 * message(s) for the shared generate-or-broadcast flow (every tx flag works as for `tx bank send`).
 * The signer is --from.
 *
 * | command | message(s) |
 * |---|---|
 * | withdraw-rewards <validator-addr> [--commission] | MsgWithdrawDelegatorReward (+ MsgWithdrawValidatorCommission of --from's own validator) |
 * | withdraw-all-rewards | one MsgWithdrawDelegatorReward per validator --from delegates to (asked of the node) |
 * | set-withdraw-addr <withdraw-addr> | MsgSetWithdrawAddress |
 * | fund-community-pool <amount> | MsgFundCommunityPool |
 *
 * As in simd, --commission withdraws the commission of the validator whose operator is --from;
 * the chain refuses it (distribution/7) when nothing has accrued, in the tx's block.
 */
const DISTR = "/cosmos.distribution.v1beta1.";

const any = (typeUrl: string, value: Uint8Array): Any => Any.fromPartial({ typeUrl: `${DISTR}${typeUrl}`, value });

export function withdrawRewardsMsgs(delegator: string, validator: string, commission: boolean, codec: AddressCodec): Any[] {
  codec.decodeValidator(validator);
  const msgs = [any("MsgWithdrawDelegatorReward", MsgWithdrawDelegatorReward.encode({ delegatorAddress: delegator, validatorAddress: validator }).finish())];
  if (commission) {
    const own = codec.encodeValidator(codec.decodeAccount(delegator));
    msgs.push(any("MsgWithdrawValidatorCommission", MsgWithdrawValidatorCommission.encode({ validatorAddress: own }).finish()));
  }
  return msgs;
}

export function setWithdrawAddrMsg(delegator: string, withdrawAddress: string, codec: AddressCodec): Any {
  codec.decodeAccount(withdrawAddress, "withdraw address");
  return any("MsgSetWithdrawAddress", MsgSetWithdrawAddress.encode({ delegatorAddress: delegator, withdrawAddress }).finish());
}

export function fundCommunityPoolMsg(depositor: string, amount: string): Any {
  const coins = parseCoinsNormalized(amount);
  if (coins.isEmpty()) throw new Error(`invalid amount "${amount}": no coins`);
  return any("MsgFundCommunityPool", MsgFundCommunityPool.encode({ depositor, amount: coins.toProto() }).finish());
}

/** The validators a delegator delegates to (Query/DelegatorValidators at the latest height). */
async function delegatorValidators(node: string, delegator: string): Promise<string[]> {
  const rpc = new CometRpc(node);
  const type = "cosmos.distribution.v1beta1.QueryDelegatorValidators";
  const r = await rpc.abciQuery("/cosmos.distribution.v1beta1.Query/DelegatorValidators", sdkJsonToBytes(`${type}Request`, { delegator_address: delegator }));
  if (r.code !== 0) throw new Error(`cannot list the delegations of ${delegator}: ${r.log}`);
  const json = bytesToSdkJson(`${type}Response`, r.value) as { validators?: string[] };
  return json.validators ?? [];
}

type FromFlags = TxFlags & { from: string };

export function registerDistributionTxCommands(tx: Command, io: Io): void {
  const distribution = tx.command("distribution").description("distribution module transactions");
  addTxFlags(distribution.command("withdraw-rewards").description("withdraw a delegation's rewards (and with --commission, the validator's commission)").argument("<validator-addr>", "the validator (…valoper1…)"))
    .requiredOption("--from <key>", "the delegator: a key name or address")
    .option("--commission", "also withdraw the commission of --from's own validator")
    .addHelpText("after", "\nExample:\n  plumed tx distribution withdraw-rewards plumevaloper1… --from mykey --commission --fees 5000uplume")
    .action((validator: string, o: FromFlags & { commission?: boolean }) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(io, o.from, (sender) => withdrawRewardsMsgs(sender, validator, o.commission === true, codec), o);
    });
  addTxFlags(distribution.command("withdraw-all-rewards").description("withdraw the rewards of every delegation of --from"))
    .requiredOption("--from <key>", "the delegator: a key name or address")
    .action(async (o: FromFlags) => {
      const codec = addressCodecOf(o.home);
      if (o.offline) throw new Error("withdraw-all-rewards asks the node for the delegations: it cannot be used with --offline");
      const sender = resolveSender(openKeyring(io, o.home, o.keyringBackend), codec, o.from).address;
      const validators = await delegatorValidators(resolveNode(o.home, o.node), sender);
      if (validators.length === 0) throw new Error(`${sender} has no delegation`);
      return generateOrBroadcastTx(io, o.from, (delegator) => validators.flatMap((v) => withdrawRewardsMsgs(delegator, v, false, codec)), o);
    });
  addTxFlags(distribution.command("set-withdraw-addr").description("change the address rewards and commission are paid to").argument("<withdraw-addr>", "the new withdraw address"))
    .requiredOption("--from <key>", "the delegator: a key name or address")
    .action((withdrawAddress: string, o: FromFlags) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(io, o.from, (sender) => [setWithdrawAddrMsg(sender, withdrawAddress, codec)], o);
    });
  addTxFlags(distribution.command("fund-community-pool").description("send coins to the community pool").argument("<amount>", 'coins, e.g. "1000uplume"'))
    .requiredOption("--from <key>", "the depositor: a key name or address")
    .action((amount: string, o: FromFlags) => generateOrBroadcastTx(io, o.from, (sender) => [fundCommunityPoolMsg(sender, amount)], o));
}
