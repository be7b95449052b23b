import type * as abci from "cosmjs-types/tendermint/abci/types";

type MaybePromise<T> = T | Promise<T>;

/**
 * What the ABCI socket server needs from the application: one method per ABCI 2.0 request.
 * Echo and Flush are answered by the server itself. Each method MUST NOT throw for a bad request
 * that the protocol lets it refuse (CheckTx, Query, ProcessProposal answer with codes/status);
 * a throw is reported to CometBFT as an exception, which halts the node, so it is reserved for
 * conditions under which continuing would be unsafe (e.g. a corrupt store).
 */
export interface AbciApplication {
  info(req: abci.RequestInfo): MaybePromise<abci.ResponseInfo>;
  initChain(req: abci.RequestInitChain): MaybePromise<abci.ResponseInitChain>;
  query(req: abci.RequestQuery): MaybePromise<abci.ResponseQuery>;
  checkTx(req: abci.RequestCheckTx): MaybePromise<abci.ResponseCheckTx>;
  prepareProposal(req: abci.RequestPrepareProposal): MaybePromise<abci.ResponsePrepareProposal>;
  processProposal(req: abci.RequestProcessProposal): MaybePromise<abci.ResponseProcessProposal>;
  finalizeBlock(req: abci.RequestFinalizeBlock): MaybePromise<abci.ResponseFinalizeBlock>;
  extendVote(req: abci.RequestExtendVote): MaybePromise<abci.ResponseExtendVote>;
  verifyVoteExtension(req: abci.RequestVerifyVoteExtension): MaybePromise<abci.ResponseVerifyVoteExtension>;
  commit(req: abci.RequestCommit): MaybePromise<abci.ResponseCommit>;
  listSnapshots(req: abci.RequestListSnapshots): MaybePromise<abci.ResponseListSnapshots>;
  offerSnapshot(req: abci.RequestOfferSnapshot): MaybePromise<abci.ResponseOfferSnapshot>;
  loadSnapshotChunk(req: abci.RequestLoadSnapshotChunk): MaybePromise<abci.ResponseLoadSnapshotChunk>;
  applySnapshotChunk(req: abci.RequestApplySnapshotChunk): MaybePromise<abci.ResponseApplySnapshotChunk>;
}
