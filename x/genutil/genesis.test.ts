import { sdkJsonStringify } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { defaultGenutilGenesisJson, genutilGenesisToJson, parseGenutilGenesis } from "./genesis";
import { expectedRefusal, sdkGenesisCase, sdkGenesisCases } from "./sdk-genesis.fixture";

const json = (text: string): JsonValue => JSON.parse(text) as JsonValue;

describe("genutil genesis", () => {
  it("reads gentxs as embedded JSON and writes them back as the SDK does (compact, HTML-escaped)", () => {
    for (const c of sdkGenesisCases("genutil").filter((x) => x.output !== undefined)) {
      expect({ case: c.name, out: sdkJsonStringify(genutilGenesisToJson(parseGenutilGenesis(json(c.input)))) }).toEqual({ case: c.name, out: c.output });
    }
    expect(sdkJsonStringify(defaultGenutilGenesisJson())).toBe(sdkGenesisCase("genutil", "default").output);
    expect(parseGenutilGenesis({}).genTxs).toEqual([]);
  });

  it("refuses unknown fields as the SDK does, and gentxs that are not objects", () => {
    for (const c of sdkGenesisCases("genutil").filter((x) => x.error !== undefined)) {
      expect(() => parseGenutilGenesis(json(c.input))).toThrow(expectedRefusal(c));
    }
    expect(() => parseGenutilGenesis({ gen_txs: [], gentxs: [] })).toThrow('genutil: unknown field "gentxs" in cosmos.genutil.v1beta1.GenesisState');
    expect(() => parseGenutilGenesis({ gen_txs: [{}, 5] })).toThrow("genutil.gen_txs[1]: expected an object");
  });
});
