import { ErrInvalidPubKey } from "../../../app/errors";
import { bytesToBase64 } from "../../../app/encoding";
import { event, type AppEvent } from "../../../app/events";
import { pubKeyAddress } from "../../../app/crypto/keys";
import { sdkPanic } from "../../../app/math/go-compat";
import { signatureDataToBytes } from "../../../app/tx/signature-data";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";
import { SIM_SECP256K1_PUBKEY } from "./sim-signature";
import { getSignerAccount } from "./signer-account";

/**
 * SetPubKeyDecorator: stores each signer's public key on its account when the account has none
 * (the key must hash to the signer's address, sdk/8; when simulating a missing key is replaced by
 * the placeholder key). Emits, per signer, `tx{acc_seq="<address>/<sequence>"}` then one
 * `tx{signature=<base64>}` per signature (for a multisig: each nested signature, then the whole).
 */
export function newSetPubKeyDecorator(ak: AccountKeeper): AnteDecorator {
  return {
    name: "SetPubKey",
    anteHandle(ctx, env, next) {
      const pubKeys = env.tx.pubKeys();
      const signers = env.tx.signers();
      const signerStrs: string[] = [];
      pubKeys.forEach((given, i) => {
        const signer = signers[i];
        if (signer === undefined) throw sdkPanic(`runtime error: index out of range [${i}] with length ${signers.length}`);
        signerStrs[i] = ak.addresses.encodeAccount(signer);
        let pk = given;
        if (pk === undefined) {
          if (!env.simulate) return;
          pk = SIM_SECP256K1_PUBKEY;
        }
        if (!env.simulate && !equalBytes(pubKeyAddress(pk), signer)) {
          throw ErrInvalidPubKey.wrap(`pubKey does not match signer address ${signerStrs[i]} with signer index: ${i}`);
        }
        const account = getSignerAccount(ctx, ak, signer);
        if (account.pubKey !== undefined) return;
        ak.setAccount(ctx, { ...account, pubKey: pk.any });
      });

      const events: AppEvent[] = [];
      env.tx.signaturesV2().forEach((sig, i) => {
        events.push(event("tx", { acc_seq: `${signerStrs[i] ?? ""}/${sig.sequence}` }));
        for (const bz of signatureDataToBytes(sig.data)) events.push(event("tx", { signature: bytesToBase64(bz) }));
      });
      ctx.events.emitAll(events);
      return next(ctx, env);
    },
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
