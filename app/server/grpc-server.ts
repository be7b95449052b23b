/**
 * The gRPC server (app.toml [grpc], default 127.0.0.1:9090): every method the query router and
 * the async services know becomes a unary gRPC method that passes protobuf bytes straight
 * through the dispatcher, plus gRPC server reflection (v1 and v1alpha) over descriptors built
 * from the schema registry, so `grpcurl -plaintext localhost:9090 list` and `describe` work.
 *
 * The `x-cosmos-block-height` request metadata selects the query height; the response header
 * carries the height used, as the SDK's interceptor does (baseapp/grpcserver.go).
 */
import * as grpc from "@grpc/grpc-js";
import { ReflectionService } from "@grpc/reflection";
import { dirname, join } from "node:path";
import * as protobuf from "protobufjs";
import type { Logger } from "../logger";
import { encodeFileDescriptors } from "../../proto/schema/descriptors";
import { addProtobufjsTypes } from "../../proto/schema/protobufjs";
import { defaultSchemaRegistry, SchemaRegistry } from "../../proto/schema/registry";
import { HEIGHT_HEADER, RpcError, type QueryDispatcher } from "./dispatcher";

export interface GrpcServerOptions {
  /** "127.0.0.1:9090" (app.toml), "tcp://host:port" is accepted; port 0 picks a free port. */
  readonly address: string;
  readonly dispatcher: QueryDispatcher;
  readonly registry?: SchemaRegistry;
  readonly logger: Logger;
  /** Message size bounds (the SDK's defaults: 10 MiB in, max int out). */
  readonly maxRecvMessageBytes?: number;
  readonly maxSendMessageBytes?: number;
}

export interface RunningGrpcServer {
  /** The bound address, "host:port". */
  readonly address: string;
  /** Services offered through reflection. */
  readonly reflectedServices: readonly string[];
  close(): Promise<void>;
}

const REFLECTION_SERVICES = ["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"];

export function grpcListenAddress(address: string): string {
  return address.replace(/^tcp:\/\//, "");
}

/** Splits "/pkg.Service/Method". */
function splitPath(path: string): { service: string; method: string } {
  const m = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`invalid gRPC method path ${path}`);
  return { service: m[1], method: m[2] };
}

const passThrough = {
  serialize: (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  deserialize: (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
};

function heightHeaderOf(metadata: grpc.Metadata): string | undefined {
  const values = metadata.get(HEIGHT_HEADER);
  // The SDK only honours a single value.
  return values.length === 1 ? String(values[0]) : undefined;
}

export async function startGrpcServer(opts: GrpcServerOptions): Promise<RunningGrpcServer> {
  const registry = opts.registry ?? defaultSchemaRegistry();
  const server = new grpc.Server({
    "grpc.max_receive_message_length": opts.maxRecvMessageBytes ?? 10 * 1024 * 1024,
    "grpc.max_send_message_length": opts.maxSendMessageBytes ?? 2 ** 31 - 1,
  });
  const log = opts.logger;

  const byService = new Map<string, string[]>();
  for (const path of opts.dispatcher.paths()) {
    const { service, method } = splitPath(path);
    byService.set(service, [...(byService.get(service) ?? []), method]);
  }

  // deterministic: registering services with the gRPC server; the order reaches no state
  for (const [service, methods] of byService) {
    const definition: Record<string, grpc.MethodDefinition<Uint8Array, Uint8Array>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const method of methods) {
      const path = `/${service}/${method}`;
      definition[method] = {
        path,
        requestStream: false,
        responseStream: false,
        requestSerialize: passThrough.serialize,
        requestDeserialize: passThrough.deserialize,
        responseSerialize: passThrough.serialize,
        responseDeserialize: passThrough.deserialize,
      };
      const handler: grpc.handleUnaryCall<Uint8Array, Uint8Array> = (call, callback) => {
        opts.dispatcher.invoke(path, call.request, heightHeaderOf(call.metadata)).then(
          (res) => {
            const md = new grpc.Metadata();
            md.set(HEIGHT_HEADER, res.height.toString());
            call.sendMetadata(md);
            callback(null, res.bytes);
          },
          (err: unknown) => {
            const e = err instanceof RpcError ? err : new RpcError(grpc.status.UNKNOWN, err instanceof Error ? err.message : String(err));
            if (e.height !== undefined) {
              const md = new grpc.Metadata();
              md.set(HEIGHT_HEADER, e.height.toString());
              call.sendMetadata(md);
            }
            callback({ code: e.code, details: e.message });
          },
        );
      };
      implementation[method] = handler;
    }
    server.addService(definition, implementation);
  }

  const reflected = [...byService.keys()].filter((s) => registry.service(s) !== undefined).sort();
  // deterministic: a log line
  const unknown = [...byService.keys()].filter((s) => registry.service(s) === undefined);
  if (unknown.length > 0) log.warn("gRPC services without a schema are served but not reflected", { services: unknown.join(",") });
  const descriptors = reflectionDescriptors(registry, reflected, log);
  new ReflectionService(descriptors.packageDefinition, { services: [...reflected, ...descriptors.reflectionServices] }).addToServer(server);

  const listen = grpcListenAddress(opts.address);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(listen, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  const host = listen.slice(0, listen.lastIndexOf(":"));
  const address = `${host}:${port}`;
  log.info("gRPC server listening", { address, services: byService.size });

  return {
    address,
    reflectedServices: [...reflected, ...descriptors.reflectionServices],
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), 5_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * The package definition @grpc/reflection reads: all descriptor files in one entry. The
 * reflection service's own .proto files (shipped with @grpc/reflection) are added when found,
 * so that `grpcurl list` shows it as the SDK's server does.
 */
type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

function reflectionDescriptors(registry: SchemaRegistry, services: readonly string[], log: Logger): { packageDefinition: PackageDefinition; reflectionServices: string[] } {
  const files = new Set<string>();
  for (const s of services) {
    const schema = registry.service(s);
    if (schema) files.add(schema.file);
  }
  // deterministic: reflection descriptors served to gRPC clients, not state
  const encoded = [...encodeFileDescriptors(registry, files).values()];
  const reflectionServices: string[] = [];
  try {
    const reflection = reflectionProtoRegistry();
    for (const s of REFLECTION_SERVICES) {
      const schema = reflection.service(s);
      if (!schema) continue;
      // deterministic: reflection descriptors served to gRPC clients, not state
      encoded.push(...encodeFileDescriptors(reflection, [schema.file]).values());
      reflectionServices.push(s);
    }
  } catch (err) {
    log.debug("gRPC reflection service descriptors unavailable", { err: (err as Error).message });
  }
  return {
    packageDefinition: {
      // Only fileDescriptorProtos is read; format and type satisfy proto-loader's type.
      "plumed.descriptors": { format: "Protocol Buffer 3 DescriptorProto", type: {}, fileDescriptorProtos: encoded.map((b) => Buffer.from(b)) },
    },
    reflectionServices,
  };
}

let reflectionRegistry: SchemaRegistry | undefined;
function reflectionProtoRegistry(): SchemaRegistry {
  if (!reflectionRegistry) {
    const root = join(dirname(require.resolve("@grpc/reflection")), "..", "proto");
    const r = new SchemaRegistry();
    const files = ["grpc/reflection/v1/reflection.proto", "grpc/reflection/v1alpha/reflection.proto"];
    for (const file of files) addProtobufjsTypes(r, protobuf.loadSync(join(root, file)), file);
    reflectionRegistry = r;
  }
  return reflectionRegistry;
}
