/**
 * The REST (LCD) server (app.toml [api], default tcp://127.0.0.1:1317): the SDK's grpc-gateway
 * routes over node:http. A request becomes the gRPC request message (path parameters, query
 * parameters such as `pagination.limit`, or the JSON body for POST routes), goes through the same
 * dispatcher as gRPC, and the response is written as the SDK's JSON (app/json).
 *
 * Behaviour follows grpc-gateway v1 as the SDK v0.50 configures it (server/api/server.go):
 * - errors are `{"code": <gRPC code>, "message": ..., "details": []}` with the HTTP status
 *   grpc-gateway maps the code to (NotFound 404, InvalidArgument 400, Unknown 500, ...);
 * - an unknown path is 501 `{"code": 12, "message": "Not Implemented"}`, a known path with another
 *   method 501 "Method Not Allowed";
 * - unknown query parameters are ignored, bad values are 400 with strconv-style messages;
 * - `x-cosmos-block-height` (or `Grpc-Metadata-X-Cosmos-Block-Height`) selects the height, and
 *   responses carry both headers with the height used.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger";
import type { JsonValue } from "../module";
import { bytesToSdkJson, sdkJsonStringify, sdkJsonToBytes } from "../json/sdk-json";
import { defaultSchemaRegistry, type SchemaRegistry } from "../../proto/schema/registry";
import type { FieldSchema, MessageSchema } from "../../proto/schema/types";
import { HEIGHT_HEADER, RpcError, type QueryDispatcher } from "./dispatcher";
import { compileRoute, matchRoute, type CompiledRoute, type RestRoute } from "./rest-route";
import { SERVICE_REST_ROUTES } from "./rest-routes";

export interface RestServerOptions {
  /** "tcp://127.0.0.1:1317" (app.toml) or "host:port"; port 0 picks a free port. */
  readonly address: string;
  readonly dispatcher: QueryDispatcher;
  /** The routes to serve (allRestRoutes of the app's module routes); default: the node services' only. */
  readonly routes?: readonly RestRoute[];
  readonly registry?: SchemaRegistry;
  readonly logger: Logger;
  /** Request body bound (the SDK's rpc-max-body-bytes default). */
  readonly maxBodyBytes?: number;
}

export interface RunningRestServer {
  /** "host:port" actually bound. */
  readonly address: string;
  close(): Promise<void>;
}

/** runtime.HTTPStatusFromCode in grpc-gateway v1. */
export function httpStatusOf(code: number): number {
  const map: Record<number, number> = {
    0: 200,
    1: 408,
    2: 500,
    3: 400,
    4: 504,
    5: 404,
    6: 409,
    7: 403,
    8: 429,
    9: 400,
    10: 409,
    11: 400,
    12: 501,
    13: 500,
    14: 503,
    15: 500,
    16: 401,
  };
  return map[code] ?? 500;
}

interface ServedRoute extends CompiledRoute {
  readonly input: MessageSchema;
  readonly output: string;
}

/** A failure before the call: an HTTP status and the grpc-gateway error body's code. */
class GatewayError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function restListenAddress(address: string): { host: string; port: number } {
  const a = address.replace(/^tcp:\/\//, "").replace(/^https?:\/\//, "");
  const i = a.lastIndexOf(":");
  if (i < 0) throw new Error(`invalid API address ${address}`);
  const port = Number(a.slice(i + 1));
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid API address ${address}`);
  return { host: a.slice(0, i).replace(/^\[|\]$/g, ""), port };
}

export class RestGateway {
  private readonly registry: SchemaRegistry;
  private readonly routes: ServedRoute[];

  constructor(private readonly opts: Omit<RestServerOptions, "address">) {
    this.registry = opts.registry ?? defaultSchemaRegistry();
    const served: ServedRoute[] = [];
    for (const route of opts.routes ?? SERVICE_REST_ROUTES) {
      if (!opts.dispatcher.has(route.rpc)) continue;
      const method = this.registry.method(route.rpc);
      const input = method ? this.registry.message(method.input) : undefined;
      if (!method || !input) {
        opts.logger.warn("REST route without a schema for its method is not served", { path: route.path, rpc: route.rpc });
        continue;
      }
      served.push({ ...compileRoute(route), input, output: method.output });
    }
    // grpc-gateway v1 tries handlers in reverse registration order: on identical templates the
    // route registered last wins. A literal segment beats a variable at the same place, so that
    // ".../blocks/latest" is GetLatestBlock and not GetBlockByHeight("latest") (the stable sort
    // keeps the registration rule among equally specific templates).
    this.routes = served.reverse().sort((a, b) => compareSpecificity(a.segments, b.segments));
  }

  /** The routes being served, in match order. */
  servedRoutes(): RestRoute[] {
    return this.routes.map((r) => r.route);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").slice(1);
    const method = req.method ?? "GET";
    let matched: { route: ServedRoute; params: Map<string, string> } | undefined;
    let otherMethod = false;
    for (const route of this.routes) {
      const params = matchRoute(route, parts);
      if (!params) continue;
      if (route.route.method === method) {
        matched = { route, params };
        break;
      }
      otherMethod = true;
    }
    if (!matched) {
      writeError(res, otherMethod ? new GatewayError(12, "Method Not Allowed") : new GatewayError(12, "Not Implemented"));
      return;
    }
    const { route, params } = matched;
    let requestBytes: Uint8Array;
    try {
      const json = route.route.body === "*" ? await this.bodyJson(req) : this.queryJson(route, params, url.searchParams);
      requestBytes = sdkJsonToBytes(route.input.fullName, json, this.registry);
    } catch (err) {
      writeError(res, err instanceof GatewayError ? err : new GatewayError(3, (err as Error).message));
      return;
    }
    const heightHeader = headerValue(req, HEIGHT_HEADER) ?? headerValue(req, `grpc-metadata-${HEIGHT_HEADER}`);
    let result: { bytes: Uint8Array; height: bigint };
    try {
      result = await this.opts.dispatcher.invoke(route.route.rpc, requestBytes, heightHeader);
    } catch (err) {
      const e = err instanceof RpcError ? err : new RpcError(2, (err as Error).message);
      if (e.height !== undefined) res.setHeader(`Grpc-Metadata-X-Cosmos-Block-Height`, e.height.toString());
      writeError(res, new GatewayError(e.code, e.message));
      return;
    }
    let body: string;
    try {
      body = sdkJsonStringify(bytesToSdkJson(route.output, result.bytes, this.registry));
    } catch (err) {
      writeError(res, new GatewayError(2, (err as Error).message));
      return;
    }
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/json");
    res.setHeader("Grpc-Metadata-X-Cosmos-Block-Height", result.height.toString());
    res.setHeader("X-Cosmos-Block-Height", result.height.toString());
    res.end(body);
  }

  private async bodyJson(req: IncomingMessage): Promise<unknown> {
    const limit = this.opts.maxBodyBytes ?? 1_000_000;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > limit) throw new GatewayError(3, "http: request body too large");
      chunks.push(b);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (text.trim() === "") return {};
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new GatewayError(3, (err as Error).message);
    }
  }

  /** The request message as JSON from path parameters and query parameters (grpc-gateway's PopulateQueryParameters). */
  private queryJson(route: ServedRoute, params: Map<string, string>, query: URLSearchParams): Record<string, JsonValue> {
    const json: Record<string, JsonValue> = {};
    // deterministic: path parameters of one REST query fill distinct fields of its request
    for (const [name, value] of params) {
      try {
        this.setField(json, route.input, name.split("."), [value]);
      } catch (err) {
        throw new GatewayError(3, `type mismatch, parameter: ${name}, error: ${(err as Error).message}`);
      }
    }
    // deterministic: the query string's own order, for one REST query
    const keys = [...new Set(query.keys())];
    for (const key of keys) {
      if (params.has(key)) continue;
      this.setField(json, route.input, key.split("."), query.getAll(key));
    }
    return json;
  }

  private setField(json: Record<string, JsonValue>, schema: MessageSchema, path: readonly string[], values: readonly string[]): void {
    const [name, ...rest] = path;
    if (name === undefined) return;
    const field = schema.fields.find((f) => f.name === name || jsonNameOf(f.name) === name);
    if (!field) return; // unknown parameters are ignored, as grpc-gateway does
    if (rest.length > 0) {
      if (field.kind !== "message" || field.repeated || field.typeName === undefined) {
        throw new GatewayError(3, `non-aggregate type in the mid of path: ${path.join(".")}`);
      }
      const sub = this.registry.message(field.typeName);
      if (!sub) return;
      const existing = json[field.name];
      const child: Record<string, JsonValue> = isJsonObject(existing) ? { ...existing } : {};
      this.setField(child, sub, rest, values);
      json[field.name] = child;
      return;
    }
    if (field.map) return;
    if (field.repeated) {
      json[field.name] = values.map((v) => this.formValue(field, v));
      return;
    }
    if (values.length > 1) throw new GatewayError(3, `too many values for field "${name}": ${values.join(", ")}`);
    const v = values[0];
    if (v !== undefined) json[field.name] = this.formValue(field, v);
  }

  /** A query/path string as the JSON value of a field, with Go strconv-style errors. */
  private formValue(field: FieldSchema, raw: string): JsonValue {
    const syntax = (fn: string): GatewayError => new GatewayError(3, `strconv.${fn}: parsing ${JSON.stringify(raw)}: invalid syntax`);
    const range = (fn: string): GatewayError => new GatewayError(3, `strconv.${fn}: parsing ${JSON.stringify(raw)}: value out of range`);
    const int = (fn: string, min: bigint, max: bigint): bigint => {
      if (!/^[+-]?\d+$/.test(raw)) throw syntax(fn);
      const n = BigInt(raw);
      if (n < min || n > max) throw range(fn);
      return n;
    };
    switch (field.kind) {
      case "bool":
        if (["1", "t", "T", "TRUE", "true", "True"].includes(raw)) return true;
        if (["0", "f", "F", "FALSE", "false", "False"].includes(raw)) return false;
        throw syntax("ParseBool");
      case "int32":
      case "sint32":
      case "sfixed32":
        return Number(int("ParseInt", -(2n ** 31n), 2n ** 31n - 1n));
      case "uint32":
      case "fixed32":
        return Number(int("ParseUint", 0n, 2n ** 32n - 1n));
      case "int64":
      case "sint64":
      case "sfixed64":
        return int("ParseInt", -(2n ** 63n), 2n ** 63n - 1n).toString();
      case "uint64":
      case "fixed64":
        return int("ParseUint", 0n, 2n ** 64n - 1n).toString();
      case "float":
      case "double": {
        const n = Number(raw);
        if (raw.trim() === "" || Number.isNaN(n)) throw syntax("ParseFloat");
        return n;
      }
      case "enum": {
        const e = field.typeName === undefined ? undefined : this.registry.enum(field.typeName);
        if (e?.values.some((v) => v.name === raw)) return raw;
        if (/^-?\d+$/.test(raw) && e?.values.some((v) => v.number === Number(raw))) return Number(raw);
        throw new GatewayError(3, `${raw} is not valid`);
      }
      case "message":
        // Well-known types take their JSON string form (Timestamp, Duration).
        return raw;
      default:
        return raw;
    }
  }
}

function isJsonObject(v: JsonValue | undefined): v is { readonly [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function jsonNameOf(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v;
}

function writeError(res: ServerResponse, err: GatewayError): void {
  res.statusCode = httpStatusOf(err.code);
  res.setHeader("Content-Type", "application/json");
  res.end(sdkJsonStringify({ code: err.code, message: err.message, details: [] }));
}

export async function startRestServer(opts: RestServerOptions): Promise<RunningRestServer> {
  const gateway = new RestGateway(opts);
  const { host, port } = restListenAddress(opts.address);
  const server: Server = createServer((req, res) => {
    gateway.handle(req, res).catch((err: unknown) => {
      opts.logger.error("REST request failed", { url: req.url ?? "", err: (err as Error).message });
      if (!res.headersSent) writeError(res, new GatewayError(13, (err as Error).message));
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const address = `${host.includes(":") ? `[${host}]` : host}:${bound.port}`;
  opts.logger.info("REST server listening", { address, routes: gateway.servedRoutes().length });
  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Orders templates so that, at the first place they differ, a literal comes before a variable. */
function compareSpecificity(a: CompiledRoute["segments"], b: CompiledRoute["segments"]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const la = a[i] !== undefined && "literal" in (a[i] as object) ? 0 : 1;
    const lb = b[i] !== undefined && "literal" in (b[i] as object) ? 0 : 1;
    if (la !== lb) return la - lb;
  }
  return 0;
}
