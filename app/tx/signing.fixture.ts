/**
 * Test-only: deterministic keys and cosmjs-signed txs, for tests of the tx pipeline's framework
 * parts (decoding, signature handling). Uses nothing but cosmjs and the framework.
 */
import { Secp256k1Wallet, type StdFee } from "@cosmjs/amino";
import { DirectSecp256k1Wallet, Registry, type OfflineSigner } from "@cosmjs/proto-signing";
import { SigningStargateClient, defaultRegistryTypes } from "@cosmjs/stargate";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { AddressCodec } from "../address";

export const CHAIN_ID = "plume-test-1";
export const PREFIX = "cosmos";
export const DENOM = "stake";

export interface TestAccount {
  readonly privkey: Uint8Array;
  readonly address: string;
  readonly bytes: Uint8Array;
  readonly pubkey: Uint8Array;
  readonly direct: DirectSecp256k1Wallet;
  readonly amino: Secp256k1Wallet;
}

/** A deterministic key (never zero) for index i. */
export async function testAccount(i: number): Promise<TestAccount> {
  const privkey = new Uint8Array(32);
  privkey[31] = (i % 250) + 1;
  privkey[30] = Math.floor(i / 250) + 1;
  privkey[0] = 0x42;
  const direct = await DirectSecp256k1Wallet.fromKey(privkey, PREFIX);
  const amino = await Secp256k1Wallet.fromKey(privkey, PREFIX);
  const [acc] = await direct.getAccounts();
  if (!acc) throw new Error("no account");
  return { privkey, address: acc.address, bytes: new AddressCodec(PREFIX).decodeAccount(acc.address), pubkey: acc.pubkey, direct, amino };
}

export function sendMsg(from: string, to: string, amount: bigint): { typeUrl: string; value: MsgSend } {
  return { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.fromPartial({ fromAddress: from, toAddress: to, amount: [{ denom: DENOM, amount: amount.toString() }] }) };
}

export const defaultFee = (gas = 200_000n, amount = 1000n): StdFee => ({ amount: [{ denom: DENOM, amount: amount.toString() }], gas: gas.toString() });

/** Signs with cosmjs' SigningStargateClient (direct or amino depending on the signer). */
export async function signTx(
  signer: OfflineSigner,
  signerAddress: string,
  msgs: { typeUrl: string; value: unknown }[],
  opts: { accountNumber: bigint; sequence: bigint; fee?: StdFee; memo?: string; chainId?: string; timeoutHeight?: bigint },
): Promise<Uint8Array> {
  const client = await SigningStargateClient.offline(signer, { registry: new Registry(defaultRegistryTypes) });
  const raw = await client.sign(
    signerAddress,
    msgs,
    opts.fee ?? defaultFee(),
    opts.memo ?? "",
    { accountNumber: opts.accountNumber, sequence: Number(opts.sequence), chainId: opts.chainId ?? CHAIN_ID },
    opts.timeoutHeight,
  );
  return TxRaw.encode(raw).finish();
}
