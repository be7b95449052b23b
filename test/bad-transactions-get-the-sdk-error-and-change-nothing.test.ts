import { toBech32 } from "@cosmjs/encoding";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { moduleAddress } from "../app/address";
import { Testnet } from "./helpers/testnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, balanceOf, DENOM, directWallet, PREFIX, queryClient } from "./helpers/clients";
import { broadcastSync, committedResult, msgSendAny, signDirect, type SignOptions } from "./helpers/tx";
import { waitForHeight } from "./helpers/rpc";
import type { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { StargateClient } from "@cosmjs/stargate";

const USERS = ["alice", "bob"];
const FEE = { amount: "2000", denom: DENOM };
const GAS = 200_000n;

interface Case {
  readonly name: string;
  /** Where the SDK rejects it: in CheckTx (nothing changes) or in the block (fee and sequence kept). */
  readonly rejectedIn: "checkTx" | "block";
  readonly codespace: string;
  readonly code: number;
  readonly log?: RegExp;
  readonly tx: (base: SignOptions) => Promise<Uint8Array>;
}

describe("bad transactions", () => {
  let net: Testnet;
  let reader: StargateClient;
  let alice: DirectSecp256k1HdWallet;
  let aliceAddress: string;
  let bobAddress: string;

  beforeAll(async () => {
    net = await Testnet.create(1, { users: USERS, mnemonics: testMnemonics(["validator0", ...USERS]) });
    net.setAppToml(0, { "minimum-gas-prices": "0.005uplume" });
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2);
    reader = await queryClient(net.rpcPort(0));
    alice = await directWallet("alice");
    aliceAddress = await addressOf(alice);
    bobAddress = await addressOf(await directWallet("bob"));
  });

  afterAll(async () => {
    reader.disconnect();
    await net.stop();
  });

  const send = (amount: string, to?: string) => (base: SignOptions) => signDirect({ ...base, messages: [msgSendAny(aliceAddress, to ?? bobAddress, amount, DENOM)] });
  const feeCollector = () => toBech32(PREFIX, moduleAddress("fee_collector"));

  const cases: Case[] = [
    { name: "wrong sequence", rejectedIn: "checkTx", codespace: "sdk", code: 32, log: /account sequence mismatch, expected \d+, got \d+/, tx: (b) => signDirect({ ...b, sequence: b.sequence + 5n, messages: [msgSendAny(aliceAddress, bobAddress, "1", DENOM)] }) },
    { name: "wrong chain id", rejectedIn: "checkTx", codespace: "sdk", code: 4, log: /signature verification failed; please verify account number \(\d+\) and chain-id \(plume-devnet-1\)/, tx: (b) => signDirect({ ...b, chainId: "other-chain", messages: [msgSendAny(aliceAddress, bobAddress, "1", DENOM)] }) },
    { name: "wrong account number", rejectedIn: "checkTx", codespace: "sdk", code: 4, tx: (b) => signDirect({ ...b, accountNumber: b.accountNumber + 7n, messages: [msgSendAny(aliceAddress, bobAddress, "1", DENOM)] }) },
    {
      name: "bad signature", rejectedIn: "checkTx", codespace: "sdk", code: 4,
      tx: async (b) => {
        const raw = TxRaw.decode(await send("1")(b));
        const sig = Uint8Array.from(raw.signatures[0] as Uint8Array);
        sig[10] = (sig[10] as number) ^ 0xff;
        return TxRaw.encode({ ...raw, signatures: [sig] }).finish();
      },
    },
    { name: "insufficient fee for the node's minimum gas price", rejectedIn: "checkTx", codespace: "sdk", code: 13, log: /insufficient fees; got: 1uplume required: 1000uplume/, tx: (b) => signDirect({ ...b, fee: { amount: "1", denom: DENOM }, messages: [msgSendAny(aliceAddress, bobAddress, "1", DENOM)] }) },
    { name: "out of gas", rejectedIn: "checkTx", codespace: "sdk", code: 11, log: /out of gas in location: .*; gasWanted: 1000, gasUsed: \d+/, tx: (b) => signDirect({ ...b, gasLimit: 1000n, fee: { amount: "5", denom: DENOM }, messages: [msgSendAny(aliceAddress, bobAddress, "1", DENOM)] }) },
    { name: "malformed tx bytes", rejectedIn: "checkTx", codespace: "sdk", code: 2, tx: async () => Uint8Array.of(0x0a, 0xff, 0x01, 0x02) },
    {
      name: "an unknown message type", rejectedIn: "checkTx", codespace: "sdk", code: 2,
      tx: (b) => signDirect({ ...b, messages: [{ typeUrl: "/plume.nothing.v1.MsgNothing", value: TxBody.encode(TxBody.fromPartial({})).finish() }] }),
    },
    { name: "an amount above 256 bits", rejectedIn: "checkTx", codespace: "sdk", code: 2, tx: send("1" + "0".repeat(80)) },
    { name: "more than the balance", rejectedIn: "block", codespace: "sdk", code: 5, log: /spendable balance \d+uplume is smaller than \d+uplume: insufficient funds/, tx: send("999999999999999") },
    { name: "a zero amount", rejectedIn: "block", codespace: "sdk", code: 10, tx: send("0") },
    { name: "a negative amount", rejectedIn: "block", codespace: "sdk", code: 10, tx: send("-5") },
    { name: "an invalid bech32 recipient", rejectedIn: "block", codespace: "sdk", code: 7, tx: send("1", "plume1notanaddress") },
    { name: "a send to a blocked module account", rejectedIn: "block", codespace: "sdk", code: 4, log: /is not allowed to receive funds/, tx: (b) => send("1", feeCollector())(b) },
  ];

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const account = await reader.getAccount(aliceAddress);
    const accountNumber = BigInt(account?.accountNumber ?? 0);
    const sequence = BigInt(account?.sequence ?? 0);
    const base: SignOptions = { wallet: alice, messages: [], chainId: net.layout.chainId, accountNumber, sequence, fee: FEE, gasLimit: GAS };
    const before = { alice: await balanceOf(reader, aliceAddress), bob: await balanceOf(reader, bobAddress) };

    const check = await broadcastSync(net.rpcPort(0), await c.tx(base));
    let result = check;
    if (c.rejectedIn === "checkTx") {
      expect({ code: check.code, codespace: check.codespace }).toEqual({ code: c.code, codespace: c.codespace });
    } else {
      expect({ code: check.code, log: check.log }).toEqual({ code: 0, log: "" });
      result = await committedResult(net.rpcPort(0), check.hash);
      expect({ code: result.code, codespace: result.codespace }).toEqual({ code: c.code, codespace: c.codespace });
    }
    if (c.log) expect(result.log).toMatch(c.log);

    const after = { alice: await balanceOf(reader, aliceAddress), bob: await balanceOf(reader, bobAddress) };
    const afterAccount = await reader.getAccount(aliceAddress);
    expect(after.bob).toBe(before.bob);
    if (c.rejectedIn === "checkTx") {
      expect(after.alice).toBe(before.alice);
      expect(BigInt(afterAccount?.sequence ?? 0)).toBe(sequence);
    } else {
      // As in the SDK, a tx that fails after the ante handler keeps its fee and sequence.
      expect(after.alice).toBe(before.alice - BigInt(FEE.amount));
      expect(BigInt(afterAccount?.sequence ?? 0)).toBe(sequence + 1n);
    }
  });
});
