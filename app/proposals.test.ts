import { AuthInfo, Fee, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { ResponseProcessProposal_ProposalStatus as Status } from "cosmjs-types/tendermint/abci/types";
import { blockHeader } from "./block-info";
import { Context } from "./context";
import { silentLogger } from "./logger";
import { checkProposalTxs, maxProposalTxBytes, protoBytesFieldSize, selectProposalTxs } from "./proposals";
import { memoryMultiStore } from "./store/memory-multi-store";

/** A TxRaw declaring `gas`, padded with a body of `bodySize` bytes (the bytes are what count). */
function tx(gas: bigint, bodySize = 10, tag = 0): Uint8Array {
  const authInfoBytes = AuthInfo.encode(AuthInfo.fromPartial({ fee: Fee.fromPartial({ gasLimit: gas }) })).finish();
  return TxRaw.encode(TxRaw.fromPartial({ bodyBytes: new Uint8Array(bodySize).fill(tag), authInfoBytes, signatures: [] })).finish();
}

function ctx(maxGas: bigint, maxBytes = 22_020_096n): Context {
  return new Context(memoryMultiStore([]), blockHeader({ chainId: "c", height: 2n }), "prepare", silentLogger, {
    consensusParams: { block: { maxBytes, maxGas } },
  });
}

const sizeOf = (t: Uint8Array): bigint => BigInt(protoBytesFieldSize(t.length));

describe("PrepareProposal's tx selection", () => {
  it("keeps every tx when nothing limits", () => {
    const txs = [tx(100n), tx(200n), tx(300n)];
    expect(selectProposalTxs(ctx(-1n), txs, 1_000_000n)).toEqual(txs);
  });

  it("skips a tx whose gas limit does not fit and keeps later ones that do", () => {
    const [a, big, c] = [tx(400n, 10, 1), tx(700n, 10, 2), tx(500n, 10, 3)];
    expect(selectProposalTxs(ctx(1_000n), [a, big, c], 1_000_000n)).toEqual([a, c]);
  });

  it("stops once the block's gas is used up", () => {
    const [a, b, c] = [tx(600n, 10, 1), tx(400n, 10, 2), tx(1n, 10, 3)];
    expect(selectProposalTxs(ctx(1_000n), [a, b, c], 1_000_000n)).toEqual([a, b]);
  });

  it("skips a tx whose bytes do not fit, counting them as CometBFT does", () => {
    const [a, big, c] = [tx(1n, 100, 1), tx(1n, 1_000, 2), tx(1n, 100, 3)];
    const budget = sizeOf(a) + sizeOf(c) + 5n;
    expect(selectProposalTxs(ctx(-1n), [a, big, c], budget)).toEqual([a, c]);
  });

  it("leaves out bytes that are not a TxRaw", () => {
    const good = tx(1n);
    expect(selectProposalTxs(ctx(-1n), [Uint8Array.of(0xff, 0xff, 0xff), good], 1_000n)).toEqual([good]);
  });
});

describe("ProcessProposal's checks", () => {
  it("accepts txs within max gas and the block's size", () => {
    expect(checkProposalTxs(ctx(1_000n), [tx(500n), tx(500n)]).status).toBe(Status.ACCEPT);
  });

  it("rejects txs declaring more than the block's max gas", () => {
    const verdict = checkProposalTxs(ctx(1_000n), [tx(500n), tx(501n)]);
    expect(verdict).toEqual({ status: Status.REJECT, reason: "txs declare more than the block's max gas 1000" });
  });

  it("rejects txs larger than any block may carry", () => {
    const limit = maxProposalTxBytes(2_000n);
    expect(limit).toBe(2_000n - 11n - 626n - 94n - 111n);
    // The largest tx that still fits, and the same tx one byte larger.
    let body = 0;
    while (sizeOf(tx(1n, body + 1)) <= limit) body++;
    expect(sizeOf(tx(1n, body))).toBe(limit);
    expect(checkProposalTxs(ctx(-1n, 2_000n), [tx(1n, body)]).status).toBe(Status.ACCEPT);
    expect(checkProposalTxs(ctx(-1n, 2_000n), [tx(1n, body + 1)]).status).toBe(Status.REJECT);
  });

  it("rejects bytes that are not a TxRaw", () => {
    expect(checkProposalTxs(ctx(-1n), [Uint8Array.of(0xff, 0xff, 0xff)])).toEqual({ status: Status.REJECT, reason: "tx 0 is not a TxRaw" });
  });

  it("takes block.max_bytes = -1 as CometBFT's 100 MB", () => {
    expect(maxProposalTxBytes(-1n)).toBe(104_857_600n - 842n);
  });
});
