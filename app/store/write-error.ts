/**
 * What an operator reads when the application store cannot write: which store, which height, and
 * whether the disk is full, instead of lmdb's bare "Input/output error".
 *
 * lmdb writes through a memory map, so a full disk often reaches it as EIO rather than ENOSPC.
 * When the error is EIO and the filesystem holding the store has almost nothing free, the disk is
 * reported full; ENOSPC and EDQUOT are reported full whatever statfs says.
 */
import { constants } from "node:os";
import { statfsSync } from "node:fs";

/** Below this much free space, an I/O error on write is taken to be a full disk. */
export const NEARLY_FULL_BYTES = 16n * 1024n * 1024n;

const ERRNO_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]));

/** The errno name of a Node or lmdb error ("ENOSPC"), whether `code` holds a name or a number. */
export function errnoName(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^E[A-Z0-9]+$/.test(code)) return code;
  if (typeof code === "number") return ERRNO_NAMES.get(Math.abs(code));
  return undefined;
}

/** Free bytes (for unprivileged users) on the filesystem holding `path`, if statfs answers. */
export function freeBytesAt(path: string): bigint | undefined {
  try {
    const s = statfsSync(path, { bigint: true });
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

function formatBytes(n: bigint): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 10_240n && unit < units.length - 1) {
    value /= 1024n;
    unit++;
  }
  return `${value} ${units[unit]}`;
}

/**
 * The error to raise for a failed write of `what` (e.g. "height 12") to the store at `path`.
 * `freeBytes` is the filesystem's free space (measured now when not given).
 */
export function storeWriteError(err: unknown, path: string, what: string, freeBytes: bigint | undefined = freeBytesAt(path)): Error {
  const reason = err instanceof Error ? err.message : String(err);
  const errno = errnoName(err);
  const free = freeBytes === undefined ? "free space unknown" : `${formatBytes(freeBytes)} free`;
  const full = errno === "ENOSPC" || errno === "EDQUOT" || (errno === "EIO" && freeBytes !== undefined && freeBytes < NEARLY_FULL_BYTES);
  const message = full
    ? `cannot write ${what} to the application store ${path}: the disk is full (${free}); free some space and restart plumed (${reason})`
    : `cannot write ${what} to the application store ${path}: ${reason}${errno !== undefined ? ` (${errno})` : ""}; check the disk holding it (${free}) and the system log`;
  return new Error(message, { cause: err });
}

