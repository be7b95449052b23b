import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";

/** x/auth defaults (SDK v0.50 x/auth/types/params.go). */
export function defaultAuthParams(): Params {
  return Params.fromPartial({
    maxMemoCharacters: 256n,
    txSigLimit: 7n,
    txSizeCostPerByte: 10n,
    sigVerifyCostEd25519: 590n,
    sigVerifyCostSecp256k1: 1000n,
  });
}

export function validateAuthParams(p: Params): void {
  const positive: [string, bigint][] = [
    ["max_memo_characters", p.maxMemoCharacters],
    ["tx_sig_limit", p.txSigLimit],
    ["tx_size_cost_per_byte", p.txSizeCostPerByte],
    ["sig_verify_cost_ed25519", p.sigVerifyCostEd25519],
    ["sig_verify_cost_secp256k1", p.sigVerifyCostSecp256k1],
  ];
  for (const [name, value] of positive) {
    if (value <= 0n) throw new Error(`invalid ${name}: ${value}`);
  }
}
