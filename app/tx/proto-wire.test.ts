import { WIRE_START_GROUP, consumeFieldValue, wireErrorText } from "./proto-wire";

/** `levels` groups of field `num` nested in one another (the outermost tag left out, as after ConsumeTag). */
function nestedGroups(num: number, levels: number, inner: number[] = []): Uint8Array {
  const tag = (wireType: number): number[] => {
    const out: number[] = [];
    let v = num * 8 + wireType;
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    return out;
  };
  const open = tag(3);
  const close = tag(4);
  const out: number[] = [];
  for (let i = 1; i < levels; i++) out.push(...open);
  out.push(...inner);
  for (let i = 0; i < levels; i++) out.push(...close);
  return Uint8Array.from(out);
}

describe("consumeFieldValue on groups", () => {
  const consume = (buf: Uint8Array): number => consumeFieldValue(1026, WIRE_START_GROUP, buf, 0, buf.length);

  it("skips a group with its contents and end tag", () => {
    const buf = nestedGroups(1026, 2, [0x08, 0x01]); // inner group holding field 1 = 1
    expect(consume(buf)).toBe(buf.length);
  });

  it("follows protowire's depth limit (10 000 below the outer group) without using the JS stack", () => {
    const deepest = nestedGroups(1026, 10_001);
    expect(consume(deepest)).toBe(deepest.length);
    expect(wireErrorText(consume(nestedGroups(1026, 10_002)))).toBe("parse error");
    expect(wireErrorText(consume(nestedGroups(1026, 200_000)))).toBe("parse error");
  });

  it("refuses a mismatched or missing end tag, and reserved wire types inside", () => {
    const other = nestedGroups(1026, 1);
    expect(wireErrorText(consumeFieldValue(7, WIRE_START_GROUP, other, 0, other.length))).toBe("mismatching end group marker");
    const open = nestedGroups(1026, 3);
    expect(wireErrorText(consume(open.subarray(0, open.length - 2)))).toBe("unexpected EOF");
    expect(wireErrorText(consume(Uint8Array.of(0x0e)))).toBe("cannot parse reserved wire type"); // field 1, wire type 6
  });
});
