import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";

/**
 * What a client command may touch of the outside world: two output streams, stdin as lines, the
 * environment. Commands take an Io instead of reaching for `process`, so tests run them in-process
 * with scripted input.
 *
 * Input follows simd (client/input): when stdin is a terminal, secrets are prompted for with echo
 * off; when it is not, each answer is the next line of stdin and nothing is prompted, so scripts
 * can pipe a mnemonic or passphrase (`echo "$MNEMONIC" | plumed keys add k --recover`).
 */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdin is an interactive terminal (prompts allowed). */
  readonly interactive: boolean;
  /**
   * One answer: on a terminal, `prompt` is shown on stderr (echo off when `secret`); otherwise
   * the next line of stdin. Undefined at the end of stdin.
   */
  ask(prompt: string, options?: { readonly secret?: boolean }): Promise<string | undefined>;
  /** Releases stdin so the process can exit. Idempotent. */
  close(): void;
}

/** Lines of a readable stream, one per call, without their line terminator. */
class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private ended = false;
  private readonly rl: Interface;

  constructor(input: NodeJS.ReadableStream, output?: NodeJS.WritableStream, terminal = false) {
    this.rl = createInterface({ input, ...(output ? { output } : {}), terminal, crlfDelay: Infinity });
    this.rl.on("line", (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
    });
    this.rl.on("close", () => {
      this.ended = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  get readline(): Interface {
    return this.rl;
  }

  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.rl.close();
  }
}

/** A writable that shows prompts but swallows typed characters while muted (hidden passphrases). */
class MutableStderr extends Writable {
  muted = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    if (!this.muted) process.stderr.write(chunk);
    done();
  }
}

/** The real process: stdout, stderr, stdin (opened lazily, only when a command asks). */
export function processIo(): Io {
  let reader: LineReader | undefined;
  let mutable: MutableStderr | undefined;
  const interactive = process.stdin.isTTY === true;
  const open = (): LineReader => {
    if (!reader) {
      if (interactive) {
        mutable = new MutableStderr();
        reader = new LineReader(process.stdin, mutable, true);
      } else {
        reader = new LineReader(process.stdin);
      }
    }
    return reader;
  };
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    interactive,
    ask: async (prompt, options) => {
      const r = open();
      if (!interactive) return r.next();
      process.stderr.write(prompt.endsWith(" ") ? prompt : `${prompt} `);
      if (mutable) mutable.muted = options?.secret === true;
      const line = await r.next();
      if (mutable) mutable.muted = false;
      if (options?.secret) process.stderr.write("\n");
      return line;
    },
    close: () => {
      if (!reader) return; // stdin was never opened: leave it untouched
      reader.close();
      reader = undefined;
      process.stdin.destroy();
    },
  };
}

/** An Io over strings, for tests: stdin is given up front, output is collected. */
export interface MemoryIo extends Io {
  readonly stdout: string;
  readonly stderr: string;
}

export function memoryIo(options: { stdin?: string; env?: Record<string, string | undefined>; interactive?: boolean } = {}): MemoryIo {
  const input = (options.stdin ?? "").split(/\r?\n/);
  // A trailing newline ends the last line rather than starting an empty one.
  if (input.length > 0 && input[input.length - 1] === "") input.pop();
  let stdout = "";
  let stderr = "";
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    env: options.env ?? {},
    interactive: options.interactive ?? false,
    ask: (prompt) => {
      if (options.interactive) stderr += prompt;
      return Promise.resolve(input.shift());
    },
    close: () => undefined,
  };
}
