/**
 * Child process for the crash tests in commit-multi-store.test.ts: commits versions in a loop (each
 * with many writes, so that a kill often lands inside a commit) and reports each committed version
 * on stdout, until it is killed. With a second argument V, it kills itself with SIGKILL inside the
 * commit transaction of version V, through the store's mid-commit test hook.
 */
import { openCommitMultiStore } from "./commit-multi-store";
import { PRUNE_EVERYTHING } from "./pruning";
import { utf8 } from "./bytes";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: crash-writer <dir> [crash-mid-commit-of-version]");
const crashAt = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const midCommit = (version: number): void => {
  if (version !== crashAt) return;
  process.kill(process.pid, "SIGKILL");
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
const cms = openCommitMultiStore({ path, storeNames: ["bank"], pruning: PRUNE_EVERYTHING, ...(crashAt !== undefined ? { faults: { midCommit } } : {}) });
for (;;) {
  const next = cms.lastCommitId().version + 1;
  const br = cms.branch();
  const bank = br.getStore("bank");
  for (let i = 0; i < 4000; i++) bank.set(utf8(`k${(next * 7919 + i * 104729) % 20000}`), utf8(`v${next}`));
  bank.set(utf8("last"), utf8(String(next)));
  br.write();
  cms.workingHash();
  const id = cms.commit();
  process.stdout.write(`${id.version}\n`);
}
