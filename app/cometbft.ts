import { execFileSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";

/** The repository root (this file lives in app/). */
export const REPO_ROOT = resolve(__dirname, "..");

/** The pinned CometBFT version; scripts/cometbft.version is the only place it is written. */
export function pinnedCometbftVersion(): string {
  return readFileSync(join(REPO_ROOT, "scripts", "cometbft.version"), "utf8").trim();
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function cometbftVersionOf(path: string): string {
  return `v${execFileSync(path, ["version"], { encoding: "utf8" }).trim()}`;
}

/**
 * Finds the pinned cometbft: the project's .bin/ first, then PATH (or $PLUMED_COMETBFT). A binary
 * of another version is refused: plumed speaks ABCI 2.0 as CometBFT v0.38 defines it.
 */
export function findCometbft(): string {
  const want = pinnedCometbftVersion();
  const candidates: string[] = [];
  if (process.env["PLUMED_COMETBFT"]) candidates.push(process.env["PLUMED_COMETBFT"]);
  candidates.push(join(REPO_ROOT, ".bin", "cometbft"));
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) if (dir) candidates.push(join(dir, "cometbft"));
  const wrong: string[] = [];
  for (const path of candidates) {
    if (!isExecutable(path)) continue;
    let version: string;
    try {
      version = cometbftVersionOf(path);
    } catch {
      continue;
    }
    if (version === want) return path;
    wrong.push(`${path} is ${version}`);
  }
  const seen = wrong.length > 0 ? ` (found ${wrong.join("; ")})` : "";
  throw new Error(`cometbft ${want} not found${seen}: run "npm run setup" to install it into ${join(REPO_ROOT, ".bin")}`);
}

/**
 * The command line that runs cometbft as a child that cannot outlive plumed. `plumed start`
 * stops its cometbft first on a normal stop; when plumed itself dies (kill -9, a crash), Linux's
 * parent-death signal (util-linux setpriv --pdeathsig) kills cometbft too, so that no orphan keeps
 * the node's ports and databases. Without setpriv (not Linux), cometbft runs as a plain child.
 */
export function supervisedCommand(binary: string, args: readonly string[]): { command: string; args: string[] } {
  const setpriv = process.platform === "linux" ? ["/usr/bin/setpriv", "/bin/setpriv"].find(isExecutable) : undefined;
  if (setpriv === undefined) return { command: binary, args: [...args] };
  // SIGKILL, not SIGTERM: with its app gone, cometbft v0.38 can log "captured terminated" and
  // then hang; everything it committed is on disk, so a hard stop loses nothing.
  return { command: setpriv, args: ["--pdeathsig", "KILL", "--", binary, ...args] };
}
