import { Testnet } from "./helpers/testnet";
import { abciInfo, headerAppHash, waitFor, waitForHeight } from "./helpers/rpc";

describe("a single-validator devnet", () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await Testnet.create(1);
    net.startAll();
  });

  afterAll(async () => {
    await net.stop();
  });

  it("produces blocks, and abci_info shows the app's height and app hash advancing", async () => {
    const port = net.rpcPort(0);
    await waitForHeight(port, 2);
    const first = await abciInfo(port);
    expect(first.height).toBeGreaterThanOrEqual(1);
    expect(first.appHash).toMatch(/^[A-Za-z0-9+/=]+$/);

    const later = await waitFor("abci_info to advance by 3 blocks", async () => {
      const info = await abciInfo(port);
      return info.height >= first.height + 3 ? info : undefined;
    });
    expect(later.appHash).not.toBe("");
    // Every block writes state (staking's historical info), so the hash moves with the height.
    expect(later.appHash).not.toBe(first.appHash);

    // The app hash the app reports for height h is the one CometBFT put in header h+1.
    await waitForHeight(port, later.height + 1);
    const header = await headerAppHash(port, later.height + 1);
    const fromApp = Buffer.from(later.appHash, "base64").toString("hex").toUpperCase();
    expect(header).toBe(fromApp);
  });
});
