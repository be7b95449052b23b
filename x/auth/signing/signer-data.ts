import type { Any } from "cosmjs-types/google/protobuf/any";

/** The per-signer inputs of sign bytes (x/tx/signing.SignerData). */
export interface SignerData {
  /** The signer's bech32 account address. */
  readonly address: string;
  readonly chainId: string;
  /** 0 at genesis (block height 0), the account's number otherwise. */
  readonly accountNumber: bigint;
  readonly sequence: bigint;
  readonly pubKey: Any | undefined;
}
