import { DEFAULT_APP_CONFIG, parseAppToml, renderAppToml } from "./app-config";

describe("app.toml", () => {
  it("round-trips every setting", () => {
    const config = {
      ...DEFAULT_APP_CONFIG,
      minimumGasPrices: "0.025uplume",
      pruning: { strategy: "custom" as const, keepRecent: 100, interval: 10 },
      minRetainBlocks: 5,
      bech32Prefix: "abc",
      api: { enable: false, address: "tcp://127.0.0.1:1" },
    };
    expect(parseAppToml(renderAppToml(config))).toEqual(config);
  });

  it("names the bad field in one line", () => {
    expect(() => parseAppToml('pruning = "sometimes"')).toThrow('app.toml: pruning must be one of default, nothing, everything, custom (got "sometimes")');
    expect(() => parseAppToml('pruning-keep-recent = "-1"')).toThrow("pruning-keep-recent must be a non-negative integer");
    expect(() => parseAppToml("[api]\nenable = 3")).toThrow("app.toml: enable must be true or false");
    expect(() => parseAppToml("this is not toml")).toThrow(/^app\.toml: /);
  });
});
