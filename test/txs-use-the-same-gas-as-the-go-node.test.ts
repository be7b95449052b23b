/**
 * The same transactions use the same gas on plumed as on a Go Cosmos SDK v0.50.15 simapp node.
 *
 * Every `go` figure below was measured on simd v0.50.15 (simapp, built as
 * ../shared/reference/simd-oracle.md says) under CometBFT v0.38, with this test's chain: chain id
 * gas-cmp-1, the accounts of testMnemonic("val" | "alice" | "bob"), 1,000,000,000,000stake each,
 * and a gentx of val for 100,000,000,000stake (`simd genesis gentx val ... --moniker gonode`). The
 * txs are the very bytes this test signs (SIGN_MODE_DIRECT signatures are deterministic), one per
 * block; `deliver` is the tx result's gas_used, `simulate` the /app/simulate gas of the same bytes
 * on the state of the block before (whose time is `simulatedAt`), `cosmjsSimulate` that of the tx
 * as cosmjs' SigningStargateClient.simulate sends it (no fee, SIGN_MODE_UNSPECIFIED, an empty
 * signature). The block times are those of the Go run: gas depends on them through the byte
 * length of the completion times that unbonding and redelegation entries store. How to measure
 * them again: docs/testing.md, "Gas parity with the Go node".
 *
 * Mint and distribution run as on the Go node, hooks included (`hooks` notes what x/distribution's
 * staking hooks cost of each figure, read from the Go node's own store trace: reward bookkeeping and
 * withdrawal). For their records to have the Go node's byte lengths, the chain here makes as many
 * blocks as the Go node did (its block times are whole multiples of 512.5 ms apart; the empty
 * blocks in between are made here), each with the Go node's last commit (every validator of the
 * set, by power), so that the same mints and allocations happen.
 *
 * What plumed does that the Go node does not, the expected figures add:
 * - `cap`: plumed's decentralization cap, which the Go node does not have: every delegation or
 *   redelegation to a bonded validator reads the cap params (1,000 + 3 × 1 key byte + 3 × 20 value
 *   bytes = 1,063) and counts the bonded validators up to ceil(1 / cap) with an iterator over the
 *   last validator powers (here two entries: 30 + 78 on creation, 30 + 78 and 30 + 75 for the two
 *   steps = 321), 1,384 in all.
 */
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64, fromBech32, toBech32 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { MsgBeginRedelegate, MsgCreateValidator, MsgDelegate, MsgEditValidator, MsgUndelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Fee, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { RequestFinalizeBlock, type ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { createHash } from "node:crypto";
import { defaultAppState } from "../chain/app";
import { nanosToTimestamp, rfc3339ToTimestamp, timestampToNanos } from "../app/context";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { JsonValue } from "../app/module";
import { genTxToJson } from "../x/genutil/genesis";
import { testMnemonic } from "./helpers/accounts";
import { startGasParityChain, type GasParityChain } from "./helpers/gas-parity-chain";

const CHAIN_ID = "gas-cmp-1";
const SETTINGS = { bech32Prefix: "cosmos", denom: "stake" } as const;
const GENESIS_TIME = "2026-12-07T00:07:16.312327002Z";
/** The Go node's validator key (its priv_validator_key.json); any 32 bytes cost the same. */
const CONSENSUS_KEY = fromBase64("LvcTRqwS7cf/VVSgxA1eTbGXKlfz8spgF/H5ANTfqR4=");
const FEE = "5000";
/** The Go node's block interval: its noted block times are whole multiples of this apart. */
const GO_BLOCK_INTERVAL_NS = 512_500_000n;
const GENESIS_NS = timestampToNanos(rfc3339ToTimestamp(GENESIS_TIME));
/**
 * Blocks from the genesis block to the first noted one. The Go run did not note it; any count
 * from 1 to 20 gives the figures below (the reward records first gain a digit beyond that), 40
 * does not.
 */
const LEADING_BLOCKS = 4n;

type Signer = "alice" | "bob";

interface Figures {
  readonly deliver: number;
  readonly simulate?: number;
  readonly cosmjsSimulate?: number;
}

interface Case {
  readonly title: string;
  readonly signer: Signer;
  readonly msgs: (a: Addresses) => Any[];
  readonly gasLimit: number;
  readonly memo?: string;
  /** The tx's size on the Go node (tx_size_cost_per_byte = 10 gas per byte). */
  readonly txBytes: number;
  readonly simulatedAt: string;
  readonly deliveredAt: string;
  readonly go: Figures;
  /** What x/distribution's staking hooks cost of `go` (from the Go node's store trace); plumed charges it too. */
  readonly hooks?: Figures;
  readonly cap?: number;
  readonly code?: number;
}

interface Addresses {
  readonly alice: string;
  readonly bob: string;
  readonly carol: string;
  readonly valoper: string;
  readonly bobValoper: string;
}

const coin = (amount: string) => ({ denom: "stake", amount });
const any = (typeUrl: string, value: Uint8Array): Any => ({ typeUrl, value });
const send = (from: string, to: string, amount: string): Any =>
  any("/cosmos.bank.v1beta1.MsgSend", MsgSend.encode({ fromAddress: from, toAddress: to, amount: [coin(amount)] }).finish());
const delegate = (a: Addresses, amount: string): Any =>
  any("/cosmos.staking.v1beta1.MsgDelegate", MsgDelegate.encode({ delegatorAddress: a.alice, validatorAddress: a.valoper, amount: coin(amount) }).finish());
const undelegate = (a: Addresses, amount: string): Any =>
  any("/cosmos.staking.v1beta1.MsgUndelegate", MsgUndelegate.encode({ delegatorAddress: a.alice, validatorAddress: a.valoper, amount: coin(amount) }).finish());
const redelegate = (a: Addresses, amount: string): Any =>
  any(
    "/cosmos.staking.v1beta1.MsgBeginRedelegate",
    MsgBeginRedelegate.encode({ delegatorAddress: a.alice, validatorSrcAddress: a.valoper, validatorDstAddress: a.bobValoper, amount: coin(amount) }).finish(),
  );
const COMMISSION = { rate: "100000000000000000", maxRate: "200000000000000000", maxChangeRate: "10000000000000000" };
const createValidator = (moniker: string, validatorAddress: string, key: Uint8Array, amount: string): Any =>
  any(
    "/cosmos.staking.v1beta1.MsgCreateValidator",
    MsgCreateValidator.encode(
      MsgCreateValidator.fromPartial({
        description: { moniker },
        commission: COMMISSION,
        minSelfDelegation: "1",
        validatorAddress,
        pubkey: any("/cosmos.crypto.ed25519.PubKey", Ed25519PubKey.encode({ key }).finish()),
        value: coin(amount),
      }),
    ).finish(),
  );

/** A cost the Go node's distribution and slashing hooks added to every figure of one tx. */
const sameHooks = (gas: number): Figures => ({ deliver: gas, simulate: gas, cosmjsSimulate: gas });

const CASES: readonly Case[] = [
  {
    title: "a MsgSend, the sender's first tx (its public key is stored on its account)",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000")],
    gasLimit: 200000,
    txBytes: 316,
    simulatedAt: "2026-12-07T00:24:41.994541507Z",
    deliveredAt: "2026-12-07T00:24:42.510992192Z",
    go: { deliver: 81086, simulate: 81086, cosmjsSimulate: 65003 },
  },
  {
    title: "a MsgSend",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000")],
    gasLimit: 200000,
    txBytes: 318,
    simulatedAt: "2026-12-07T00:24:44.048661551Z",
    deliveredAt: "2026-12-07T00:24:44.559313752Z",
    go: { deliver: 67905, simulate: 67905, cosmjsSimulate: 51822 },
  },
  {
    title: "a tx with two MsgSends",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000"), send(a.alice, a.bob, "1000")],
    gasLimit: 200000,
    txBytes: 462,
    simulatedAt: "2026-12-07T00:24:46.085894685Z",
    deliveredAt: "2026-12-07T00:24:46.594186729Z",
    go: { deliver: 90181, simulate: 90181, cosmjsSimulate: 74098 },
  },
  {
    title: "a tx with three MsgSends",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000"), send(a.alice, a.bob, "1000"), send(a.alice, a.bob, "1000")],
    gasLimit: 200000,
    txBytes: 606,
    simulatedAt: "2026-12-07T00:24:47.61532967Z",
    deliveredAt: "2026-12-07T00:24:48.649766505Z",
    go: { deliver: 112457, simulate: 112457, cosmjsSimulate: 96374 },
  },
  {
    title: "a MsgSend to an address without an account (the account is created)",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.carol, "1000")],
    gasLimit: 200000,
    txBytes: 318,
    simulatedAt: "2026-12-07T00:24:50.189012534Z",
    deliveredAt: "2026-12-07T00:24:50.699777477Z",
    go: { deliver: 81366, simulate: 81366, cosmjsSimulate: 65283 },
  },
  {
    title: "a MsgCreateValidator, the operator's first tx",
    signer: "bob",
    msgs: (a) => [createValidator("bobval", a.bobValoper, new Uint8Array(32).fill(7), "1000000000")],
    gasLimit: 400000,
    txBytes: 440,
    simulatedAt: "2026-12-07T00:24:52.23502922Z",
    deliveredAt: "2026-12-07T00:24:52.749294013Z",
    go: { deliver: 181627, simulate: 181555, cosmjsSimulate: 165439 },
    // distribution AfterValidatorCreated 12,735 + BeforeDelegationCreated 19,560 +
    // AfterDelegationModified 12,803 when delivered; 9 less in both simulations (their reward
    // records are shorter). x/slashing's AfterValidatorCreated (the validator read back, its
    // consensus key written: 6,405 delivered, 6,402 simulated, where the validator's commission
    // update time is a byte shorter) is plumed's too now, so it stays in the figures.
    hooks: { deliver: 45098, simulate: 45089, cosmjsSimulate: 45089 },
    // The cap checks a new validator's self-delegation too: the cap params (1,063) and the one
    // bonded validator's last power (iterator creation 30 + 78, the step past it 30 + 78).
    cap: 1279,
  },
  {
    title: "a first MsgDelegate",
    signer: "alice",
    msgs: (a) => [delegate(a, "1000000")],
    gasLimit: 400000,
    txBytes: 335,
    simulatedAt: "2026-12-07T00:24:54.308896315Z",
    deliveredAt: "2026-12-07T00:24:54.824073366Z",
    go: { deliver: 126641, simulate: 126641, cosmjsSimulate: 110558 },
    // distribution BeforeDelegationCreated 14,617 + AfterDelegationModified 13,541.
    hooks: sameHooks(28158),
    cap: 1384,
  },
  {
    title: "a MsgDelegate to a validator the delegator already delegates to",
    signer: "alice",
    msgs: (a) => [delegate(a, "1000000")],
    gasLimit: 400000,
    txBytes: 335,
    simulatedAt: "2026-12-07T00:24:56.376040908Z",
    deliveredAt: "2026-12-07T00:24:56.890794867Z",
    go: { deliver: 165018, simulate: 165018, cosmjsSimulate: 148935 },
    // distribution BeforeDelegationSharesModified 52,610 (withdraws the rewards) + AfterDelegationModified 13,541.
    hooks: sameHooks(66151),
    cap: 1384,
  },
  {
    title: "a MsgUndelegate",
    signer: "alice",
    msgs: (a) => [undelegate(a, "500000")],
    gasLimit: 400000,
    txBytes: 336,
    simulatedAt: "2026-12-07T00:24:58.430435865Z",
    deliveredAt: "2026-12-07T00:24:58.942737565Z",
    go: { deliver: 201022, simulate: 201022, cosmjsSimulate: 184939 },
    // distribution BeforeDelegationSharesModified 52,610 + AfterDelegationModified 13,541.
    hooks: sameHooks(66151),
  },
  {
    title: "a second MsgUndelegate (a second entry in the same unbonding delegation)",
    signer: "alice",
    msgs: (a) => [undelegate(a, "100000")],
    gasLimit: 400000,
    txBytes: 336,
    simulatedAt: "2026-12-07T00:25:00.491740958Z",
    deliveredAt: "2026-12-07T00:25:01.006968764Z",
    // Delivered 30 below the simulation: the completion time of the block has a 4-byte nanosecond
    // varint where the simulated one (block time of the state simulated on) has 5.
    go: { deliver: 202936, simulate: 202966, cosmjsSimulate: 186883 },
    hooks: sameHooks(66151),
  },
  {
    title: "a MsgBeginRedelegate",
    signer: "alice",
    msgs: (a) => [redelegate(a, "300000")],
    gasLimit: 400000,
    txBytes: 396,
    simulatedAt: "2026-12-07T00:25:02.548963228Z",
    deliveredAt: "2026-12-07T00:25:03.071733993Z",
    go: { deliver: 249462, simulate: 249492, cosmjsSimulate: 233409 },
    // distribution BeforeDelegationSharesModified 52,610 (source) + BeforeDelegationCreated 14,566
    // (destination) + AfterDelegationModified 13,541 + 13,463 (source, destination).
    hooks: sameHooks(94180),
    cap: 1384,
  },
  {
    title: "a second MsgBeginRedelegate between the same validators",
    signer: "alice",
    msgs: (a) => [redelegate(a, "100000")],
    gasLimit: 400000,
    txBytes: 396,
    simulatedAt: "2026-12-07T00:25:04.623435246Z",
    deliveredAt: "2026-12-07T00:25:05.14433046Z",
    go: { deliver: 274168, simulate: 274198, cosmjsSimulate: 258115 },
    // distribution BeforeDelegationSharesModified 87,558 (both validators' rewards) + AfterDelegationModified 27,037.
    hooks: sameHooks(114595),
    cap: 1384,
  },
  {
    title: "a MsgSend after staking (the sender's balance is shorter)",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000")],
    gasLimit: 200000,
    txBytes: 318,
    simulatedAt: "2026-12-07T00:25:06.713725302Z",
    deliveredAt: "2026-12-07T00:25:07.23601709Z",
    go: { deliver: 67872, simulate: 67872, cosmjsSimulate: 51789 },
  },
  {
    title: "a MsgSend with a memo (the memo check reads the auth params)",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "1000")],
    memo: "gas parity memo",
    gasLimit: 200000,
    txBytes: 335,
    simulatedAt: "2026-12-07T00:25:08.28799633Z",
    deliveredAt: "2026-12-07T00:25:09.42913085Z",
    go: { deliver: 69084, simulate: 69084 },
  },
  {
    title: "a MsgMultiSend to two recipients",
    signer: "alice",
    msgs: (a) => [
      any(
        "/cosmos.bank.v1beta1.MsgMultiSend",
        MsgMultiSend.encode({
          inputs: [{ address: a.alice, coins: [coin("3000")] }],
          outputs: [
            { address: a.bob, coins: [coin("1000")] },
            { address: a.carol, coins: [coin("2000")] },
          ],
        }).finish(),
      ),
    ],
    gasLimit: 200000,
    txBytes: 407,
    simulatedAt: "2026-12-07T00:25:10.985596921Z",
    deliveredAt: "2026-12-07T00:25:11.500764675Z",
    go: { deliver: 76625, simulate: 76625, cosmjsSimulate: 60542 },
  },
  {
    title: "a MsgEditValidator",
    signer: "bob",
    msgs: (a) => [
      any(
        "/cosmos.staking.v1beta1.MsgEditValidator",
        MsgEditValidator.encode(
          MsgEditValidator.fromPartial({
            description: { moniker: "bobval2", identity: "[do-not-modify]", website: "[do-not-modify]", securityContact: "[do-not-modify]", details: "[do-not-modify]" },
            validatorAddress: a.bobValoper,
          }),
        ).finish(),
      ),
    ],
    gasLimit: 300000,
    txBytes: 355,
    simulatedAt: "2026-12-07T00:25:13.069148043Z",
    deliveredAt: "2026-12-07T00:25:13.583244853Z",
    go: { deliver: 61742, simulate: 61742, cosmjsSimulate: 45659 },
  },
  {
    title: "a MsgSend of more than the balance (fails with sdk/5 after the ante handler's charges)",
    signer: "alice",
    msgs: (a) => [send(a.alice, a.bob, "99999999999999")],
    gasLimit: 200000,
    txBytes: 328,
    simulatedAt: "2026-12-07T00:25:15.130895644Z",
    deliveredAt: "2026-12-07T00:25:15.644682473Z",
    go: { deliver: 53835 },
    code: 5,
  },
];

const wallets = new Map<string, DirectSecp256k1HdWallet>();
async function wallet(name: string): Promise<DirectSecp256k1HdWallet> {
  let w = wallets.get(name);
  if (!w) {
    w = await DirectSecp256k1HdWallet.fromMnemonic(testMnemonic(name), { prefix: SETTINGS.bech32Prefix });
    wallets.set(name, w);
  }
  return w;
}

async function addressOf(name: string): Promise<string> {
  const [account] = await (await wallet(name)).getAccounts();
  if (!account) throw new Error(`no account for ${name}`);
  return account.address;
}

/** A SIGN_MODE_DIRECT tx and the cosmjs-style simulation tx of the same messages. */
async function signTx(
  name: string,
  o: { accountNumber: number; sequence: bigint; msgs: Any[]; gasLimit: number; memo?: string; fee?: string },
): Promise<{ tx: Uint8Array; cosmjsSim: Uint8Array }> {
  const w = await wallet(name);
  const [account] = await w.getAccounts();
  if (!account) throw new Error(`no account for ${name}`);
  const pubkey = encodePubkey(encodeSecp256k1Pubkey(account.pubkey));
  const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: o.msgs, memo: o.memo ?? "" })).finish();
  const fee = o.fee === undefined ? [] : [coin(o.fee)];
  const authInfoBytes = makeAuthInfoBytes([{ pubkey, sequence: o.sequence }], fee, o.gasLimit, undefined, undefined);
  const { signature, signed } = await w.signDirect(account.address, makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, o.accountNumber));
  const tx = TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
  const cosmjsSim = Tx.encode(
    Tx.fromPartial({
      authInfo: AuthInfo.fromPartial({
        fee: Fee.fromPartial({}),
        signerInfos: [{ publicKey: pubkey, sequence: o.sequence, modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } } }],
      }),
      body: TxBody.fromPartial({ messages: o.msgs, memo: o.memo ?? "" }),
      signatures: [new Uint8Array()],
    }),
  ).finish();
  return { tx, cosmjsSim };
}

/** The Go chain's genesis: val, alice and bob funded (account numbers 0, 1, 2), val's gentx. */
async function genesisAppState(a: Addresses & { val: string }): Promise<Record<string, JsonValue>> {
  const state = defaultAppState(SETTINGS) as Record<string, Record<string, JsonValue>>;
  const holders = [a.val, a.alice, a.bob];
  state["auth"] = {
    ...state["auth"],
    accounts: holders.map((address, i) => ({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address, pub_key: null, account_number: String(i), sequence: "0" })),
  };
  const byAddressBytes = [...holders].sort((x, y) => Buffer.compare(Buffer.from(fromBech32(x).data), Buffer.from(fromBech32(y).data)));
  state["bank"] = {
    ...state["bank"],
    balances: byAddressBytes.map((address) => ({ address, coins: [coin("1000000000000")] })),
    supply: [coin("3000000000000")],
  };
  const { tx } = await signTx("val", { accountNumber: 0, sequence: 0n, msgs: [createValidator("gonode", a.valoper, CONSENSUS_KEY, "100000000000")], gasLimit: 200000 });
  const raw = TxRaw.decode(tx);
  const gentx = Tx.fromPartial({ body: TxBody.decode(raw.bodyBytes), authInfo: AuthInfo.decode(raw.authInfoBytes), signatures: raw.signatures });
  state["genutil"] = { gen_txs: [genTxToJson(gentx)] };
  return state;
}

describe("txs use the same gas as on a Go SDK v0.50.15 simapp node", () => {
  let chain: GasParityChain;
  let addresses: Addresses;
  let height = 1n;
  const sequences = new Map<Signer, bigint>([
    ["alice", 0n],
    ["bob", 0n],
  ]);
  const accountNumbers: Record<Signer, number> = { alice: 1, bob: 2 };

  /**
   * CometBFT's validator set at each height (hex consensus address -> power): InitChain's at 1 and
   * 2, then each EndBlock's updates from H + 2. Block H's last commit holds the set of H - 1, in
   * CometBFT's order (power descending, then address): distribution shares the fees out over it
   * as the Go node did, so the reward records (and the gas of reading them) are the Go node's.
   */
  const sets = new Map<bigint, Map<string, bigint>>();
  const consAddrHex = (u: ValidatorUpdate): string => createHash("sha256").update(u.pubKey?.ed25519 ?? new Uint8Array()).digest().subarray(0, 20).toString("hex");

  let lastTime = 0n;
  /**
   * The Go node made a block every ~512.5 ms (its block times above are multiples of that apart):
   * the empty blocks between two noted ones are made here too, at evenly spaced times, so that as
   * many mints and allocations happen as on the Go node and reward amounts have its digits.
   */
  function advanceTo(time: string, txs: Uint8Array[] = []) {
    const target = timestampToNanos(rfc3339ToTimestamp(time));
    const steps = lastTime === 0n ? 1n : lastTime === GENESIS_NS ? LEADING_BLOCKS : (target - lastTime + GO_BLOCK_INTERVAL_NS / 2n) / GO_BLOCK_INTERVAL_NS;
    for (let i = 1n; i < steps; i++) block(nanosToTimestamp(lastTime + ((target - lastTime) * i) / steps));
    lastTime = target;
    return block(rfc3339ToTimestamp(time), txs);
  }

  function block(time: Timestamp, txs: Uint8Array[] = []) {
    const signers = [...(sets.get(height - 1n) ?? new Map<string, bigint>())].sort(([a, p], [b, q]) => (p === q ? (a < b ? -1 : 1) : p > q ? -1 : 1));
    const votes = signers.map(([hex, power]) => ({ validator: { address: Buffer.from(hex, "hex"), power }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT }));
    const res = chain.app.finalizeBlock(RequestFinalizeBlock.fromPartial({ height, time, txs, decidedLastCommit: { round: 0, votes } }));
    chain.app.commit({});
    const next = new Map(sets.get(height + 1n));
    for (const u of res.validatorUpdates) {
      if (u.power === 0n) next.delete(consAddrHex(u));
      else next.set(consAddrHex(u), u.power);
    }
    sets.set(height + 2n, next);
    height++;
    return res;
  }

  beforeAll(async () => {
    const val = await addressOf("val");
    const bob = await addressOf("bob");
    const valoper = toBech32("cosmosvaloper", fromBech32(val).data);
    addresses = {
      alice: await addressOf("alice"),
      bob,
      carol: await addressOf("carol"),
      valoper,
      bobValoper: toBech32("cosmosvaloper", fromBech32(bob).data),
    };
    chain = await startGasParityChain({
      chainId: CHAIN_ID,
      settings: SETTINGS,
      appState: await genesisAppState({ ...addresses, val }),
      genesisTime: rfc3339ToTimestamp(GENESIS_TIME),
    });
    const genesisSet = new Map(chain.genesisValidators.map((u) => [consAddrHex(u), u.power] as const));
    sets.set(1n, genesisSet);
    sets.set(2n, genesisSet);
    advanceTo(GENESIS_TIME);
  });

  afterAll(async () => {
    await chain?.close();
  });

  for (const c of CASES) {
    it(c.title, async () => {
      const sequence = sequences.get(c.signer) ?? 0n;
      const signed = await signTx(c.signer, {
        accountNumber: accountNumbers[c.signer],
        sequence,
        msgs: c.msgs(addresses),
        gasLimit: c.gasLimit,
        fee: FEE,
        ...(c.memo !== undefined ? { memo: c.memo } : {}),
      });
      sequences.set(c.signer, sequence + 1n);
      expect(signed.tx.length).toBe(c.txBytes);
      const expected = (kind: keyof Figures): number | undefined => {
        const go = c.go[kind];
        return go === undefined ? undefined : go + (c.cap ?? 0);
      };

      advanceTo(c.simulatedAt);
      const simulated = {
        simulate: c.go.simulate === undefined ? undefined : Number(chain.app.simulate(signed.tx).gasInfo?.gasUsed),
        cosmjsSimulate: c.go.cosmjsSimulate === undefined ? undefined : Number(chain.app.simulate(signed.cosmjsSim).gasInfo?.gasUsed),
      };
      const result = advanceTo(c.deliveredAt, [signed.tx]).txResults[0];
      expect({ code: result?.code, ...simulated, deliver: Number(result?.gasUsed) }).toEqual({
        code: c.code ?? 0,
        simulate: expected("simulate"),
        cosmjsSimulate: expected("cosmjsSimulate"),
        deliver: expected("deliver"),
      });
    });
  }
});
