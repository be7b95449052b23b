/**
 * Amino JSON sign bytes cover the fields a message's amino form lists, not the protobuf bytes: a
 * relayer can add an unknown field to a LEGACY_AMINO_JSON-signed tx and the signature still holds.
 * Committed, the tx would land under another hash than the one its sender watches for. As the SDK
 * does, plumed refuses such a tx in CheckTx with ErrTxDecode (sdk/2), or with ErrUnauthorized
 * (sdk/4) when the added field is non-critical, and changes nothing; the tx as signed then commits.
 */
import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import type { SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, aminoWallet, balanceOf, DENOM, queryClient, signingClient } from "./helpers/clients";
import { broadcastSync, committedResult } from "./helpers/tx";
import { latestHeight, waitForHeight } from "./helpers/rpc";

const USERS = ["alice", "bob"];

// ---- a tiny protobuf writer, for what cosmjs would never encode ----
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const varintField = (num: number, v: number): number[] => [...varint(num * 8), ...varint(v)];
const bytesField = (num: number, payload: readonly number[]): number[] => [...varint(num * 8 + 2), ...varint(payload.length), ...payload];
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

/** The signed tx with its (only) message's bytes replaced; signatures and auth info untouched. */
function withMessageBytes(signed: TxRaw, value: readonly number[]): Uint8Array {
  const body = TxBody.decode(signed.bodyBytes);
  const first = body.messages[0];
  if (!first) throw new Error("no message");
  const bodyBytes = TxBody.encode({ ...body, messages: [{ typeUrl: first.typeUrl, value: Uint8Array.from(value) }] }).finish();
  return TxRaw.encode({ ...signed, bodyBytes }).finish();
}

describe("a relayer cannot malleate an amino-signed tx with unknown fields", () => {
  let net: Testnet;
  let reader: StargateClient;
  let client: SigningStargateClient;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: USERS, mnemonics: testMnemonics(["validator0", ...USERS]) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2);
    reader = await queryClient(net.rpcPort(0));
    const wallet = await aminoWallet("alice");
    alice = await addressOf(wallet);
    bob = await addressOf(await aminoWallet("bob"));
    client = await signingClient(net.rpcPort(0), wallet);
  });

  afterAll(async () => {
    client.disconnect();
    reader.disconnect();
    await net.stop();
  });

  it("refuses the tx with a field added inside the Coin or a zero-valued field 99 in the MsgSend (sdk/2), or a non-critical one (sdk/4), then commits it as signed", async () => {
    const amount = { denom: DENOM, amount: "1234" };
    const fee = { amount: [{ denom: DENOM, amount: "5000" }], gas: "200000" };
    // The wallet only holds an amino signer, so cosmjs signs in SIGN_MODE_LEGACY_AMINO_JSON.
    const signed = await client.sign(alice, [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.fromPartial({ fromAddress: alice, toAddress: bob, amount: [amount] }) }], fee, "malleable?");
    const original = TxRaw.encode(signed).finish();

    const addresses = [...bytesField(1, utf8(alice)), ...bytesField(2, utf8(bob))];
    const coin = [...Coin.encode(amount).finish()];
    // Sanity: rebuilt by hand without extras, the message is byte for byte what cosmjs signed.
    expect(toHex(withMessageBytes(signed, [...addresses, ...bytesField(3, coin)]))).toBe(toHex(original));
    const malleated = {
      "an unknown field 5 inside the Coin": withMessageBytes(signed, [...addresses, ...bytesField(3, [...coin, ...varintField(5, 1)])]),
      "a zero-valued unknown field 99 in the MsgSend": withMessageBytes(signed, [...addresses, ...bytesField(3, coin), ...varintField(99, 0)]),
    };

    // A non-critical field (bit 11 set) decodes, as in the SDK, but marks the body as holding fields
    // the amino JSON does not cover, so the amino signature no longer verifies.
    const nonCritical = withMessageBytes(signed, [...addresses, ...bytesField(3, [...coin, ...varintField(1030, 1)])]);

    const before = { alice: await balanceOf(reader, alice), bob: await balanceOf(reader, bob), sequence: (await reader.getSequence(alice)).sequence };
    for (const [what, tx] of Object.entries(malleated)) {
      expect(toHex(sha256(tx))).not.toBe(toHex(sha256(original)));
      const check = await broadcastSync(net.rpcPort(0), tx);
      expect({ what, code: check.code, codespace: check.codespace }).toEqual({ what, code: 2, codespace: "sdk" });
      expect(check.log).toMatch(/^errUnknownField "\*types\.(Coin|MsgSend)": \{TagNum: (5|99), WireType: "varint"\}: tx parse error$/);
    }
    const check4 = await broadcastSync(net.rpcPort(0), nonCritical);
    expect({ code: check4.code, codespace: check4.codespace }).toEqual({ code: 4, codespace: "sdk" });
    expect(check4.log).toMatch(/^signature verification failed; please verify account number \(\d+\), sequence \(\d+\) and chain-id \(.*\): unauthorized$/);
    // A block or two later nothing has moved: the malleated txs never reached a block.
    await waitForHeight(net.rpcPort(0), (await latestHeight(net.rpcPort(0))) + 2);
    expect({ alice: await balanceOf(reader, alice), bob: await balanceOf(reader, bob), sequence: (await reader.getSequence(alice)).sequence }).toEqual(before);

    // The tx as signed is untouched by all this and commits, under the hash its sender computed.
    const check = await broadcastSync(net.rpcPort(0), original);
    expect({ code: check.code, log: check.log }).toEqual({ code: 0, log: "" });
    expect(check.hash).toBe(toHex(sha256(original)).toUpperCase());
    const result = await committedResult(net.rpcPort(0), check.hash);
    expect(result.code).toBe(0);
    expect(await balanceOf(reader, bob)).toBe(before.bob + 1234n);
    expect(await balanceOf(reader, alice)).toBe(before.alice - 1234n - 5000n);
    expect((await reader.getSequence(alice)).sequence).toBe(before.sequence + 1);
  });
});
