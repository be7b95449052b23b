import { runCli } from "../../main";
import { memoryIo } from "../io";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `plumed <args>` in-process with scripted stdin/env, as the real binary would (same parser, same error handling). */
export async function plumed(args: readonly string[], options: { stdin?: string; env?: Record<string, string | undefined>; interactive?: boolean } = {}): Promise<CliResult> {
  const io = memoryIo(options);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** A failed run's stderr must be exactly one "error: ..." line. */
export function oneLineError(r: CliResult): string {
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  if (r.code === 0) throw new Error(`expected a failure, got exit 0 (stdout: ${r.stdout})`);
  if (lines.length !== 1 || !lines[0]?.startsWith("error: ")) throw new Error(`expected one error line, got: ${JSON.stringify(r.stderr)}`);
  return lines[0].slice("error: ".length);
}
