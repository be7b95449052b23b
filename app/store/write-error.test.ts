import { errnoName, NEARLY_FULL_BYTES, storeWriteError } from "./write-error";

const withCode = (code: number | string, message: string): Error => Object.assign(new Error(message), { code });

describe("a failed store write, as the operator reads it", () => {
  it("reads errno names from lmdb's numeric codes and Node's string codes", () => {
    expect(errnoName(withCode(5, "Input/output error"))).toBe("EIO");
    expect(errnoName(withCode(28, "No space left on device"))).toBe("ENOSPC");
    expect(errnoName(withCode("ENOSPC", "x"))).toBe("ENOSPC");
    expect(errnoName(new Error("x"))).toBeUndefined();
  });

  it("calls an I/O error on a nearly full filesystem a full disk (lmdb writes through a memory map)", () => {
    expect(storeWriteError(withCode(5, "Input/output error"), "/data/application.lmdb", "height 7", 12_288n).message).toBe(
      "cannot write height 7 to the application store /data/application.lmdb: the disk is full (12 KiB free); free some space and restart plumed (Input/output error)",
    );
    expect(storeWriteError(withCode(28, "No space left on device"), "/d", "height 7", 50n * 1024n * 1024n * 1024n).message).toBe(
      "cannot write height 7 to the application store /d: the disk is full (50 GiB free); free some space and restart plumed (No space left on device)",
    );
  });

  it("keeps the system's words for an I/O error with space left, and says where to look", () => {
    const e = storeWriteError(withCode(5, "Input/output error"), "/d", "height 7", NEARLY_FULL_BYTES);
    expect(e.message).toBe("cannot write height 7 to the application store /d: Input/output error (EIO); check the disk holding it (16 MiB free) and the system log");
    expect(e.cause).toBeInstanceOf(Error);
    expect(storeWriteError(new Error("boom"), "/d", "height 7", undefined).message).toBe(
      "cannot write height 7 to the application store /d: boom; check the disk holding it (free space unknown) and the system log",
    );
  });
});
