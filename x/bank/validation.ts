/**
 * x/bank's stateless checks, with the SDK v0.50 texts and in the SDK's order. Pure functions: they
 * read no state, so the msg server runs them before anything else.
 */
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type { Input, Output } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { ErrInvalidAddress, ErrInvalidCoins } from "../../app/errors";
import { Coins, Int, isValidDenom } from "../../app/math";
import { accAddressFromBech32, errorText, stringToBytes } from "./address-codec";
import { ErrInputOutputMismatch, wrapExact } from "./errors";
import type { CoinsAtAddress } from "./keeper";

/**
 * What the SDK's tx decoder rejects in coins: an amount math.Int cannot unmarshal (not Go big.Int
 * syntax, or more than 256 bits) is ErrTxDecode (sdk/2) before the tx runs at all. An empty amount
 * decodes (to a nil Int that panics on first use), so it is left to the handler.
 */
export function assertCoinsDecodable(coins: readonly ProtoCoin[]): void {
  for (const c of coins) if (c.amount !== "") Int.fromProto(c.amount);
}

/** ValidateDenom's plain error text, or undefined for a valid denom. */
export function denomProblem(denom: string): string | undefined {
  return isValidDenom(denom) ? undefined : `invalid denom: ${denom}`;
}

/** Coins valid (sorted, no duplicates, valid denoms) and all positive, else ErrInvalidCoins "<coins>: invalid coins". */
export function positiveCoins(proto: readonly ProtoCoin[]): Coins {
  const coins = Coins.fromProto(proto);
  if (!coins.isValid() || !coins.isAllPositive()) throw wrapExact(ErrInvalidCoins, coins.toString());
  return coins;
}

/** The msg server's MsgSend checks: from and to addresses (codec texts), then the amount. */
export function checkMsgSend(prefix: string, msg: MsgSend): { from: Uint8Array; to: Uint8Array; amount: Coins } {
  const from = decodeOrWrap(prefix, msg.fromAddress, "invalid from address");
  const to = decodeOrWrap(prefix, msg.toAddress, "invalid to address");
  return { from, to, amount: positiveCoins(msg.amount) };
}

/** Input.ValidateBasic / Output.ValidateBasic (sdk.AccAddressFromBech32 texts). */
function checkSide(prefix: string, side: Input | Output, what: "input" | "output"): CoinsAtAddress {
  try {
    accAddressFromBech32(prefix, side.address);
  } catch (err) {
    throw ErrInvalidAddress.wrap(`invalid ${what} address: ${errorText(err)}`);
  }
  return { address: side.address, coins: positiveCoins(side.coins) };
}

/** ValidateInputOutputs: each side valid, and the input equals the sum of the outputs. */
export function validateInputOutputs(prefix: string, input: Input, outputs: readonly Output[]): { input: CoinsAtAddress; outputs: CoinsAtAddress[] } {
  const checkedInput = checkSide(prefix, input, "input");
  let totalOut = Coins.empty();
  const checkedOutputs = outputs.map((o) => {
    const out = checkSide(prefix, o, "output");
    totalOut = totalOut.add(out.coins);
    return out;
  });
  if (!checkedInput.coins.equal(totalOut)) throw ErrInputOutputMismatch.wrap();
  return { input: checkedInput, outputs: checkedOutputs };
}

function decodeOrWrap(prefix: string, address: string, context: string): Uint8Array {
  try {
    return stringToBytes(prefix, address);
  } catch (err) {
    throw ErrInvalidAddress.wrap(`${context}: ${errorText(err)}`);
  }
}

/** Go's %q for the strings that appear in bank's error texts (denoms). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c === 0x07) out += "\\a";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0b) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
