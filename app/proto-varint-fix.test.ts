import { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { BinaryWriter } from "cosmjs-types/binary";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { UTF8_READERS, UTF8_READ_FIX_INSTALLED, VARINT_FIX_INSTALLED, WRITER_ALLOC_FIX_INSTALLED } from "./proto-varint-fix";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";

/** Runs the lines after loading the fix through tsx (as bin/plumed does); its stdout (stderr must stay empty). */
function underTsx(...lines: string[]): string {
  const script = ['require("./app/proto-varint-fix.ts");', ...lines].join("\n");
  const run = spawnSync(process.execPath, ["-r", "tsx/cjs", "-e", script], { cwd: join(__dirname, ".."), encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout;
}

describe("64-bit varints as cosmjs-types writes them, with plumed's fix", () => {
  it("round-trip values across every 32-bit boundary", () => {
    expect(VARINT_FIX_INSTALLED).toBe(true);
    for (const v of [0n, 127n, 128n, 2n ** 31n - 1n, 2n ** 31n, 3_959_377_260n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n]) {
      const block = { maxBytes: 22_020_096n, maxGas: v };
      expect(ConsensusParams.decode(ConsensusParams.encode({ block }).finish()).block).toEqual(block);
    }
  });

  it("write the bytes Go writes", () => {
    const w = new BinaryWriter();
    w.int64(3_959_377_260n);
    expect(Buffer.from(w.finish()).toString("hex")).toBe("ec9afddf0e");
    expect(Timestamp.decode(Timestamp.encode({ seconds: 3_000_000_000n, nanos: 0 }).finish()).seconds).toBe(3_000_000_000n);
  });

  it("write negative int64s as ten bytes", () => {
    const w = new BinaryWriter();
    w.int64(-1n);
    expect(Buffer.from(w.finish()).toString("hex")).toBe("ffffffffffffffffff01");
  });

  it("install through tsx, the loader bin/plumed runs under", () => {
    const out = underTsx(
      'const { BinaryWriter } = require("cosmjs-types/binary");',
      "const w = new BinaryWriter(); w.int64(3959377260n);",
      'process.stdout.write(Buffer.from(w.finish()).toString("hex"));',
    );
    expect(out).toBe("ec9afddf0e");
  });
});

describe("cosmjs-types' writer allocation, with plumed's fix", () => {
  it("cuts small messages from one shared 8 KiB slab, not a fresh 8 KiB pool each", () => {
    expect(WRITER_ALLOC_FIX_INSTALLED).toBe(true);
    const a = Coin.encode({ denom: "uplume", amount: "1" }).finish();
    const b = Coin.encode({ denom: "uplume", amount: "22" }).finish();
    expect(Buffer.from(a).toString("hex")).toBe("0a0675706c756d65120131");
    expect(Buffer.from(b).toString("hex")).toBe("0a0675706c756d6512023232");
    const sameSlab = a.buffer === b.buffer;
    // Either both sit in one slab (a before b, 8-byte aligned), or a slab filled up in between.
    if (sameSlab) expect(b.byteOffset).toBe(a.byteOffset + 16);
    expect(a.buffer.byteLength).toBe(8192);
    // Large messages get their own buffer.
    const big = Coin.encode({ denom: "uplume", amount: "9".repeat(5000) }).finish();
    expect(big.buffer.byteLength).toBe(big.length);
  });

  it("install through tsx, the loader bin/plumed runs under", () => {
    const out = underTsx(
      'const { Coin } = require("cosmjs-types/cosmos/base/v1beta1/coin");',
      'const a = Coin.encode({ denom: "uplume", amount: "1" }).finish();',
      'const b = Coin.encode({ denom: "uplume", amount: "1" }).finish();',
      "process.stdout.write(String(a.buffer === b.buffer || b.byteOffset === 0));",
      'process.stdout.write(" " + require("cosmjs-types/utf8").utf8Read.name);',
    );
    expect(out).toBe("true utf8ReadAsciiFirst");
  });
});

describe("cosmjs-types' string reader, with plumed's ASCII fast path", () => {
  it("reads every string as before: ASCII, multi-byte UTF-8, malformed bytes, empty", () => {
    expect(UTF8_READ_FIX_INSTALLED).toBe(true);
    const texts = ["plume1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v8", "uplume", "", "héllo wörld ✓ 𝄞", "a\u0000b\u007f"];
    for (const t of texts) {
      const bytes = MsgSend.encode({ fromAddress: t, toAddress: "x", amount: [] }).finish();
      expect(MsgSend.decode(bytes).fromAddress).toBe(t);
    }
    // Any bytes at all, malformed UTF-8 included, read as the original reader reads them.
    const samples = [[0x61, 0x80, 0x62], [0xe2, 0x82], [0xff, 0x41], [0xc3, 0xa9, 0x41], [0x41, 0x42], [], [0x7f, 0x00]];
    for (let b = 0; b < 256; b++) samples.push([0x61, b, 0x62]);
    for (const raw of samples) {
      const bytes = Uint8Array.from([0, ...raw, 0]);
      expect(UTF8_READERS.asciiFirst(bytes, 1, 1 + raw.length)).toBe(UTF8_READERS.original(bytes, 1, 1 + raw.length));
    }
  });
});
