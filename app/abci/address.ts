/**
 * ABCI addresses as CometBFT writes them in `proxy_app`: `tcp://host:port` or `unix:///abs/path`.
 * Like cometbft `libs/net.ProtocolAndAddress`, an address without a scheme is TCP.
 */
export type AbciAddress =
  | { readonly kind: "tcp"; readonly host: string; readonly port: number }
  | { readonly kind: "unix"; readonly path: string };

export function parseAbciAddress(address: string): AbciAddress {
  const sep = address.indexOf("://");
  const scheme = sep < 0 ? "tcp" : address.slice(0, sep);
  const rest = sep < 0 ? address : address.slice(sep + 3);
  if (scheme === "unix") {
    if (rest === "") throw new Error(`invalid ABCI address "${address}": empty unix socket path`);
    return { kind: "unix", path: rest };
  }
  if (scheme !== "tcp") {
    throw new Error(`invalid ABCI address "${address}": scheme must be tcp:// or unix://`);
  }
  const colon = rest.lastIndexOf(":");
  if (colon < 0) throw new Error(`invalid ABCI address "${address}": missing port`);
  let host = rest.slice(0, colon);
  const portText = rest.slice(colon + 1);
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  else if (host.includes(":")) {
    throw new Error(`invalid ABCI address "${address}": IPv6 hosts must be bracketed, e.g. tcp://[::1]:26658`);
  }
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new Error(`invalid ABCI address "${address}": bad port "${portText}"`);
  return { kind: "tcp", host, port };
}

export function formatAbciAddress(address: AbciAddress): string {
  if (address.kind === "unix") return `unix://${address.path}`;
  const host = address.host.includes(":") ? `[${address.host}]` : address.host;
  return `tcp://${host}:${address.port}`;
}
