import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { open, type RootDatabase } from "lmdb";
import { FlatReader, type BinaryDb } from "./flat-store";
import { flatKey } from "./layout";

describe("FlatReader's read cache", () => {
  let dir: string;
  let env: RootDatabase;
  let db: BinaryDb;
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const text = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : new TextDecoder().decode(b));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "plumed-flat-"));
    env = open({ path: dir, maxDbs: 2 });
    db = env.openDB<Uint8Array, Uint8Array>({ name: "flat", keyEncoding: "binary", encoding: "binary" });
  });

  afterEach(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves what it read (and what it found absent) until the epoch changes", () => {
    let epoch = 0;
    const reader = new FlatReader(db, 1, () => epoch, undefined, 100);
    db.putSync(flatKey(1, enc("a")), enc("1"));
    expect(text(reader.get(enc("a")))).toBe("1");
    expect(reader.get(enc("b"))).toBeUndefined();
    // Written behind the reader's back without a new epoch: the cache answers (a commit always bumps it).
    db.putSync(flatKey(1, enc("a")), enc("2"));
    db.putSync(flatKey(1, enc("b")), enc("3"));
    expect(text(reader.get(enc("a")))).toBe("1");
    expect(reader.get(enc("b"))).toBeUndefined();
    epoch++;
    expect(text(reader.get(enc("a")))).toBe("2");
    expect(text(reader.get(enc("b")))).toBe("3");
  });

  it("reads through when caching is off, and forgets everything when full", () => {
    const plain = new FlatReader(db, 1, () => 0);
    db.putSync(flatKey(1, enc("a")), enc("1"));
    expect(text(plain.get(enc("a")))).toBe("1");
    db.putSync(flatKey(1, enc("a")), enc("2"));
    expect(text(plain.get(enc("a")))).toBe("2");

    const small = new FlatReader(db, 1, () => 0, undefined, 2);
    expect(text(small.get(enc("a")))).toBe("2");
    db.putSync(flatKey(1, enc("a")), enc("3"));
    small.get(enc("x"));
    // Two keys remembered: the next read starts a fresh cache and sees the new value.
    expect(text(small.get(enc("a")))).toBe("3");
  });
});
