import { createMultisigThresholdPubkey, pubkeyToAddress, type Secp256k1HdWallet } from "@cosmjs/amino";
import { makeMultisignedTxBytes, type SigningStargateClient } from "@cosmjs/stargate";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, aminoWallet, balanceOf, DENOM, directWallet, PREFIX, queryClient, signingClient } from "./helpers/clients";
import { waitFor, waitForHeight } from "./helpers/rpc";

const USERS = ["alice", "bob", "m1", "m2", "m3"];

describe("a 2-of-3 multisig account (LegacyAminoPubKey)", () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: USERS, mnemonics: testMnemonics(["validator0", ...USERS]) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2);
  });

  afterAll(async () => {
    await net.stop();
  });

  it("sends tokens with two of three signatures, as cosmjs' multisig helpers build it", async () => {
    const members: Secp256k1HdWallet[] = await Promise.all(["m1", "m2", "m3"].map(aminoWallet));
    const pubkeys = await Promise.all(
      members.map(async (w) => {
        const [a] = await w.getAccounts();
        return { type: "tendermint/PubKeySecp256k1", value: Buffer.from(a?.pubkey ?? []).toString("base64") };
      }),
    );
    const multisigPubkey = createMultisigThresholdPubkey(pubkeys, 2);
    const multisigAddress = pubkeyToAddress(multisigPubkey, PREFIX);
    const recipient = await addressOf(await directWallet("bob"));
    const reader = await queryClient(net.rpcPort(0));

    // Fund the multisig account so that it exists on chain.
    const alice = await signingClient(net.rpcPort(0), await directWallet("alice"));
    const funding = await alice.sendTokens(await addressOf(await directWallet("alice")), multisigAddress, [{ denom: DENOM, amount: "1000000" }], "auto");
    expect(funding.code).toBe(0);
    const account = await waitFor("the multisig account", async () => (await reader.getAccount(multisigAddress)) ?? undefined);

    const msg = {
      typeUrl: "/cosmos.bank.v1beta1.MsgSend",
      value: { fromAddress: multisigAddress, toAddress: recipient, amount: [{ denom: DENOM, amount: "25000" }] },
    };
    const fee = { amount: [{ denom: DENOM, amount: "10000" }], gas: "300000" };
    const signerData = { accountNumber: account.accountNumber, sequence: account.sequence, chainId: net.layout.chainId };
    const signatures = new Map<string, Uint8Array>();
    let bodyBytes: Uint8Array | undefined;
    for (const member of members.slice(0, 2)) {
      const client: SigningStargateClient = await signingClient(net.rpcPort(0), member);
      const address = await addressOf(member);
      const signed = await client.sign(address, [msg], fee, "multisig", signerData);
      bodyBytes = signed.bodyBytes;
      signatures.set(address, signed.signatures[0] as Uint8Array);
      client.disconnect();
    }
    const before = await balanceOf(reader, recipient);
    const txBytes = makeMultisignedTxBytes(multisigPubkey, account.sequence, fee, bodyBytes as Uint8Array, signatures);
    const result = await reader.broadcastTx(txBytes, 30_000, 250);
    expect(result.code).toBe(0);
    expect((await balanceOf(reader, recipient)) - before).toBe(25000n);
    expect(await balanceOf(reader, multisigAddress)).toBe(1000000n - 25000n - 10000n);
    const after = await reader.getAccount(multisigAddress);
    expect(after?.sequence).toBe(account.sequence + 1);
    expect(after?.pubkey).toEqual(multisigPubkey);
    alice.disconnect();
    reader.disconnect();
  });
});
