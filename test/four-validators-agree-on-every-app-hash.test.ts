import { Testnet } from "./helpers/testnet";
import { finalizeAppHash, headerAppHash, rpc, waitForHeight } from "./helpers/rpc";

describe("a 4-validator devnet on loopback", () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await Testnet.create(4);
    net.startAll();
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
});
