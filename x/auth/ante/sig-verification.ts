import type { Context } from "../../../app/context";
import { AppError, ErrInvalidPubKey, ErrPanic, ErrUnauthorized, ErrWrongSequence } from "../../../app/errors";
import { pubKeyFromAny } from "../../../app/crypto/keys";
import type { SignatureCachePolicy, SignatureVerifier } from "../../../app/crypto/verifier";
import { sdkPanic } from "../../../app/math/go-compat";
import type { SignModeHandlerMap } from "../signing/handler-map";
import { onlyLegacyAminoSigners } from "../../../app/tx/signature-data";
import { verifySignature } from "../signing/verify";
import { isGenesisHeight, type AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";
import { getSignerAccount } from "./signer-account";

/**
 * Which way signature verification uses the signature cache in each execution mode: CheckTx
 * remembers what it verified, FinalizeBlock takes a remembered triple as verified; genesis (and
 * anything else) always verifies. ReCheck and simulation do not verify at all.
 */
export function cachePolicyFor(ctx: Context): SignatureCachePolicy {
  switch (ctx.mode) {
    case "check":
      return "remember";
    case "finalize":
      return "consult";
    default:
      return "off";
  }
}

export interface SigVerificationOptions {
  readonly accountKeeper: AccountKeeper;
  readonly signModeHandlers: SignModeHandlerMap;
  readonly verifier: SignatureVerifier;
}

/**
 * SigVerificationDecorator: one signature per signer (sdk/4); the account must have a key (sdk/8,
 * not when simulating); the signature's sequence must equal the account's (sdk/32 "account
 * sequence mismatch, expected X, got Y", checked in every mode); then, except on ReCheck and in
 * simulation, the signature is verified over the sign bytes of its mode, with account number 0 at
 * genesis (sdk/4 "signature verification failed; please verify account number (N) and chain-id (C): (...)").
 */
export function newSigVerificationDecorator(opts: SigVerificationOptions): AnteDecorator {
  const ak = opts.accountKeeper;
  return {
    name: "SigVerification",
    anteHandle(ctx, env, next) {
      const sigs = env.tx.signaturesV2();
      const signers = env.tx.signers();
      if (sigs.length !== signers.length) {
        throw ErrUnauthorized.wrap(`invalid number of signer;  expected: ${signers.length}, got ${sigs.length}`);
      }
      const verify = !env.simulate && ctx.mode !== "recheck";
      const policy = cachePolicyFor(ctx);
      sigs.forEach((sig, i) => {
        const signer = signers[i] as Uint8Array;
        const account = getSignerAccount(ctx, ak, signer);
        if (!env.simulate && account.pubKey === undefined) throw ErrInvalidPubKey.wrap("pubkey on account is not set");
        if (sig.sequence !== account.sequence) {
          throw ErrWrongSequence.wrap(`account sequence mismatch, expected ${account.sequence}, got ${sig.sequence}`);
        }
        const accountNumber = isGenesisHeight(ctx) ? 0n : account.accountNumber;
        if (!verify || account.pubKey === undefined) return;
        const signerData = {
          address: ak.addresses.encodeAccount(account.address),
          chainId: ctx.chainId,
          accountNumber,
          sequence: sig.sequence,
          pubKey: account.pubKey,
        };
        try {
          if (sig.data === undefined) throw new Error("unexpected SignatureData <nil>");
          verifySignature(pubKeyFromAny(account.pubKey), signerData, sig.data, env.tx.decoded, {
            handlers: opts.signModeHandlers,
            verifier: opts.verifier,
            cachePolicy: policy,
          });
        } catch (err) {
          if (ErrPanic.is(err)) throw err;
          // Go errors (plain Errors and AppErrors) are reported; a JS runtime error is a panic.
          if (!(err instanceof AppError) && !(err instanceof Error && err.constructor === Error)) throw sdkPanic(String(err));
          const message = onlyLegacyAminoSigners(sig.data)
            ? `signature verification failed; please verify account number (${accountNumber}), sequence (${account.sequence}) and chain-id (${ctx.chainId})`
            : `signature verification failed; please verify account number (${accountNumber}) and chain-id (${ctx.chainId}): (${err.message})`;
          throw ErrUnauthorized.wrap(message);
        }
      });
      return next(ctx, env);
    },
  };
}
