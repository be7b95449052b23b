import { formatOutput, parseOutputFormat, toYaml } from "./output";

describe("output", () => {
  it("renders a query answer as simd's text output does (sorted keys, quoted numbers)", () => {
    const answer = { pagination: { total: "1", next_key: null }, balances: [{ denom: "uplume", amount: "1000" }] };
    expect(toYaml(answer)).toBe('balances:\n- amount: "1000"\n  denom: uplume\npagination:\n  next_key: null\n  total: "1"\n');
  });

  it("renders an account with '@type' and a nested pub key", () => {
    const account = { "@type": "/cosmos.auth.v1beta1.BaseAccount", address: "plume1xyz", pub_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: "A08E+/=" }, account_number: "0", sequence: "12" };
    expect(toYaml(account)).toBe(
      "'@type': /cosmos.auth.v1beta1.BaseAccount\naccount_number: \"0\"\naddress: plume1xyz\npub_key:\n  '@type': /cosmos.crypto.secp256k1.PubKey\n  key: A08E+/=\nsequence: \"12\"\n",
    );
  });

  it("quotes what YAML would read as another type, or as syntax", () => {
    const cases: [string, string][] = [
      ["", '""'],
      ["true", '"true"'],
      ["No", '"No"'],
      ["null", '"null"'],
      ["~", '"~"'],
      ["1E5", '"1E5"'],
      ["0x1F", '"0x1F"'],
      ["1.5", '"1.5"'],
      ["12:30", '"12:30"'],
      ['{"a":1}', "'{\"a\":1}'"],
      ["it's: here", "'it''s: here'"],
      ["- dash", "'- dash'"],
      ["@x", "'@x'"],
      [" lead", "' lead'"],
      ["line\nbreak", '"line\\nbreak"'],
      ["plain text, with comma", "plain text, with comma"],
      ["ABCDEF0123", "ABCDEF0123"],
      ["stake", "stake"],
    ];
    for (const [input, expected] of cases) expect(toYaml({ v: input })).toBe(`v: ${expected}\n`);
  });

  it("renders empty collections, top-level lists, nested lists and numbers", () => {
    expect(toYaml({ a: [], b: {}, c: 5, d: true })).toBe("a: []\nb: {}\nc: 5\nd: true\n");
    expect(toYaml([{ b: 1, a: [1, 2] }, "x"])).toBe("- a:\n  - 1\n  - 2\n  b: 1\n- x\n");
    expect(toYaml([])).toBe("[]\n");
  });

  it("json output is compact, one line", () => {
    expect(formatOutput({ b: [1], a: "x" }, "json")).toBe('{"b":[1],"a":"x"}\n');
    expect(() => parseOutputFormat("yaml")).toThrow('invalid output format "yaml" (expected text or json)');
  });
});
