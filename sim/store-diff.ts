/**
 * Where two apps' states differ at one height, store by store (what the SDK's import/export
 * simulation prints): the number of differing keys per first key byte and the first few keys with
 * both values. Declared export differences (sim/types.ts) are skipped or compared normalized.
 */
import { bytesToHex } from "../app/encoding";
import type { CommitMultiStore, KVPair } from "../app/store/types";
import type { ExportDifference } from "./types";

const show = (b: Uint8Array | undefined): string => (b === undefined ? "(absent)" : b.length > 48 ? `${bytesToHex(b.subarray(0, 48))}…(${b.length} bytes)` : bytesToHex(b));

function startsWith(key: Uint8Array, prefix: Uint8Array): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** The declared difference covering a key (the longest prefix), if any. */
function declared(differences: readonly ExportDifference[], store: string, key: Uint8Array): ExportDifference | undefined {
  let best: ExportDifference | undefined;
  for (const d of differences) if (d.store === store && startsWith(key, d.prefix) && (best === undefined || d.prefix.length > best.prefix.length)) best = d;
  return best;
}

export function diffStores(a: CommitMultiStore, b: CommitMultiStore, height: bigint, differences: readonly ExportDifference[] = [], examples = 3): string[] {
  const va = a.viewAt(Number(height));
  const vb = b.viewAt(Number(height));
  const out: string[] = [];
  const names = [...new Set([...a.storeNames, ...b.storeNames])].sort();
  const comparable = (name: string, kv: KVPair): string | undefined => {
    const d = declared(differences, name, kv.key);
    if (d === undefined) return bytesToHex(kv.value);
    if (d.normalize !== undefined) return bytesToHex(d.normalize(kv.value));
    return d.absentIf !== undefined ? bytesToHex(kv.value) : undefined;
  };
  /** Not compared: a declared difference without normalize or absentIf, or a value counting as absent. */
  const skipped = (name: string, key: Uint8Array, value: Uint8Array): boolean => {
    const d = declared(differences, name, key);
    if (d === undefined) return false;
    if (d.absentIf !== undefined) return d.absentIf(value);
    return d.normalize === undefined;
  };
  for (const name of names) {
    const ea = new Map<string, { raw: Uint8Array; cmp: string | undefined }>();
    for (const kv of va.getReader(name).iterate() as Iterable<KVPair>) ea.set(bytesToHex(kv.key), { raw: kv.value, cmp: comparable(name, kv) });
    const lines: string[] = [];
    let count = 0;
    const seen = new Set<string>();
    const prefixes = new Map<string, number>();
    const differ = (k: string, mine: Uint8Array | undefined, theirs: Uint8Array | undefined): void => {
      count++;
      prefixes.set(k.slice(0, 2), (prefixes.get(k.slice(0, 2)) ?? 0) + 1);
      if (lines.length < examples) lines.push(`    key ${k}: exporting app ${show(mine)}, imported app ${show(theirs)}`);
    };
    for (const kv of vb.getReader(name).iterate() as Iterable<KVPair>) {
      const k = bytesToHex(kv.key);
      if (skipped(name, kv.key, kv.value)) continue;
      seen.add(k);
      const cmp = comparable(name, kv);
      const other = ea.get(k);
      if (other !== undefined && other.cmp === cmp) continue;
      differ(k, other?.raw, kv.value);
    }
    for (const [k, v] of [...ea.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (seen.has(k)) continue;
      if (skipped(name, Buffer.from(k, "hex"), v.raw)) continue;
      differ(k, v.raw, undefined);
    }
    const byPrefix = [...prefixes.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([p, n]) => `0x${p}: ${n}`).join(", ");
    if (count > 0) out.push(`  store ${name}: ${count} keys differ (by first key byte: ${byPrefix})`, ...lines);
  }
  return out;
}
