/**
 * x/bank's Msg service (SDK v0.50 x/bank/keeper/msg_server.go): decode and check -> keeper call ->
 * typed response. Events come from the keeper.
 *
 * Where the checks run: in SDK v0.50 the bank msgs have NO ValidateBasic; every check (addresses,
 * coins valid and positive, input/output counts) runs in the msg server, i.e. in FinalizeBlock, so a
 * MsgSend of 0stake passes CheckTx and fails in the block with code 10 (fee and sequence kept).
 * We do the same. `validateBasic` only rejects what the SDK's tx decoder rejects: coin amounts that
 * math.Int cannot unmarshal (bad syntax, over 256 bits) -> ErrTxDecode, before the ante handler.
 * All checks still run before any state is read or written.
 */
import {
  MsgMultiSend,
  MsgMultiSendResponse,
  MsgSend,
  MsgSendResponse,
  MsgSetSendEnabled,
  MsgSetSendEnabledResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { ErrInvalidRequest, ErrUnauthorized } from "../../app/errors";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import type { ProtoCodec } from "../../app/codec";
import { stringToBytes } from "./address-codec";
import { msgMultiSendAmino, msgSendAmino, msgSetSendEnabledAmino, msgUpdateParamsAmino } from "./amino";
import { ErrInvalidSigner, ErrMultipleSenders, ErrNoInputs, ErrNoOutputs } from "./errors";
import type { BankKeeper } from "./keeper";
import { validateBankParams } from "./params";
import { assertCoinsDecodable, checkMsgSend, denomProblem, goQuote, validateInputOutputs } from "./validation";

function response<R>(codec: ProtoCodec<R> & { readonly typeUrl: string }, value: R): MsgResponse {
  return { typeUrl: codec.typeUrl, value: codec.encode(value).finish() };
}

/** The authority check of every governance-gated msg. */
function assertAuthority(keeper: BankKeeper, authority: string): void {
  if (keeper.authority !== authority) {
    throw ErrInvalidSigner.wrap(`invalid authority; expected ${keeper.authority}, got ${authority}`);
  }
}

export function msgSendHandler(keeper: BankKeeper): MsgHandlerDef<MsgSend> {
  return {
    typeUrl: MsgSend.typeUrl,
    codec: MsgSend,
    signers: (msg) => [msg.fromAddress],
    validateBasic: (msg) => assertCoinsDecodable(msg.amount),
    amino: msgSendAmino,
    handle(ctx, msg) {
      const { from, to, amount } = checkMsgSend(keeper.addresses.account, msg);
      keeper.assertSendEnabled(ctx, amount);
      if (keeper.isBlockedAddress(to)) throw ErrUnauthorized.wrap(`${msg.toAddress} is not allowed to receive funds`);
      keeper.sendCoins(ctx, from, to, amount);
      return response(MsgSendResponse, {});
    },
  };
}

export function msgMultiSendHandler(keeper: BankKeeper): MsgHandlerDef<MsgMultiSend> {
  return {
    typeUrl: MsgMultiSend.typeUrl,
    codec: MsgMultiSend,
    // cosmos.msg.v1.signer = "inputs", whose signer field is "address".
    signers: (msg) => msg.inputs.map((i) => i.address),
    validateBasic: (msg) => {
      for (const side of [...msg.inputs, ...msg.outputs]) assertCoinsDecodable(side.coins);
    },
    amino: msgMultiSendAmino,
    handle(ctx, msg) {
      const [first] = msg.inputs;
      if (first === undefined) throw ErrNoInputs.wrap();
      if (msg.inputs.length !== 1) throw ErrMultipleSenders.wrap();
      if (msg.outputs.length === 0) throw ErrNoOutputs.wrap();
      const { input, outputs } = validateInputOutputs(keeper.addresses.account, first, msg.outputs);
      keeper.assertSendEnabled(ctx, input.coins);
      for (const out of outputs) {
        if (keeper.isBlockedAddress(stringToBytes(keeper.addresses.account, out.address))) {
          throw ErrUnauthorized.wrap(`${out.address} is not allowed to receive funds`);
        }
      }
      keeper.inputOutputCoins(ctx, input, outputs);
      return response(MsgMultiSendResponse, {});
    },
  };
}

export function msgUpdateParamsHandler(keeper: BankKeeper): MsgHandlerDef<MsgUpdateParams> {
  return {
    typeUrl: MsgUpdateParams.typeUrl,
    codec: MsgUpdateParams,
    signers: (msg) => [msg.authority],
    amino: msgUpdateParamsAmino,
    handle(ctx, msg) {
      assertAuthority(keeper, msg.authority);
      validateBankParams(msg.params);
      keeper.setParams(ctx, msg.params);
      return response(MsgUpdateParamsResponse, {});
    },
  };
}

export function msgSetSendEnabledHandler(keeper: BankKeeper): MsgHandlerDef<MsgSetSendEnabled> {
  return {
    typeUrl: MsgSetSendEnabled.typeUrl,
    codec: MsgSetSendEnabled,
    signers: (msg) => [msg.authority],
    amino: msgSetSendEnabledAmino,
    handle(ctx, msg) {
      assertAuthority(keeper, msg.authority);
      const seen = new Set<string>();
      for (const entry of msg.sendEnabled) {
        if (seen.has(entry.denom)) throw ErrInvalidRequest.wrap(`duplicate denom entries found for ${goQuote(entry.denom)}`);
        seen.add(entry.denom);
        const problem = denomProblem(entry.denom);
        if (problem !== undefined) throw ErrInvalidRequest.wrap(`invalid SendEnabled denom ${goQuote(entry.denom)}: ${problem}`);
      }
      for (const denom of msg.useDefaultFor) {
        const problem = denomProblem(denom);
        if (problem !== undefined) throw ErrInvalidRequest.wrap(`invalid UseDefaultFor denom ${goQuote(denom)}: ${problem}`);
      }
      if (msg.sendEnabled.length > 0) keeper.setAllSendEnabled(ctx, msg.sendEnabled);
      if (msg.useDefaultFor.length > 0) keeper.deleteSendEnabled(ctx, msg.useDefaultFor);
      return response(MsgSetSendEnabledResponse, {});
    },
  };
}

/** Registers the four Msg methods. */
export function registerBankMsgServer(registrar: ServiceRegistrar, keeper: BankKeeper): void {
  registrar.registerMsg(msgSendHandler(keeper));
  registrar.registerMsg(msgMultiSendHandler(keeper));
  registrar.registerMsg(msgUpdateParamsHandler(keeper));
  registrar.registerMsg(msgSetSendEnabledHandler(keeper));
}
