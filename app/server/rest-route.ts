/**
 * REST (LCD) routes: the `google.api.http` annotations of the SDK's query and service protos,
 * as grpc-gateway v1 serves them. A module lists its routes in `x/<module>/rest-routes.ts`.
 */

export interface RestRoute {
  readonly method: "GET" | "POST";
  /**
   * The path template: literal segments, `{field}` (one segment bound to a request field, dotted
   * paths allowed) or `{field=**}` (the rest of the path).
   */
  readonly path: string;
  /** The gRPC method answering it, "/cosmos.bank.v1beta1.Query/Balance". */
  readonly rpc: string;
  /** POST routes: "*" maps the JSON body onto the whole request (then no query parameters). */
  readonly body?: "*";
}

/** GET routes of one service, `[method, path]` in the order the proto declares them. */
export function getRoutes(service: string, routes: readonly (readonly [string, string])[]): RestRoute[] {
  return routes.map(([method, path]) => ({ method: "GET", path, rpc: `/${service}/${method}` }));
}

type Segment = { readonly literal: string } | { readonly field: string; readonly rest: boolean };

export interface CompiledRoute {
  readonly route: RestRoute;
  readonly segments: readonly Segment[];
}

export function compileRoute(route: RestRoute): CompiledRoute {
  if (!route.path.startsWith("/")) throw new Error(`REST route ${route.path} must start with /`);
  const segments: Segment[] = route.path
    .slice(1)
    .split("/")
    .map((s) => {
      const m = /^\{([\w.]+)(=\*\*)?\}$/.exec(s);
      if (m && m[1] !== undefined) return { field: m[1], rest: m[2] !== undefined };
      if (/[{}]/.test(s)) throw new Error(`REST route ${route.path}: unsupported segment ${s}`);
      return { literal: s };
    });
  segments.forEach((s, i) => {
    if ("field" in s && s.rest && i !== segments.length - 1) throw new Error(`REST route ${route.path}: ** must be last`);
  });
  return { route, segments };
}

/** The path parameters if `path` (already split, undecoded) matches; undefined otherwise. */
export function matchRoute(compiled: CompiledRoute, parts: readonly string[]): Map<string, string> | undefined {
  const params = new Map<string, string>();
  const segs = compiled.segments;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    if (seg === undefined) return undefined;
    if ("literal" in seg) {
      if (parts[i] !== seg.literal) return undefined;
      continue;
    }
    if (seg.rest) {
      if (i >= parts.length) return undefined;
      params.set(seg.field, parts.slice(i).map(safeDecode).join("/"));
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === "") return undefined;
    params.set(seg.field, safeDecode(part));
  }
  return parts.length === segs.length ? params : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
