/**
 * One writer per node home: the process that opens the application store for writing first takes
 * this lock, and a second process is refused in one line before it touches the store.
 *
 * Why a listening unix socket and not a pid file or flock:
 * - Node has no flock/fcntl, and a native addon for it is not worth a dependency.
 * - A pid file says nothing reliable once its process is gone: pids are reused (a container's
 *   plumed is often pid 1 after every restart), and a pid read from a volume shared between
 *   containers names a process in another pid namespace.
 * - A socket is released by the kernel: once its process dies, nothing listens on it, a connect()
 *   is refused, and it can never listen again (a new listener always binds a new inode). So a
 *   refused connection proves the lock is stale, whatever the pids, and a successful one proves a
 *   live holder, which also answers with its pid for the message. Pathname sockets work across
 *   network and pid namespaces (as docker.sock mounted into a container does), so two containers
 *   sharing a home exclude each other too.
 *
 * Taking the lock is atomic: the socket is first bound under a unique temporary name, then hard-
 * linked to the lock name (link() fails if the name exists), so the lock name only ever points at a
 * socket that is already listening. A stale lock (kill -9) is moved aside with rename() and deleted
 * only if what was moved is the very inode that refused the connection; otherwise it is put back.
 * This is exact for two processes racing over a stale lock; three starting within the same
 * microseconds over a stale lock could, in theory, both win — not a case an operator meets.
 *
 * A process killed in the microseconds between binding its temporary name and linking it leaves
 * that name behind (`plumed.lock.<pid>-<hex>.tmp`); it is harmless and may be deleted.
 *
 * Unix socket paths are limited to about 107 bytes; a longer lock path is reached through the
 * directory's /proc/self/fd entry on Linux.
 */
import { randomBytes } from "node:crypto";
import { closeSync, linkSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, type Stats } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { basename, dirname, resolve } from "node:path";

/** A held lock; release() frees it (a process that dies frees it too). */
export interface WriterLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Another live process holds the lock. */
export class WriterLockHeldError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number | undefined,
  ) {
    super(`another plumed process${holderPid !== undefined ? ` (pid ${holderPid})` : ""} holds the lock ${lockPath}; stop it first`);
    this.name = "WriterLockHeldError";
  }
}

/** sun_path is 108 bytes on Linux (104 on macOS), NUL included; stay below both with our suffixes. */
const MAX_SOCKET_PATH = 100;
/** How long a live holder may take to answer with its pid (it is alive either way). */
const PID_REPLY_TIMEOUT_MS = 2_000;
const MAX_ATTEMPTS = 20;

type Probe = { readonly state: "live"; readonly pid: number | undefined } | { readonly state: "dead"; readonly stats: Stats } | { readonly state: "gone" };

function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

function sameInode(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return undefined;
    throw err;
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (err) {
    if (errnoOf(err) !== "ENOENT") throw err;
  }
}

/** Connects to the lock: live (with the holder's pid if it answers), dead (refused), or gone. */
function connectProbe(address: string): Promise<{ state: "live"; pid: number | undefined } | { state: "refused" } | { state: "gone" }> {
  return new Promise((done) => {
    const socket = connect(address);
    let reply = "";
    let connected = false;
    const finish = (r: { state: "live"; pid: number | undefined } | { state: "refused" } | { state: "gone" }): void => {
      clearTimeout(timer);
      socket.destroy();
      done(r);
    };
    const pidOf = (): number | undefined => {
      const m = /"pid"\s*:\s*(\d+)/.exec(reply);
      return m ? Number(m[1]) : undefined;
    };
    const timer = setTimeout(() => finish({ state: "live", pid: pidOf() }), PID_REPLY_TIMEOUT_MS);
    socket.setEncoding("utf8");
    socket.on("connect", () => (connected = true));
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("end", () => finish({ state: "live", pid: pidOf() }));
    socket.on("error", (err) => {
      if (connected) return finish({ state: "live", pid: pidOf() });
      const code = errnoOf(err);
      // Only a refused connection proves that nothing listens; anything else (EAGAIN on a full
      // backlog, EACCES) is treated as a live holder, so that a lock is never broken on a guess.
      if (code === "ECONNREFUSED") return finish({ state: "refused" });
      if (code === "ENOENT") return finish({ state: "gone" });
      finish({ state: "live", pid: undefined });
    });
  });
}

async function probe(address: string): Promise<Probe> {
  const before = lstatOrUndefined(address);
  if (before === undefined) return { state: "gone" };
  // Whatever else sits at the lock's name (a regular file) is not a lock: it is replaced.
  if (!before.isSocket()) return { state: "dead", stats: before };
  const r = await connectProbe(address);
  if (r.state !== "refused") return r;
  const after = lstatOrUndefined(address);
  if (after === undefined) return { state: "gone" };
  // The name was re-pointed during the probe: look again.
  if (!sameInode(before, after)) return probe(address);
  return { state: "dead", stats: after };
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(address, () => {
      server.off("error", fail);
      ok();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((r) => server.close(() => r()));
}

/**
 * How to name entries of `dir` in socket calls: `dir` itself when short enough, else (Linux) the
 * directory's /proc/self/fd link, which the kernel resolves to the same directory.
 */
function socketDir(dir: string, longestName: string): { readonly base: string; close(): void } {
  if (Buffer.byteLength(`${dir}/${longestName}`) <= MAX_SOCKET_PATH) return { base: dir, close: () => undefined };
  if (process.platform !== "linux") {
    throw new Error(`the lock path ${dir}/${longestName} is too long for a unix socket; use a shorter home directory`);
  }
  const fd = openSync(dir, "r");
  return { base: `/proc/self/fd/${fd}`, close: () => closeSync(fd) };
}

/**
 * Takes the lock at `path` (its directory is created if missing). Rejects with WriterLockHeldError
 * if a live process holds it; a lock left by a dead process is taken over.
 */
export async function acquireWriterLock(path: string): Promise<WriterLock> {
  const lockPath = resolve(path);
  const dir = dirname(lockPath);
  const name = basename(lockPath);
  mkdirSync(dir, { recursive: true });
  // deterministic: a temporary file name for taking the lock file, never state
  const unique = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const tmpName = `${name}.${unique}.tmp`;
  const asideName = `${name}.${unique}.stale`;
  const where = socketDir(dir, asideName);
  const at = (n: string): string => `${where.base}/${n}`;

  const server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.end(`${JSON.stringify({ pid: process.pid })}\n`);
  });
  // The lock never keeps a process alive on its own.
  server.unref();
  server.on("error", () => undefined);
  const giveUp = async (err: unknown): Promise<never> => {
    unlinkIfPresent(at(tmpName));
    await closeServer(server);
    where.close();
    throw err;
  };

  try {
    await listen(server, at(tmpName));
  } catch (err) {
    return giveUp(new Error(`cannot create the lock ${lockPath}: ${(err as Error).message}`));
  }
  const mine = lstatSync(at(tmpName));

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      linkSync(at(tmpName), at(name));
      unlinkIfPresent(at(tmpName));
      return heldLock(lockPath, server, mine, at(name), where);
    } catch (err) {
      if (errnoOf(err) !== "EEXIST") return giveUp(new Error(`cannot create the lock ${lockPath}: ${(err as Error).message}`));
    }
    const p = await probe(at(name));
    if (p.state === "live") return giveUp(new WriterLockHeldError(lockPath, p.pid));
    if (p.state === "gone") continue;
    // A stale lock: move it aside, and delete it only if it is the inode that refused us.
    try {
      renameSync(at(name), at(asideName));
    } catch (err) {
      if (errnoOf(err) === "ENOENT") continue;
      return giveUp(err);
    }
    const moved = lstatSync(at(asideName));
    if (sameInode(moved, p.stats)) {
      unlinkIfPresent(at(asideName));
      continue;
    }
    // Another process replaced the stale lock with its own in between: give it back.
    const again = await probe(at(asideName));
    if (again.state === "live") {
      try {
        linkSync(at(asideName), at(name));
      } catch {
        // A third process took the name meanwhile (see the file comment).
      }
    }
    unlinkIfPresent(at(asideName));
  }
  return giveUp(new Error(`cannot take the lock ${lockPath}: it kept changing hands`));
}

function heldLock(lockPath: string, server: Server, mine: Stats, address: string, where: { close(): void }): WriterLock {
  let released: Promise<void> | undefined;
  return {
    path: lockPath,
    release(): Promise<void> {
      released ??= (async () => {
        // Remove the name only while it is still ours.
        const current = lstatOrUndefined(address);
        if (current !== undefined && sameInode(current, mine)) unlinkIfPresent(address);
        await closeServer(server);
        where.close();
      })();
      return released;
    },
  };
}
