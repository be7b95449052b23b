import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testnet } from "./helpers/testnet";
import { waitForHeight } from "./helpers/rpc";
import { noInflation } from "./helpers/distribution";
import type { GenesisDoc } from "../app/genesis-doc";

const PLUMED = join(__dirname, "..", "bin", "plumed");

function exportHome(home: string, height?: number): GenesisDoc {
  const args = ["export", "--home", home, ...(height !== undefined ? ["--height", String(height)] : [])];
  return JSON.parse(execFileSync(process.execPath, [PLUMED, ...args], { encoding: "utf8" })) as GenesisDoc;
}

describe("plumed export", () => {
  it("exports a state that init + InitChain accept again, giving the same state", async () => {
    // No inflation: the new chain's first block then moves no coin (no fees, no mint to share out).
    const first = await Testnet.create(1, { editGenesis: noInflation });
    let second: Testnet | undefined;
    try {
      first.startAll();
      await waitForHeight(first.rpcPort(0), 3);
      await first.stopNode(0);
      const home = first.layout.nodes[0]?.home as string;
      const exported = exportHome(home, 2);
      expect(exported.initial_height).toBe("3");
      expect(exported.chain_id).toBe(first.layout.chainId);
      expect(exported.app_state["auth"]).toBeDefined();
      expect(JSON.stringify(exported.app_state["bank"])).toContain(first.layout.accounts[0]?.address as string);

      // A new chain from the exported genesis: same validator key, new home.
      second = await Testnet.create(1);
      const home2 = second.layout.nodes[0]?.home as string;
      writeFileSync(join(home2, "config", "priv_validator_key.json"), readFileSync(join(home, "config", "priv_validator_key.json")));
      writeFileSync(join(home2, "config", "genesis.json"), JSON.stringify(exported, null, 2));
      second.startAll();
      await waitForHeight(second.rpcPort(0), 5);
      await second.stopNode(0);
      // The new chain's state at its first height, 3: every later block changes state (each vote
      // moves the validator's slashing window on), but the first one of a chain has no votes (and
      // here mints nothing, and distribution has no fee to share out).
      const again = exportHome(home2, 3);
      expect(again.app_state).toEqual(exported.app_state);
      // And it goes on from there: the window of the exported signing info moved.
      const later = exportHome(home2);
      expect(JSON.stringify(later.app_state["slashing"])).not.toBe(JSON.stringify(exported.app_state["slashing"]));
    } finally {
      await first.stop();
      await second?.stop();
    }
  });
});
