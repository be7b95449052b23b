import { formatAbciAddress, parseAbciAddress } from "./address";

describe("ABCI addresses", () => {
  it.each([
    ["tcp://127.0.0.1:26658", { kind: "tcp", host: "127.0.0.1", port: 26658 }],
    ["tcp://0.0.0.0:0", { kind: "tcp", host: "0.0.0.0", port: 0 }],
    ["tcp://[::1]:26658", { kind: "tcp", host: "::1", port: 26658 }],
    ["tcp://:26658", { kind: "tcp", host: "", port: 26658 }],
    ["localhost:26658", { kind: "tcp", host: "localhost", port: 26658 }],
    ["unix:///tmp/plumed.sock", { kind: "unix", path: "/tmp/plumed.sock" }],
    ["unix://app.sock", { kind: "unix", path: "app.sock" }],
  ])("parses %s", (text, expected) => {
    expect(parseAbciAddress(text)).toEqual(expected);
  });

  it.each(["grpc://127.0.0.1:1", "tcp://127.0.0.1", "tcp://127.0.0.1:65536", "tcp://h:x", "tcp://::1:80", "unix://"])(
    "rejects %s",
    (text) => {
      expect(() => parseAbciAddress(text)).toThrow(/invalid ABCI address/);
    },
  );

  it("formats back", () => {
    expect(formatAbciAddress({ kind: "tcp", host: "::1", port: 5 })).toBe("tcp://[::1]:5");
    expect(formatAbciAddress({ kind: "unix", path: "/x.sock" })).toBe("unix:///x.sock");
  });
});
