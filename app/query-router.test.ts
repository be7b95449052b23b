import { ErrInvalidRequest, ErrKeyNotFound } from "./errors";
import { GrpcStatus, QueryError, queryErrorToAbci } from "./query-router";

describe("query errors as the SDK reports them over ABCI", () => {
  it("maps NotFound to sdk/22 keeping the gRPC text cosmjs matches", () => {
    const e = queryErrorToAbci(new QueryError(GrpcStatus.NotFound, "account plume1x not found"));
    expect([e.codespace, e.code]).toEqual(["sdk", 22]);
    expect(e.message).toMatch(/^rpc error: code = NotFound desc = account plume1x not found/);
  });

  it("maps registered SDK errors to Unknown (6) and plain errors to invalid request (18)", () => {
    const registered = queryErrorToAbci(ErrKeyNotFound.wrap("x"));
    expect(registered.code).toBe(6);
    expect(registered.message).toBe("rpc error: code = Unknown desc = x: key not found: unknown request");
    const plain = queryErrorToAbci(new Error("bad page key"));
    expect([plain.code, plain.message]).toEqual([18, "bad page key: invalid request"]);
    expect(queryErrorToAbci(ErrInvalidRequest.wrap("bad")).code).toBe(6);
    expect(queryErrorToAbci(new QueryError(GrpcStatus.Unimplemented, "nope")).code).toBe(6);
  });
});
