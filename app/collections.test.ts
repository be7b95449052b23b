import { Any } from "cosmjs-types/google/protobuf/any";
import { memoizedValue, protoValue } from "./collections";

describe("memoizedValue", () => {
  const codec = memoizedValue(protoValue(Any), 4);
  const bytes = codec.encode({ typeUrl: "/x.Y", value: Uint8Array.of(1, 2, 3) });

  it("decodes the same stored bytes to one shared object, by array or by content", () => {
    const a = codec.decode(bytes);
    expect(a).toEqual({ typeUrl: "/x.Y", value: Uint8Array.of(1, 2, 3) });
    expect(codec.decode(bytes)).toBe(a);
    expect(codec.decode(bytes.slice())).toBe(a);
    expect(codec.decode(codec.encode({ typeUrl: "/x.Y", value: Uint8Array.of(9) }))).not.toBe(a);
  });

  it("hands out values nobody can change for the next reader", () => {
    const a = codec.decode(bytes.slice());
    expect(() => {
      (a as { typeUrl: string }).typeUrl = "/changed";
    }).toThrow(TypeError);
    expect(codec.decode(bytes.slice()).typeUrl).toBe("/x.Y");
  });

  it("does not keep the caller's array: changing it afterwards changes nothing decoded", () => {
    const mine = codec.encode({ typeUrl: "/x.Z", value: Uint8Array.of(7) }).slice();
    const v = codec.decode(mine);
    mine.fill(0);
    expect(v).toEqual({ typeUrl: "/x.Z", value: Uint8Array.of(7) });
  });

  it("takes a value encoded by its caller: decoding those bytes gives it, encoding it gives them", () => {
    const own = memoizedValue(protoValue(Any), 4);
    const value = { typeUrl: "/x.Mine", value: Uint8Array.of(4, 5) };
    const bytes = Any.encode(value).finish();
    own.remember(value, bytes);
    expect(own.decode(bytes.slice())).toBe(value);
    expect(own.encode(value)).toBe(bytes);
    expect(Object.isFrozen(value)).toBe(true);
    // Another object with the same content is encoded the ordinary way, to the same bytes.
    expect(own.encode({ typeUrl: "/x.Mine", value: Uint8Array.of(4, 5) })).toEqual(bytes);
  });
});
