import { event, type AppEvent } from "../../app/events";
import type { Coins } from "../../app/math";

/**
 * x/bank's events, attribute for attribute and in the order SDK v0.50 emits them
 * (x/bank/types/events.go, keeper/send.go). Amounts are Coins.String() ("10stake,5uatom", "" for
 * none); addresses are bech32.
 */
export const EventTypes = {
  transfer: "transfer",
  message: "message",
  coinSpent: "coin_spent",
  coinReceived: "coin_received",
  /** "coinbase", not "mint": "mint" would clash with x/mint's event. */
  coinMint: "coinbase",
  coinBurn: "burn",
} as const;

export const coinSpentEvent = (spender: string, amount: Coins): AppEvent => event(EventTypes.coinSpent, [
  { key: "spender", value: spender },
  { key: "amount", value: amount.toString() },
]);

export const coinReceivedEvent = (receiver: string, amount: Coins): AppEvent => event(EventTypes.coinReceived, [
  { key: "receiver", value: receiver },
  { key: "amount", value: amount.toString() },
]);

export const transferEvent = (recipient: string, sender: string, amount: Coins): AppEvent => event(EventTypes.transfer, [
  { key: "recipient", value: recipient },
  { key: "sender", value: sender },
  { key: "amount", value: amount.toString() },
]);

/** The message{sender} event SendCoins and InputOutputCoins emit (indexed for tx_search). */
export const messageSenderEvent = (sender: string): AppEvent => event(EventTypes.message, [{ key: "sender", value: sender }]);

export const coinMintEvent = (minter: string, amount: Coins): AppEvent => event(EventTypes.coinMint, [
  { key: "minter", value: minter },
  { key: "amount", value: amount.toString() },
]);

export const coinBurnEvent = (burner: string, amount: Coins): AppEvent => event(EventTypes.coinBurn, [
  { key: "burner", value: burner },
  { key: "amount", value: amount.toString() },
]);
