/**
 * x/genutil in the seeded simulation (sim/types.ts): when x/staking's simulation leaves the
 * validators to gentxs (its GENTX_PLAN), each planned operator signs a MsgCreateValidator as
 * `plumed genesis gentx` does (SIGN_MODE_DIRECT, account number 0 and sequence 0 as at height 0),
 * and InitChain delivers them through the tx pipeline.
 */
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { AuthInfo, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Dec } from "../../app/math";
import type { JsonObject } from "../../app/module";
import type { ModuleSimulation, SimGenesis } from "../../sim/types";
import { GENTX_PLAN, type GentxPlanEntry } from "../staking/simulation";
import { genTxToJson, GENUTIL_MODULE, MSG_CREATE_VALIDATOR_TYPE_URL } from "./genesis";

export function genutilSimulation(): ModuleSimulation {
  return {
    module: GENUTIL_MODULE,
    genesis(g: SimGenesis) {
      const plan = g.notes.get(GENTX_PLAN) as readonly GentxPlanEntry[] | undefined;
      if (plan === undefined) return;
      // Commission at or above the staking genesis' floor, in thousandths.
      const staking = g.appState["staking"] as { params?: { min_commission_rate?: string } };
      const floor = Number(Dec.fromString(staking.params?.min_commission_rate ?? "0").mulInt(1000n).ceil().truncateInt().toBigInt());
      const genTxs: JsonObject[] = plan.map(({ operator, amount }) => {
        const maxRate = g.r.int(Math.max(floor, 1), 1000);
        const msg = MsgCreateValidator.fromPartial({
          description: { moniker: `gentx-${operator.index}`, details: g.r.text(0, 30) },
          commission: {
            rate: Dec.withPrec(BigInt(g.r.int(floor, maxRate)), 3).toProto(),
            maxRate: Dec.withPrec(BigInt(maxRate), 3).toProto(),
            maxChangeRate: Dec.withPrec(BigInt(g.r.int(0, maxRate)), 3).toProto(),
          },
          minSelfDelegation: g.r.bigint(1n, amount).toString(),
          validatorAddress: operator.valoper,
          pubkey: { typeUrl: "/cosmos.crypto.ed25519.PubKey", value: Ed25519PubKey.encode({ key: g.r.bytes(32) }).finish() },
          value: { denom: g.denom, amount: amount.toString() },
        });
        const raw = TxRaw.decode(
          g.txs.sign(operator, { accountNumber: 0n, sequence: 0n }, [{ typeUrl: MSG_CREATE_VALIDATOR_TYPE_URL, value: msg }], {
            mode: "direct",
            memo: `${operator.index}@127.0.0.1:26656`,
          }),
        );
        return genTxToJson(Tx.fromPartial({ body: TxBody.decode(raw.bodyBytes), authInfo: AuthInfo.decode(raw.authInfoBytes), signatures: raw.signatures }));
      });
      g.appState["genutil"] = { gen_txs: genTxs };
    },
  };
}
