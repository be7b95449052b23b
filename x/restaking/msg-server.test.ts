import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import { MsgSetAutoCompoundResponse } from "../../proto/plume/restaking/v1/tx";
import { delegator, operator } from "../staking/harness.fixture";
import { GOV_AUTHORITY, RestakingHarness } from "./harness.fixture";
import { restakingMsgHandlers } from "./msg-server";

const STAKE = 1_000_000_000n;

describe("restaking's Msg service", () => {
  const h = new RestakingHarness({ compoundInterval: 10n });
  h.staking.createValidator(0, 10n * STAKE);
  h.staking.fund(delegator(1), STAKE);
  expect(h.staking.delegate(1, 0, STAKE).error).toBeUndefined();
  const handlers = restakingMsgHandlers(h.keeper);
  const a = h.keeper.addresses;
  const msg = { delegatorAddress: a.encodeAccount(delegator(1)), validatorAddress: a.encodeValidator(operator(0)), enabled: true };

  it("MsgSetAutoCompound: signed by the delegator; answers the units; emits restaking_join", () => {
    expect(handlers.setAutoCompound.signers(msg)).toEqual([msg.delegatorAddress]);
    const r = h.staking.deliver(handlers.setAutoCompound, msg);
    expect(r.error).toBeUndefined();
    expect(MsgSetAutoCompoundResponse.decode(r.result?.value ?? new Uint8Array()).units).toBe(Dec.fromInt(STAKE).toProto());
    expect(r.events.map((e) => e.type)).toContain("restaking_join");
    const off = h.staking.deliver(handlers.setAutoCompound, { ...msg, enabled: false });
    expect(off.error).toBeUndefined();
    expect(off.events.map((e) => e.type)).toContain("restaking_leave");
  });

  it("refuses bad addresses with the SDK's invalid-address code", () => {
    const r = h.staking.deliver(handlers.setAutoCompound, { ...msg, validatorAddress: "" });
    expect(r.error).toBeInstanceOf(AppError);
    expect([(r.error as AppError).codespace, (r.error as AppError).code]).toEqual(["sdk", 7]);
    expect((r.error as AppError).message).toContain("invalid validator address: empty address string is not allowed");
  });

  it("MsgUpdateParams: signed by the authority", () => {
    const update = { authority: GOV_AUTHORITY, params: { compoundInterval: 5n } };
    expect(handlers.updateParams.signers(update)).toEqual([GOV_AUTHORITY]);
    expect(h.staking.deliver(handlers.updateParams, update).error).toBeUndefined();
    expect(h.keeper.getParams(h.ctx()).compoundInterval).toBe(5n);
  });
});
