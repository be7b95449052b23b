import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { AuthorityMsgExecutor } from "./authority-msgs";
import { blockHeader } from "./block-info";
import { Context } from "./context";
import { AppError, ErrInvalidRequest } from "./errors";
import { event } from "./events";
import { silentLogger } from "./logger";
import type { MsgHandlerDef } from "./module";
import { MsgRouter } from "./msg-router";
import { memoryMultiStore } from "./store/memory-multi-store";

const GOV = "plume10d07y265gmmuvt4z0w9aw880jnsr700jn6e2e0";

/** A MsgSend-shaped handler that writes the amount under the recipient and fails on amount "bad". */
const send: MsgHandlerDef<MsgSend> = {
  typeUrl: MsgSend.typeUrl,
  codec: MsgSend,
  signers: (m) => [m.fromAddress],
  validateBasic: (m) => {
    if (m.toAddress === "") throw ErrInvalidRequest.wrap("empty recipient");
  },
  handle(ctx, m) {
    const amount = m.amount[0]?.amount ?? "";
    if (amount === "bad") throw ErrInvalidRequest.wrap("bad amount");
    ctx.multiStore.getStore("s").set(new TextEncoder().encode(m.toAddress), new TextEncoder().encode(amount));
    ctx.events.emit(event("sent", { to: m.toAddress }));
    return { typeUrl: "/resp", value: Uint8Array.of(1) };
  },
};

function setup(): { executor: AuthorityMsgExecutor; ctx: Context; read(key: string): string | undefined } {
  const router = new MsgRouter();
  router.register(send);
  const ctx = new Context(memoryMultiStore(["s"]), blockHeader({ chainId: "c", height: 3n }), "finalize", silentLogger);
  const read = (key: string): string | undefined => {
    const v = ctx.multiStore.getStore("s").get(new TextEncoder().encode(key));
    return v === undefined ? undefined : new TextDecoder().decode(v);
  };
  return { executor: new AuthorityMsgExecutor(router), ctx, read };
}

const any = (to: string, amount: string, from = GOV) => ({
  typeUrl: MsgSend.typeUrl,
  value: MsgSend.encode({ fromAddress: from, toAddress: to, amount: [{ denom: "u", amount }] }).finish(),
});

describe("messages executed by an authority", () => {
  it("run through the router and keep their writes and events", () => {
    const { executor, ctx, read } = setup();
    const out = executor.execute(ctx, [any("a", "1"), any("b", "2")], GOV);
    expect(read("a")).toBe("1");
    expect(read("b")).toBe("2");
    expect(out.responses).toHaveLength(2);
    expect(out.events.map((e) => e.attributes[0]?.value)).toEqual(["a", "b"]);
  });

  it("are all-or-nothing: a failing message leaves no write of any message", () => {
    const { executor, ctx, read } = setup();
    expect(() => executor.execute(ctx, [any("a", "1"), any("b", "bad")], GOV)).toThrow("failed to execute message; message index: 1: bad amount: invalid request");
    expect(read("a")).toBeUndefined();
  });

  it("must be signed by the authority alone", () => {
    const { executor, ctx } = setup();
    expect(() => executor.validate([any("a", "1", "plume1someoneelse")], GOV)).toThrow(AppError);
    expect(() => executor.execute(ctx, [any("a", "1", "plume1someoneelse")], GOV)).toThrow(/must be signed by .* alone/);
  });

  it("must be routable, decodable and pass validateBasic", () => {
    const { executor } = setup();
    expect(() => executor.validate([{ typeUrl: "/x.MsgNope", value: new Uint8Array() }], GOV)).toThrow('message 0: no message handler found for "/x.MsgNope"');
    expect(() => executor.validate([{ typeUrl: MsgSend.typeUrl, value: Uint8Array.of(0x0a, 0x05) }], GOV)).toThrow(/message 0 \(\/cosmos.bank.v1beta1.MsgSend\).*tx parse error/);
    expect(() => executor.validate([any("", "1")], GOV)).toThrow("empty recipient: invalid request");
  });
});
