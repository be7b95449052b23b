/**
 * Test hooks of the assembled app, switched on only by environment variables that tests set
 * (never by configuration an operator writes). They observe; they never write state, so a node
 * with a hook on computes the same app hashes as one without.
 */
import { appendFileSync } from "node:fs";
import { bytesToHex } from "../app/encoding";
import type { AppModule } from "../app/module";

export const BLOCK_INFO_PROBE_MODULE = "test_block_info_probe";

/**
 * PLUMED_TEST_BLOCK_INFO_LOG=<file>: a module whose BeginBlock appends, as one JSON line per
 * block, what it sees of the block: height, hash, proposer and the previous block's votes.
 */
export function blockInfoProbeModule(file: string): AppModule {
  return {
    name: BLOCK_INFO_PROBE_MODULE,
    storeNames: [],
    beginBlock(ctx) {
      const line = {
        height: ctx.height.toString(),
        hash: bytesToHex(ctx.header.hash).toUpperCase(),
        proposer: bytesToHex(ctx.header.proposerAddress).toUpperCase(),
        lastAppHash: bytesToHex(ctx.header.lastAppHash).toUpperCase(),
        votes: ctx.comet.lastCommit.votes.map((v) => ({
          address: bytesToHex(v.validator.address).toUpperCase(),
          power: v.validator.power.toString(),
          flag: v.blockIdFlag,
        })),
        misbehavior: ctx.comet.misbehavior.length,
      };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    },
  };
}

/** The test hooks an environment asks for. */
export interface TestHooks {
  readonly blockInfoLog?: string;
  readonly authority?: string;
}

export function testHooksFromEnv(env: NodeJS.ProcessEnv): TestHooks {
  const blockInfoLog = env["PLUMED_TEST_BLOCK_INFO_LOG"];
  const authority = env["PLUMED_TEST_AUTHORITY"];
  return {
    ...(blockInfoLog ? { blockInfoLog } : {}),
    ...(authority ? { authority } : {}),
  };
}
