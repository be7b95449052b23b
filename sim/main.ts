/**
 * `npm run sim`: the simulator's entry file, the one file of sim/ that knows the app (through the
 * composition root's simulation wiring, chain/simulation.ts).
 */
import { plumeSimWiring } from "../chain/simulation";
import { simMain } from "./cli";

simMain(plumeSimWiring(), process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
