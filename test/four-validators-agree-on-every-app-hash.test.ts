import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testnet } from "./helpers/testnet";
import { finalizeAppHash, headerAppHash, latestHeight, rpc, waitFor, waitForHeight } from "./helpers/rpc";

interface ProbeLine {
  readonly height: string;
  readonly hash: string;
  readonly proposer: string;
  readonly votes: readonly { address: string; power: string; flag: number }[];
}

interface CometBlock {
  readonly block_id: { hash: string };
  readonly block: { header: { proposer_address: string }; last_commit: { signatures: readonly { block_id_flag: number; validator_address: string }[] } };
}

const ABSENT = 1;
const COMMIT = 2;

describe("a 4-validator devnet on loopback", () => {
  let net: Testnet;
  let probeLog: string;

  beforeAll(async () => {
    net = await Testnet.create(4);
    probeLog = join(net.dir, "block-info.jsonl");
    // Node 0 records what a module's BeginBlock sees of every block (chain/test-hooks.ts).
    net.start(0, { PLUMED_TEST_BLOCK_INFO_LOG: probeLog });
    for (let i = 1; i < 4; i++) net.start(i);
  });

  afterAll(async () => {
    await net.stop();
  });

  it("reaches height 20 with every node reporting the same app hash at every height", async () => {
    for (let i = 0; i < 4; i++) await waitForHeight(net.rpcPort(i), 21, 120_000);

    const validators = await rpc<{ validators: { voting_power: string }[] }>(net.rpcPort(0), "validators");
    expect(validators.validators).toHaveLength(4);

    for (let h = 1; h <= 20; h++) {
      const own = await Promise.all([0, 1, 2, 3].map((i) => finalizeAppHash(net.rpcPort(i), h)));
      const headers = await Promise.all([0, 1, 2, 3].map((i) => headerAppHash(net.rpcPort(i), h + 1)));
      expect(own[0]).toBeTruthy();
      for (let i = 1; i < 4; i++) expect(own[i]).toBe(own[0]);
      // What each app computed is what the network agreed on in the next header.
      const asHex = Buffer.from(own[0] as string, "base64").toString("hex").toUpperCase();
      for (const header of headers) expect(header).toBe(asHex);
    }
  });

  it("shows modules the block hash and the previous block's votes, a stopped validator as ABSENT", async () => {
    const stopped = await rpc<{ validator_info: { address: string } }>(net.rpcPort(3), "status");
    const stoppedAddress = stopped.validator_info.address;
    await net.stopNode(3);
    const stopHeight = await latestHeight(net.rpcPort(0));
    // Three of four equal powers are above 2/3: the chain goes on without node 3.
    await waitForHeight(net.rpcPort(0), stopHeight + 6, 120_000);

    const powers = new Map(
      (await rpc<{ validators: { address: string; voting_power: string }[] }>(net.rpcPort(0), "validators")).validators.map((v) => [v.address, v.voting_power]),
    );
    const seen = await waitFor("the probe's lines", async () => {
      const lines = readFileSync(probeLog, "utf8").trim().split("\n").map((l) => JSON.parse(l) as ProbeLine);
      return lines.length >= stopHeight + 5 ? lines : undefined;
    });
    // A block replayed after a restart would be recorded twice: the last line of a height counts.
    const byHeight = new Map(seen.map((l) => [Number(l.height), l]));

    for (let h = 2; h <= stopHeight + 5; h++) {
      const line = byHeight.get(h);
      if (!line) throw new Error(`the probe saw no block ${h}`);
      const block = await rpc<CometBlock>(net.rpcPort(0), "block", { height: h });
      expect({ h, hash: line.hash }).toEqual({ h, hash: block.block_id.hash });
      expect({ h, proposer: line.proposer }).toEqual({ h, proposer: block.block.header.proposer_address });
      // decided_last_commit is block h's LastCommit (the signatures for h-1), one entry per
      // validator of the set, in the set's order, with its power.
      const sigs = block.block.last_commit.signatures;
      expect(line.votes.map((v) => v.flag)).toEqual(sigs.map((s) => s.block_id_flag));
      sigs.forEach((s, i) => {
        const vote = line.votes[i];
        if (s.block_id_flag !== ABSENT) expect(vote?.address).toBe(s.validator_address);
        expect(vote?.power).toBe(powers.get(vote?.address ?? ""));
      });
    }

    // From two blocks after the stop, node 3 never signs: ABSENT, while node 0 itself commits.
    const self = await rpc<{ validator_info: { address: string } }>(net.rpcPort(0), "status");
    for (let h = stopHeight + 3; h <= stopHeight + 5; h++) {
      const votes = (byHeight.get(h) as ProbeLine).votes;
      expect(votes).toHaveLength(4);
      expect(votes.find((v) => v.address === stoppedAddress)?.flag).toBe(ABSENT);
      expect(votes.find((v) => v.address === self.validator_info.address)?.flag).toBe(COMMIT);
    }
  });
});
