import { setTomlValues } from "./toml-edit";
import { parseToml } from "./toml";

const SAMPLE = `# top comment
moniker = "old"
proxy_app = "tcp://127.0.0.1:26658"

[rpc]
# the address
laddr = "tcp://127.0.0.1:26657"

[p2p]
laddr = "tcp://0.0.0.0:26656"
allow_duplicate_ip = false
`;

describe("setTomlValues", () => {
  it("sets top-level and section keys and keeps comments", () => {
    const out = setTomlValues(SAMPLE, { moniker: "node0", "rpc.laddr": "tcp://127.0.0.1:1", "p2p.allow_duplicate_ip": true });
    expect(out).toContain("# the address");
    const parsed = parseToml(out);
    expect(parsed["moniker"]).toBe("node0");
    expect((parsed["rpc"] as Record<string, unknown>)["laddr"]).toBe("tcp://127.0.0.1:1");
    expect((parsed["p2p"] as Record<string, unknown>)["laddr"]).toBe("tcp://0.0.0.0:26656");
    expect((parsed["p2p"] as Record<string, unknown>)["allow_duplicate_ip"]).toBe(true);
  });

  it("refuses keys that are not in the file", () => {
    expect(() => setTomlValues(SAMPLE, { "rpc.nope": 1 })).toThrow("config keys not found: rpc.nope");
  });
});
