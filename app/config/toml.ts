/**
 * TOML parsing. smol-toml ships a CommonJS build, but its type declarations are ESM-only, which a
 * CommonJS TypeScript project cannot import by name; this is the one place that loads it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smolToml = require("smol-toml") as { parse(text: string): Record<string, unknown> };

export function parseToml(text: string): Record<string, unknown> {
  return smolToml.parse(text);
}
