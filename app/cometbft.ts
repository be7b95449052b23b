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
