import { ErrInvalidRequest, ErrKeyNotFound } from "./errors";
import { GrpcStatus, QueryError, queryErrorToAbci } from "./query-router";

describe("query errors as the SDK reports them over ABCI", () => {
  it("maps NotFound to sdk/22 keeping the gRPC text cosmjs matches", () => {
    const e = queryErrorToAbci(new QueryError(GrpcStatus.NotFound, "account plume1x not found"));
    expect([e.codespace, e.code]).toEqual(["sdk", 22]);
    expect(e.message).toMatch(/^rpc error: code = NotFound desc = account plume1x not found/);
  });

  it("maps keeper errors by their codes", () => {
    expect(queryErrorToAbci(ErrKeyNotFound.wrap("x")).code).toBe(22);
    expect(queryErrorToAbci(ErrInvalidRequest.wrap("bad")).code).toBe(18);
    expect(queryErrorToAbci(new QueryError(GrpcStatus.Unimplemented, "nope")).code).toBe(6);
  });
});
