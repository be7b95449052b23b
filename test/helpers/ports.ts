import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * The ports tests bind lie below the kernel's ephemeral range. A port the OS hands out for
 * listen(0) comes from that range, which is also where every outgoing connection takes its source
 * port: between the test releasing it and a node binding it, a client's connection could take it
 * (the node then fails to bind, and a peer dialing it can even connect to itself).
 */
function portWindow(): { low: number; high: number } {
  let ephemeralLow = 32768;
  try {
    const first = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    if (Number.isInteger(first) && first > 12_000) ephemeralLow = first;
  } catch {
    // not Linux: keep the usual default
  }
  return { low: Math.max(10_000, ephemeralLow - 12_000), high: ephemeralLow };
}

const PORT_WINDOW = portWindow();
// Each test process walks the window from its own starting point, so parallel jest workers rarely
// try the same ports; a port is only handed out after binding it succeeded.
let next = PORT_WINDOW.low + ((process.pid * 7_919) % (PORT_WINDOW.high - PORT_WINDOW.low));

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** Distinct free loopback ports, below the ephemeral range (checked by binding, then released for the test to bind). */
export async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let tries = 0; ports.length < count; tries++) {
    if (tries > PORT_WINDOW.high - PORT_WINDOW.low) throw new Error(`no ${count} free loopback ports in ${PORT_WINDOW.low}-${PORT_WINDOW.high - 1}`);
    next = next + 1 >= PORT_WINDOW.high ? PORT_WINDOW.low : next + 1;
    if (await bindable(next)) ports.push(next);
  }
  return ports;
}
