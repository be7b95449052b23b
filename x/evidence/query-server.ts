/**
 * x/evidence's Query service (cosmos.evidence.v1beta1.Query), as keeper/grpc_query.go of
 * cosmossdk.io/x/evidence v0.1: Evidence by hex hash (the deprecated evidence_hash bytes field is
 * ignored, as there), AllEvidence with collections pagination.
 */
import { QueryAllEvidenceRequest, QueryAllEvidenceResponse, QueryEvidenceRequest, QueryEvidenceResponse } from "cosmjs-types/cosmos/evidence/v1beta1/query";
import { Any } from "cosmjs-types/google/protobuf/any";
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import { PaginationError, paginateCollection } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument, notFound } from "../../app/query-router";
import type { KVStoreReader } from "../../app/store/types";
import { EVIDENCE_STORE, Evidences } from "./state-keys";

/** hex.DecodeString, with Go's error texts. */
function decodeHex(s: string): Uint8Array {
  const bad = /[^0-9a-fA-F]/.exec(s);
  if (bad !== null) throw new QueryError(GrpcStatus.Unknown, `invalid evidence hash: encoding/hex: invalid byte: U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(bad[0]).replace(/^"|"$/g, "'")}`);
  if (s.length % 2 === 1) throw new QueryError(GrpcStatus.Unknown, "invalid evidence hash: encoding/hex: odd length hex string");
  return new Uint8Array(Buffer.from(s, "hex"));
}

export function evidenceQueryHandlers(): AnyQueryHandler[] {
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(EVIDENCE_STORE);
  const path = (method: string): string => `/cosmos.evidence.v1beta1.Query/${method}`;
  return [
    erase<QueryEvidenceRequest, QueryEvidenceResponse>({
      path: path("Evidence"),
      requestCodec: QueryEvidenceRequest,
      responseCodec: QueryEvidenceResponse,
      handle: (ctx, req) => {
        if (req.hash === "") throw invalidArgument("invalid request; hash is empty");
        const evidence = Evidences.get(store(ctx), decodeHex(req.hash));
        if (evidence === undefined) throw notFound(`evidence ${req.hash} not found`);
        return { evidence };
      },
    }),
    erase<QueryAllEvidenceRequest, QueryAllEvidenceResponse>({
      path: path("AllEvidence"),
      requestCodec: QueryAllEvidenceRequest,
      responseCodec: QueryAllEvidenceResponse,
      handle: (ctx, req) => {
        try {
          const page = paginateCollection(store(ctx), Evidences, req.pagination, (_hash, any: Any) => any);
          return { evidence: page.results, pagination: page.pagination };
        } catch (err) {
          if (err instanceof PaginationError) throw new QueryError(GrpcStatus.Unknown, err.message);
          throw err;
        }
      },
    }),
  ];
}

export function registerEvidenceQueryServer(registrar: ServiceRegistrar): void {
  for (const def of evidenceQueryHandlers()) registrar.registerQuery(def);
}
