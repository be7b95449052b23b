import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { encodePubkey, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AppError } from "../errors";
import { MsgSendResponse } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { MsgRouter } from "../msg-router";
import { defaultFee, sendMsg, signTx, testAccount, type TestAccount } from "./signing.fixture";
import { TxDecoder, rejectNonADR027TxRaw } from "./decode";

// ---- tiny protobuf writer for hand-made wire bytes ----
function varint(n: number | bigint): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (num: number, wt: number): number[] => varint(num * 8 + wt);
const bytesField = (num: number, payload: Uint8Array | number[]): number[] => [...tag(num, 2), ...varint(payload.length), ...payload];
const varintField = (num: number, v: number | bigint): number[] => [...tag(num, 0), ...varint(v)];
const u8 = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

function decodeError(decoder: TxDecoder, bytes: Uint8Array): AppError {
  try {
    decoder.decode(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect([e.codespace, e.code]).toEqual(["sdk", 2]);
    return e;
  }
  throw new Error("expected a decode error");
}

describe("TxDecoder", () => {
  // The decoder needs only the registry of messages: one MsgSend-shaped handler.
  const router = new MsgRouter();
  router.register({
    typeUrl: MsgSend.typeUrl,
    codec: MsgSend,
    signers: (m) => [m.fromAddress],
    handle: () => ({ typeUrl: MsgSendResponse.typeUrl, value: new Uint8Array() }),
  });
  const decoder = new TxDecoder(router);
  let a: TestAccount;
  let b: TestAccount;
  let good: Uint8Array;
  let raw: TxRaw;
  const registry = new Registry(defaultRegistryTypes);

  beforeAll(async () => {
    a = await testAccount(1);
    b = await testAccount(2);
    good = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: 0n, sequence: 0n, memo: "m" });
    raw = TxRaw.decode(good);
  });

  const withRaw = (body: Uint8Array, authInfo: Uint8Array = raw.authInfoBytes, sigs: Uint8Array[] = raw.signatures): Uint8Array =>
    TxRaw.encode({ bodyBytes: body, authInfoBytes: authInfo, signatures: sigs }).finish();

  it("decodes a cosmjs-signed tx: exact bytes, messages, signer infos, fee", () => {
    const tx = decoder.decode(good);
    expect(tx.bodyBytes).toEqual(raw.bodyBytes);
    expect(tx.authInfoBytes).toEqual(raw.authInfoBytes);
    expect(tx.msgs.map((m) => m.typeUrl)).toEqual(["/cosmos.bank.v1beta1.MsgSend"]);
    expect((tx.msgs[0]?.msg as MsgSend).toAddress).toBe(b.address);
    expect(tx.body.memo).toBe("m");
    expect(tx.body.memoByteLength).toBe(1);
    expect(tx.authInfo.fee?.gasLimit).toBe(200_000n);
    expect(tx.authInfo.fee?.amount.map((c) => [c.denom, c.rawAmount])).toEqual([["stake", "1000"]]);
    expect(tx.authInfo.signerInfos[0]?.pubKey?.type).toBe("secp256k1");
    expect(tx.authInfo.signerInfos[0]?.modeInfo?.sum).toEqual({ single: { mode: 1 } });
    expect(tx.bodyHasUnknownNonCriticals).toBe(false);
  });

  describe("ADR-027 (rejectNonADR027TxRaw)", () => {
    it("refuses TxRaw fields out of order", () => {
      const swapped = u8(bytesField(2, raw.authInfoBytes), bytesField(1, raw.bodyBytes), bytesField(3, raw.signatures[0] as Uint8Array));
      expect(decodeError(decoder, swapped).message).toBe("txRaw must follow ADR-027, got tagNum 1 after tagNum 2: tx parse error");
    });

    it("refuses a length prefix that is not as short as possible", () => {
      const sig = raw.signatures[0] as Uint8Array;
      expect(sig.length).toBe(64);
      const padded = u8(bytesField(1, raw.bodyBytes), bytesField(2, raw.authInfoBytes), tag(3, 2), [64 | 0x80, 0x00], [...sig]);
      expect(decodeError(decoder, padded).message).toBe("length prefix varint for tagNum 3 is not as short as possible, read 2, only need 1: tx parse error");
    });

    it("refuses non-BYTES wire types and truncated input", () => {
      expect(decodeError(decoder, u8(varintField(1, 5))).message).toBe("expected 2 wire type, got 0: tx parse error");
      expect(decodeError(decoder, u8(tag(1, 2), [10], [1, 2])).message).toBe("invalid length; unexpected EOF: tx parse error");
      expect(() => rejectNonADR027TxRaw(good)).not.toThrow();
    });

    it("accepts repeated signatures and an empty tx envelope at this stage", () => {
      expect(() => rejectNonADR027TxRaw(u8(bytesField(3, [1]), bytesField(3, [2])))).not.toThrow();
    });
  });

  describe("unknown fields", () => {
    it("are refused in TxRaw", () => {
      const extra = u8([...good], bytesField(4, [1]));
      expect(decodeError(decoder, extra).message).toBe('errUnknownField "*tx.TxRaw": {TagNum: 4, WireType: "bytes"}: tx parse error');
    });

    it("are refused in AuthInfo, non-critical ones too", () => {
      const critical = u8([...raw.authInfoBytes], varintField(7, 1));
      expect(decodeError(decoder, withRaw(raw.bodyBytes, critical)).message).toBe('errUnknownField "*tx.AuthInfo": {TagNum: 7, WireType: "varint"}: tx parse error');
      const nonCritical = u8([...raw.authInfoBytes], varintField(1025, 1));
      expect(decodeError(decoder, withRaw(raw.bodyBytes, nonCritical)).message).toBe('errUnknownField "*tx.AuthInfo": {TagNum: 1025, WireType: "varint"}: tx parse error');
    });

    it("are refused deep inside AuthInfo (a signer info's mode info)", () => {
      const ai = AuthInfo.decode(raw.authInfoBytes);
      const modeInfo = u8(bytesField(1, u8(varintField(1, 1), varintField(2, 9))));
      const signerInfo = u8(bytesField(2, modeInfo), varintField(3, 0));
      const authInfo = u8(bytesField(1, signerInfo), bytesField(2, AuthInfo.encode({ ...ai, signerInfos: [] }).finish().subarray(2)));
      expect(decodeError(decoder, withRaw(raw.bodyBytes, authInfo)).message).toBe('errUnknownField "*tx.ModeInfo_Single": {TagNum: 2, WireType: "varint"}: tx parse error');
    });

    it("are refused in TxBody when critical, allowed (and flagged) when non-critical", () => {
      const critical = u8([...raw.bodyBytes], varintField(4, 1));
      expect(decodeError(decoder, withRaw(critical)).message).toBe('errUnknownField "*tx.TxBody": {TagNum: 4, WireType: "varint"}: tx parse error');
      const nonCritical = u8([...raw.bodyBytes], varintField(1030, 1));
      expect(decoder.decode(withRaw(nonCritical)).bodyHasUnknownNonCriticals).toBe(true);
      // Bit 11 decides, not the size: 2050 (0b1000_0000_0010) is critical.
      expect(decodeError(decoder, withRaw(u8([...raw.bodyBytes], varintField(2050, 1)))).message).toContain("TagNum: 2050");
    });

    it("are refused inside an Any and inside a message's contents", () => {
      const msgValue = MsgSend.encode(sendMsg(a.address, b.address, 1n).value).finish();
      const badAny = u8(bytesField(1, u8(bytesField(1, utf8("/cosmos.bank.v1beta1.MsgSend")), bytesField(2, msgValue), varintField(3, 1))));
      expect(decodeError(decoder, withRaw(badAny)).message).toBe('errUnknownField "*types.Any": {TagNum: 3, WireType: "varint"}: tx parse error');
      const badMsg = u8(bytesField(1, u8(bytesField(1, utf8("/cosmos.bank.v1beta1.MsgSend")), bytesField(2, u8([...msgValue], bytesField(9, utf8("x")))))));
      expect(decodeError(decoder, withRaw(badMsg)).message).toBe('errUnknownField "*types.MsgSend": {TagNum: 9, WireType: "bytes"}: tx parse error');
      // A declared field sent with its default value is fine; a non-critical unknown one too (in the body).
      const defaults = u8(bytesField(1, u8(bytesField(1, utf8("/cosmos.bank.v1beta1.MsgSend")), bytesField(2, u8(bytesField(1, []), [...msgValue], bytesField(1030, [1]))))));
      const decoded = decoder.decode(withRaw(defaults));
      expect(decoded.bodyHasUnknownNonCriticals).toBe(true);
      expect((decoded.msgs[0]?.msg as MsgSend).fromAddress).toBe(a.address);
    });

    // Fields the amino JSON sign bytes do not cover: without these checks a relayer could add them
    // to a signed tx and have it commit under another hash (issue 12).
    describe("inside a message (tx malleability)", () => {
      const msgAny = (value: number[]): number[] => bytesField(1, u8(bytesField(1, utf8("/cosmos.bank.v1beta1.MsgSend")), bytesField(2, value)));
      const sendWith = (coin: number[], ...extra: number[][]): number[] =>
        [...bytesField(1, utf8(a.address)), ...bytesField(2, utf8(b.address)), ...bytesField(3, coin), ...extra.flat()];
      const coin = [...bytesField(1, utf8("stake")), ...bytesField(2, utf8("1"))];

      it("accepts the message as a wallet encodes it", () => {
        expect((decoder.decode(withRaw(u8(msgAny(sendWith(coin))))).msgs[0]?.msg as MsgSend).amount).toEqual([{ denom: "stake", amount: "1" }]);
      });

      it("refuses an unknown field inside a Coin of a MsgSend", () => {
        const err = decodeError(decoder, withRaw(u8(msgAny(sendWith([...coin, ...varintField(5, 1)])))));
        expect(err.message).toBe('errUnknownField "*types.Coin": {TagNum: 5, WireType: "varint"}: tx parse error');
        const asBytes = decodeError(decoder, withRaw(u8(msgAny(sendWith([...coin, ...bytesField(5, utf8("x"))])))));
        expect(asBytes.message).toBe('errUnknownField "*types.Coin": {TagNum: 5, WireType: "bytes"}: tx parse error');
      });

      it("refuses a zero-valued unknown field at the top of a message", () => {
        expect(decodeError(decoder, withRaw(u8(msgAny(sendWith(coin, varintField(99, 0)))))).message).toBe(
          'errUnknownField "*types.MsgSend": {TagNum: 99, WireType: "varint"}: tx parse error',
        );
        expect(decodeError(decoder, withRaw(u8(msgAny(sendWith(coin, bytesField(99, [])))))).message).toBe(
          'errUnknownField "*types.MsgSend": {TagNum: 99, WireType: "bytes"}: tx parse error',
        );
      });

      it("refuses a wire type the nested field cannot have", () => {
        const err = decodeError(decoder, withRaw(u8(msgAny(sendWith([...varintField(1, 3), ...bytesField(2, utf8("1"))])))));
        expect(err.message).toBe('Mismatched "*types.Coin": {TagNum: 1, GotWireType: "varint" != WantWireType: "bytes"}: tx parse error');
      });

      it("lets a non-critical field inside a message of the body through, flagged, as the SDK does", () => {
        const tx = decoder.decode(withRaw(u8(msgAny(sendWith([...coin, ...varintField(1030, 0)])))));
        expect(tx.bodyHasUnknownNonCriticals).toBe(true);
      });

      it("refuses the same fields in the fee's coins and in the signer's public key", () => {
        const ai = AuthInfo.decode(raw.authInfoBytes);
        const feeCoin = u8(bytesField(1, utf8("stake")), bytesField(2, utf8("1000")), varintField(1030, 0));
        const fee = u8(bytesField(1, [...feeCoin]), varintField(2, 200_000));
        const signerInfo = AuthInfo.encode({ ...ai, fee: undefined }).finish();
        expect(decodeError(decoder, withRaw(raw.bodyBytes, u8([...signerInfo], bytesField(2, [...fee])))).message).toBe(
          'errUnknownField "*types.Coin": {TagNum: 1030, WireType: "varint"}: tx parse error',
        );
        const key = u8(bytesField(1, [...a.pubkey]), varintField(2, 0));
        const pk = u8(bytesField(1, utf8("/cosmos.crypto.secp256k1.PubKey")), bytesField(2, [...key]));
        const si = u8(bytesField(1, [...pk]), bytesField(2, bytesField(1, varintField(1, 1))));
        expect(decodeError(decoder, withRaw(raw.bodyBytes, u8(bytesField(1, [...si])))).message).toBe(
          'errUnknownField "*secp256k1.PubKey": {TagNum: 2, WireType: "varint"}: tx parse error',
        );
      });

      it("refuses TxBody fields SDK v0.50 does not have (v0.53's unordered = 4, timeout_timestamp = 5)", () => {
        expect(decodeError(decoder, withRaw(u8([...raw.bodyBytes], varintField(4, 1)))).message).toBe('errUnknownField "*tx.TxBody": {TagNum: 4, WireType: "varint"}: tx parse error');
        expect(decodeError(decoder, withRaw(u8([...raw.bodyBytes], bytesField(5, varintField(1, 1))))).message).toBe(
          'errUnknownField "*tx.TxBody": {TagNum: 5, WireType: "bytes"}: tx parse error',
        );
      });
    });

    it("reports a wire type that cannot encode the declared field", () => {
      const memoAsVarint = u8(varintField(2, 5));
      expect(decodeError(decoder, withRaw(memoAsVarint)).message).toBe('Mismatched "*tx.TxBody": {TagNum: 2, GotWireType: "varint" != WantWireType: "bytes"}: tx parse error');
    });
  });

  describe("type URLs", () => {
    it("refuses an unregistered message type", () => {
      const body = TxBody.encode({ ...TxBody.decode(raw.bodyBytes), messages: [{ typeUrl: "/foo.v1.MsgBar", value: new Uint8Array() }] }).finish();
      expect(decodeError(decoder, withRaw(body)).message).toBe("unable to resolve type URL /foo.v1.MsgBar: tx parse error");
    });

    it("refuses a registered type that is not a message, and a message as a public key", () => {
      const pk = encodePubkey(encodeSecp256k1Pubkey(a.pubkey));
      const body = TxBody.encode({ ...TxBody.decode(raw.bodyBytes), messages: [pk] }).finish();
      expect(decodeError(decoder, withRaw(body)).message).toBe(
        "no concrete type registered for type URL /cosmos.crypto.secp256k1.PubKey against interface *types.Msg: tx parse error",
      );
      const ai = AuthInfo.decode(raw.authInfoBytes);
      const msgAsKey = registry.encodeAsAny(sendMsg(a.address, b.address, 1n));
      const authInfo = AuthInfo.encode({ ...ai, signerInfos: [{ ...(ai.signerInfos[0] as NonNullable<(typeof ai.signerInfos)[0]>), publicKey: msgAsKey }] }).finish();
      expect(decodeError(decoder, withRaw(raw.bodyBytes, authInfo)).message).toBe(
        "no concrete type registered for type URL /cosmos.bank.v1beta1.MsgSend against interface *types.PubKey: tx parse error",
      );
    });

    it("resolves extension options by type URL too", () => {
      const body = TxBody.decode(raw.bodyBytes);
      const unknown = TxBody.encode({ ...body, extensionOptions: [{ typeUrl: "/ext.v1.Option", value: new Uint8Array() }] }).finish();
      expect(decodeError(decoder, withRaw(unknown)).message).toBe("unable to resolve type URL /ext.v1.Option: tx parse error");
      const known = TxBody.encode({ ...body, nonCriticalExtensionOptions: [registry.encodeAsAny(sendMsg(a.address, b.address, 1n))] }).finish();
      expect(decoder.decode(withRaw(known)).body.nonCriticalExtensionOptions).toHaveLength(1);
    });
  });

  it("refuses a fee amount math.Int cannot parse, and keeps an empty one as nil", () => {
    const ai = AuthInfo.decode(raw.authInfoBytes);
    const bad = AuthInfo.encode({ ...ai, fee: { ...(ai.fee as NonNullable<typeof ai.fee>), amount: [{ denom: "stake", amount: "12x" }] } }).finish();
    expect(decodeError(decoder, withRaw(raw.bodyBytes, bad)).message).toBe('math/big: cannot unmarshal "12x" into a *big.Int: tx parse error');
    const empty = AuthInfo.encode({ ...ai, fee: { ...(ai.fee as NonNullable<typeof ai.fee>), amount: [{ denom: "stake", amount: "" }] } }).finish();
    expect(decoder.decode(withRaw(raw.bodyBytes, empty)).authInfo.fee?.amount[0]?.amount).toBeUndefined();
  });

  it("merges repeated singular message fields and lets the last oneof win, as gogoproto does", () => {
    const ai = AuthInfo.decode(raw.authInfoBytes);
    const feeA = u8(varintField(2, 7));
    const feeB = u8(bytesField(3, utf8(a.address)));
    const signerInfo = u8(bytesField(2, u8(bytesField(2, []), bytesField(1, varintField(1, 127)))));
    const authInfo = u8(bytesField(1, signerInfo), bytesField(2, feeA), bytesField(2, feeB));
    const tx = decoder.decode(withRaw(raw.bodyBytes, authInfo));
    expect(tx.authInfo.fee).toMatchObject({ gasLimit: 7n, payer: a.address });
    expect(tx.authInfo.signerInfos[0]?.modeInfo?.sum).toEqual({ single: { mode: 127 } });
    void ai;
  });

  it("stops absurd nesting deterministically", () => {
    let modeInfo = u8(bytesField(1, varintField(1, 1)));
    for (let i = 0; i < 150; i++) modeInfo = u8(bytesField(2, bytesField(2, modeInfo)));
    const authInfo = u8(bytesField(1, bytesField(2, modeInfo)));
    expect(decodeError(decoder, withRaw(raw.bodyBytes, authInfo)).message).toBe("recursion limit reached: tx parse error");
  });

  it("accepts a tx signed with a zero fee and no memo", async () => {
    const bytes = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: 0n, sequence: 0n, fee: defaultFee(1n, 0n) });
    expect(decoder.decode(bytes).authInfo.fee?.gasLimit).toBe(1n);
  });
});
