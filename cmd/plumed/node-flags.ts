/**
 * V8 flags of the Node process that runs `plumed start`. They must be given when the process
 * starts (V8 sizes its heap then; `v8.setFlagsFromString` later has no effect), so everything that
 * launches a node passes them: bin/plumed's shebang (keep the two in step), `spawnNode` (devnets,
 * tests) and the benchmarks.
 *
 * --max-semi-space-size=64: a young generation of 2 x 64 MB instead of 2 x 16 MB. A bank send
 * allocates ~150 KB across CheckTx, ReCheck and FinalizeBlock, nearly all of it dead within the
 * tx; with the default size V8 scavenged ~15 times a second under load and copied the live part of
 * the mempool's decoded txs each time. Measured end to end (docs/performance.md): V8's background
 * GC threads ~0.09 -> ~0.06 ms per committed tx. It costs ~100 MB of address space.
 */
export const PLUMED_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];

/** Whether this process was started with the flags (else `plumed start` says how to add them). */
export function runsWithPlumedNodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env["NODE_OPTIONS"] ?? ""): boolean {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)]);
  return PLUMED_NODE_FLAGS.every((flag) => given.has(flag));
}
