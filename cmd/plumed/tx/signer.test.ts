import { serializeSignDoc } from "@cosmjs/amino";
import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { makeSignBytes } from "@cosmjs/proto-signing";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, SignDoc, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AddressCodec } from "../../../app/address";
import { deriveKey } from "../hd";
import { buildUnsignedTx, decodeTx, encodeTx, msgSendAny } from "./builder";
import { aminoSignDoc, parseSignMode, signTx } from "./signer";

const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const codec = new AddressCodec("plume");

async function fixture(): Promise<{ privateKey: Uint8Array; publicKey: Uint8Array; from: string; to: string }> {
  const k = await deriveKey(MNEMONIC);
  const other = await deriveKey(MNEMONIC, "m/44'/118'/0'/0/1");
  return { privateKey: k.privateKey, publicKey: k.publicKey, from: codec.encodeAccount(k.address), to: codec.encodeAccount(other.address) };
}

function unsigned(from: string, to: string, memo = "m"): ReturnType<typeof buildUnsignedTx> {
  return buildUnsignedTx({ messages: [msgSendAny(from, to, "100uplume", codec)], memo, fee: [{ denom: "uplume", amount: "500" }], gasLimit: 200000n });
}

describe("signing", () => {
  it("direct: the signature verifies over the SignDoc rebuilt from the broadcast bytes", async () => {
    const { privateKey, publicKey, from, to } = await fixture();
    const signed = await signTx(unsigned(from, to), privateKey, { chainId: "plume-1", accountNumber: 7n, sequence: 3n }, "direct");
    const raw = TxRaw.decode(encodeTx(signed));
    const body = TxBody.decode(raw.bodyBytes);
    const authInfo = AuthInfo.decode(raw.authInfoBytes);
    expect(MsgSend.decode(body.messages[0]?.value as Uint8Array)).toEqual({ fromAddress: from, toAddress: to, amount: [{ denom: "uplume", amount: "100" }] });
    const info = authInfo.signerInfos[0];
    expect(info?.modeInfo?.single?.mode).toBe(SignMode.SIGN_MODE_DIRECT);
    expect(info?.sequence).toBe(3n);
    expect(info?.publicKey?.typeUrl).toBe("/cosmos.crypto.secp256k1.PubKey");
    expect(PubKey.decode(info?.publicKey?.value as Uint8Array).key).toEqual(publicKey);
    expect(raw.signatures).toHaveLength(1);
    const signBytes = makeSignBytes(SignDoc.fromPartial({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId: "plume-1", accountNumber: 7n }));
    const sig = Secp256k1Signature.fromFixedLength(raw.signatures[0] as Uint8Array);
    expect(Secp256k1.verifySignature(sig, sha256(signBytes), publicKey)).toBe(true);
    // Bound to chain id and account number.
    const otherChain = makeSignBytes(SignDoc.fromPartial({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId: "plume-2", accountNumber: 7n }));
    expect(Secp256k1.verifySignature(sig, sha256(otherChain), publicKey)).toBe(false);
  });

  it("amino-json: the signature verifies over the sorted StdSignDoc", async () => {
    const { privateKey, publicKey, from, to } = await fixture();
    const signer = { chainId: "plume-1", accountNumber: 7n, sequence: 3n };
    const signed = await signTx(unsigned(from, to, "a&b"), privateKey, signer, "amino-json");
    const tx = decodeTx(encodeTx(signed));
    expect(tx.authInfo?.signerInfos[0]?.modeInfo?.single?.mode).toBe(SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
    const doc = aminoSignDoc(tx, signer);
    const bytes = serializeSignDoc(doc);
    // The SDK's legacy amino JSON: sorted keys, amino type name, gas as a string, & escaped.
    expect(new TextDecoder().decode(bytes)).toBe(
      `{"account_number":"7","chain_id":"plume-1","fee":{"amount":[{"amount":"500","denom":"uplume"}],"gas":"200000"},"memo":"a\\u0026b","msgs":[{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"100","denom":"uplume"}],"from_address":"${from}","to_address":"${to}"}}],"sequence":"3"}`,
    );
    const sig = Secp256k1Signature.fromFixedLength(tx.signatures[0] as Uint8Array);
    expect(Secp256k1.verifySignature(sig, sha256(bytes), publicKey)).toBe(true);
  });

  it("appends a second signer, refuses the same key twice, and --overwrite replaces", async () => {
    const { privateKey, from, to } = await fixture();
    const second = await deriveKey(MNEMONIC, "m/44'/118'/0'/0/2");
    const signer = { chainId: "plume-1", accountNumber: 1n, sequence: 0n };
    const once = await signTx(unsigned(from, to), privateKey, signer, "amino-json");
    await expect(signTx(once, privateKey, signer, "amino-json")).rejects.toThrow(/already signed/);
    const twice = await signTx(once, second.privateKey, signer, "amino-json");
    expect(twice.signatures).toHaveLength(2);
    expect(twice.authInfo?.signerInfos).toHaveLength(2);
    const replaced = await signTx(twice, privateKey, signer, "direct", { overwrite: true });
    expect(replaced.signatures).toHaveLength(1);
    expect(replaced.authInfo?.signerInfos).toHaveLength(1);
  });

  it("parses sign modes", () => {
    expect(parseSignMode("direct")).toBe("direct");
    expect(parseSignMode("amino-json")).toBe("amino-json");
    expect(() => parseSignMode("textual")).toThrow("sign mode textual is not supported by plumed (use direct or amino-json)");
    expect(() => parseSignMode("x")).toThrow('invalid --sign-mode "x" (expected direct or amino-json)');
  });
});
