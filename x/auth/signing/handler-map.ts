import type { DecodedTx } from "../../../app/tx/decode";
import { aminoJsonSignBytes } from "./amino-json";
import { directSignBytes } from "./direct";
import { SignMode, signModeName } from "../../../app/tx/signature-data";
import type { SignerData } from "./signer-data";

/** One sign mode: the bytes a signer signs for a tx. Throws a plain Error when it cannot. */
export type SignBytesFn = (signer: SignerData, tx: DecodedTx) => Uint8Array;

/**
 * The sign modes this chain verifies (x/tx/signing.HandlerMap). SIGN_MODE_DIRECT and
 * SIGN_MODE_LEGACY_AMINO_JSON are what cosmjs and the SDK CLI produce; DIRECT_AUX and TEXTUAL are
 * not offered (a signature in those modes fails verification with "unsupported sign mode").
 */
export class SignModeHandlerMap {
  private readonly handlers: ReadonlyMap<number, SignBytesFn>;

  constructor(handlers: ReadonlyMap<number, SignBytesFn> = defaultSignModeHandlers()) {
    this.handlers = handlers;
  }

  supportedModes(): number[] {
    return [...this.handlers.keys()].sort((a, b) => a - b);
  }

  getSignBytes(mode: number, signer: SignerData, tx: DecodedTx): Uint8Array {
    // x/auth/signing.InternalSignModeToAPI knows four modes; the handler map then needs a handler.
    const known = mode === SignMode.SIGN_MODE_DIRECT || mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON || mode === SignMode.SIGN_MODE_TEXTUAL || mode === SignMode.SIGN_MODE_DIRECT_AUX;
    const handler = known ? this.handlers.get(mode) : undefined;
    if (handler === undefined) throw new Error(`unsupported sign mode ${signModeName(mode)}`);
    return handler(signer, tx);
  }
}

export function defaultSignModeHandlers(): ReadonlyMap<number, SignBytesFn> {
  return new Map<number, SignBytesFn>([
    [SignMode.SIGN_MODE_DIRECT, directSignBytes],
    [SignMode.SIGN_MODE_LEGACY_AMINO_JSON, aminoJsonSignBytes],
  ]);
}
