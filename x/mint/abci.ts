/** x/mint's BeginBlock (x/mint/abci.go): runs every block, before distribution's. */
import type { Context } from "../../app/context";
import type { MintKeeper } from "./keeper";

export function mintBeginBlock(ctx: Context, k: MintKeeper): void {
  k.beginBlock(ctx);
}
