import {
  ExecTxResult,
  ResponseApplySnapshotChunk_Result,
  ResponseOfferSnapshot_Result,
  ResponseProcessProposal_ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus,
} from "cosmjs-types/tendermint/abci/types";
import type { AbciApplication } from "./application";

/**
 * An application that accepts everything and keeps no state but its height: for socket tests and
 * for measuring the server's own overhead. Each answer is a complete, encodable response (every
 * repeated field an array, every bytes field a Uint8Array), as a real application must return.
 * `overrides` replace individual methods.
 */
export function createNoopApplication(overrides: Partial<AbciApplication> = {}): AbciApplication {
  let lastHeight = 0n;
  const empty = new Uint8Array(0);
  const base: AbciApplication = {
    info: () => ({ data: "noop", version: "0.0.0", appVersion: 0n, lastBlockHeight: lastHeight, lastBlockAppHash: empty }),
    initChain: () => ({ validators: [], appHash: empty }),
    query: (req) => ({
      code: 0,
      log: "",
      info: "",
      index: 0n,
      key: req.data,
      value: empty,
      height: lastHeight,
      codespace: "",
    }),
    checkTx: () => ({ code: 0, data: empty, log: "", info: "", gasWanted: 0n, gasUsed: 0n, events: [], codespace: "" }),
    prepareProposal: (req) => ({ txs: req.txs }),
    processProposal: () => ({ status: ResponseProcessProposal_ProposalStatus.ACCEPT }),
    finalizeBlock: (req) => {
      lastHeight = req.height;
      return {
        events: [],
        txResults: req.txs.map(() => ExecTxResult.fromPartial({})),
        validatorUpdates: [],
        appHash: empty,
      };
    },
    extendVote: () => ({ voteExtension: empty }),
    verifyVoteExtension: () => ({ status: ResponseVerifyVoteExtension_VerifyStatus.ACCEPT }),
    commit: () => ({ retainHeight: 0n }),
    listSnapshots: () => ({ snapshots: [] }),
    offerSnapshot: () => ({ result: ResponseOfferSnapshot_Result.REJECT }),
    loadSnapshotChunk: () => ({ chunk: empty }),
    applySnapshotChunk: () => ({
      result: ResponseApplySnapshotChunk_Result.ABORT,
      refetchChunks: [],
      rejectSenders: [],
    }),
  };
  return { ...base, ...overrides };
}
