/** x/mint's event (x/mint/types/events.go, abci.go), with the SDK's attribute order. */
import { event, type AppEvent } from "../../app/events";
import type { Dec, Int } from "../../app/math";

export const mintEvent = (bondedRatio: Dec, inflation: Dec, annualProvisions: Dec, amount: Int): AppEvent =>
  event("mint", [
    { key: "bonded_ratio", value: bondedRatio.toString() },
    { key: "inflation", value: inflation.toString() },
    { key: "annual_provisions", value: annualProvisions.toString() },
    { key: "amount", value: amount.toString() },
  ]);
