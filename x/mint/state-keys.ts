/**
 * All of x/mint's storage layout. SDK v0.50 x/mint/types/keys.go uses collections Items, whose key
 * is the prefix alone, with gogoproto values:
 *
 * | prefix | key | value                          |
 * |--------|-----|--------------------------------|
 * | 0x00   | -   | cosmos.mint.v1beta1.Minter     |
 * | 0x01   | -   | cosmos.mint.v1beta1.Params     |
 *
 * gogoproto writes a non-nullable LegacyDec even when zero ("0"); cosmjs-types skips an empty
 * string, so the codecs below turn an empty Dec into "0" before encoding.
 */
import { Minter, Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import { Item, type ValueCodec } from "../../app/collections";

export const MINT_STORE = "mint";

const dec = (s: string): string => (s === "" ? "0" : s);

export const MinterValue: ValueCodec<Minter> = {
  encode: (m) => Minter.encode({ inflation: dec(m.inflation), annualProvisions: dec(m.annualProvisions) }).finish(),
  decode: (b) => Minter.decode(b),
};

export const ParamsValue: ValueCodec<Params> = {
  encode: (p) =>
    Params.encode({
      ...p,
      inflationRateChange: dec(p.inflationRateChange),
      inflationMax: dec(p.inflationMax),
      inflationMin: dec(p.inflationMin),
      goalBonded: dec(p.goalBonded),
    }).finish(),
  decode: (b) => Params.decode(b),
};

export const MinterItem = new Item<Minter>(Uint8Array.of(0x00), MinterValue);
export const ParamsItem = new Item<Params>(Uint8Array.of(0x01), ParamsValue);
