/** Minimal CometBFT JSON-RPC over HTTP for tests (GET with query params). */
export async function rpc<T = Record<string, unknown>>(port: number, method: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
  const res = await fetch(`http://127.0.0.1:${port}/${method}${query ? `?${query}` : ""}`);
  const body = (await res.json()) as { result?: T; error?: { message: string; data?: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message} ${body.error.data ?? ""}`);
  return body.result as T;
}

export interface AbciInfo {
  response: { last_block_height?: string; last_block_app_hash?: string; data?: string; version?: string };
}

export async function abciInfo(port: number): Promise<{ height: number; appHash: string }> {
  const r = await rpc<AbciInfo>(port, "abci_info");
  return { height: Number(r.response.last_block_height ?? 0), appHash: r.response.last_block_app_hash ?? "" };
}

/** The app hash the node's own application returned from FinalizeBlock at `height`. */
export async function finalizeAppHash(port: number, height: number): Promise<string> {
  const r = await rpc<{ app_hash: string }>(port, "block_results", { height });
  return r.app_hash;
}

/** The app hash in the header of block `height` (the state after height-1, agreed by consensus). */
export async function headerAppHash(port: number, height: number): Promise<string> {
  const r = await rpc<{ block: { header: { app_hash: string } } }>(port, "block", { height });
  return r.block.header.app_hash;
}

export async function latestHeight(port: number): Promise<number> {
  const r = await rpc<{ sync_info: { latest_block_height: string } }>(port, "status");
  return Number(r.sync_info.latest_block_height);
}

/** Polls `check` until it returns a value (not undefined), within a bound. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`);
}

/**
 * What a test knows about the node behind an RPC port (its process state and log tail), added to
 * a timeout's message so that a node that never came up says why (see Testnet.start).
 */
const nodeDiagnostics = new Map<number, () => string>();

export function registerNodeDiagnostics(rpcPort: number, describe: () => string): void {
  nodeDiagnostics.set(rpcPort, describe);
}

export async function waitForHeight(port: number, height: number, timeoutMs = 60_000): Promise<number> {
  try {
    return await waitFor(`height ${height} on rpc port ${port}`, async () => {
      const h = await latestHeight(port);
      return h >= height ? h : undefined;
    }, timeoutMs);
  } catch (err) {
    const describe = nodeDiagnostics.get(port);
    if (describe === undefined || !(err instanceof Error)) throw err;
    throw new Error(`${err.message}\n${describe()}`, { cause: err });
  }
}
