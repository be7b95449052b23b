/**
 * x/slashing's events, with the SDK v0.50 types, attribute keys and attribute order
 * (x/slashing/types/events.go, keeper/infractions.go, keeper/keeper.go).
 */
import { event, type AppEvent } from "../../app/events";

export const EventType = { Slash: "slash", Liveness: "liveness" } as const;

/** Why a validator was slashed (the `reason` attribute). */
export type SlashReason = "missing_signature" | "double_sign" | "unspecified";

/** A validator that missed the block: emitted for every ABSENT vote, with its counter after it. */
export const livenessEvent = (consAddr: string, missedBlocks: bigint, height: bigint): AppEvent =>
  event(EventType.Liveness, [
    { key: "address", value: consAddr },
    { key: "missed_blocks", value: missedBlocks.toString() },
    { key: "height", value: height.toString() },
  ]);

/** Downtime: one event for the slash and the jailing (HandleValidatorSignature). */
export const downtimeSlashEvent = (consAddr: string, power: bigint, burned: string): AppEvent =>
  event(EventType.Slash, [
    { key: "address", value: consAddr },
    { key: "power", value: power.toString() },
    { key: "reason", value: "missing_signature" },
    { key: "jailed", value: consAddr },
    { key: "burned_coins", value: burned },
  ]);

/** Keeper.SlashWithInfractionReason (double sign): the slash alone; jailing has its own event. */
export const slashEvent = (consAddr: string, power: bigint, reason: SlashReason, burned: string): AppEvent =>
  event(EventType.Slash, [
    { key: "address", value: consAddr },
    { key: "power", value: power.toString() },
    { key: "reason", value: reason },
    { key: "burned_coins", value: burned },
  ]);

/** Keeper.Jail: a `slash` event with only the `jailed` attribute. */
export const jailEvent = (consAddr: string): AppEvent => event(EventType.Slash, [{ key: "jailed", value: consAddr }]);
