import { calculateFee, GasPrice } from "@cosmjs/stargate";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, aminoWallet, balanceOf, DENOM, directWallet, queryClient, signingClient } from "./helpers/clients";
import { waitForHeight } from "./helpers/rpc";

const USERS = ["alice", "bob", "carol"];

describe("sending tokens with @cosmjs/stargate", () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: USERS, mnemonics: testMnemonics(["validator0", ...USERS]) });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2);
  });

  afterAll(async () => {
    await net.stop();
  });

  it.each([
    ["SIGN_MODE_DIRECT", directWallet],
    ["SIGN_MODE_LEGACY_AMINO_JSON", aminoWallet],
  ] as const)("sends with %s, a fixed fee and 'auto' gas; balances change by amount + fee; the tx is found by hash and by sender", async (_mode, makeWallet) => {
    const wallet = await makeWallet("alice");
    const sender = await addressOf(wallet);
    const recipient = await addressOf(await directWallet("bob"));
    const client = await signingClient(net.rpcPort(0), wallet);
    const reader = await queryClient(net.rpcPort(0));

    const before = { sender: await balanceOf(reader, sender), recipient: await balanceOf(reader, recipient) };
    const fixedFee = { amount: [{ denom: DENOM, amount: "5000" }], gas: "200000" };
    const fixed = await client.sendTokens(sender, recipient, [{ denom: DENOM, amount: "1234" }], fixedFee, "fixed fee");
    expect(fixed.code).toBe(0);
    const auto = await client.sendTokens(sender, recipient, [{ denom: DENOM, amount: "4321" }], "auto", "auto gas");
    expect(auto.code).toBe(0);
    const autoFee = BigInt(calculateFee(Math.round(Number(auto.gasWanted)), GasPrice.fromString(`0.025${DENOM}`)).amount[0]?.amount ?? "0");

    const after = { sender: await balanceOf(reader, sender), recipient: await balanceOf(reader, recipient) };
    expect(after.recipient - before.recipient).toBe(1234n + 4321n);
    expect(before.sender - after.sender).toBe(1234n + 5000n + 4321n + autoFee);

    const found = await reader.getTx(fixed.transactionHash);
    expect(found?.height).toBe(fixed.height);
    expect(found?.code).toBe(0);
    const bySender = await reader.searchTx([{ key: "message.sender", value: sender }]);
    expect(bySender.map((t) => t.hash)).toEqual(expect.arrayContaining([fixed.transactionHash, auto.transactionHash]));
    const byRecipient = await reader.searchTx([{ key: "transfer.recipient", value: recipient }]);
    expect(byRecipient.map((t) => t.hash)).toEqual(expect.arrayContaining([fixed.transactionHash]));
    client.disconnect();
    reader.disconnect();
  });
});
