import * as protobuf from "protobufjs";
import type { SchemaRegistry } from "./registry";
import { isScalarType, type CustomType, type FieldSchema } from "./types";

/**
 * Adds plumed's own protobufjs types (a loaded Root or any Namespace) to a schema registry, so
 * they get the SDK JSON codec and gRPC reflection like the cosmjs-types ones.
 *
 * gogoproto options in the .proto source are honoured: `(gogoproto.nullable) = false` and
 * `(gogoproto.customtype)` naming LegacyDec or Int. Types whose `filename` protobufjs does not
 * know (roots built from JSON) are attributed to `defaultFile`, which is then required.
 * Static protobufjs classes (`pbjs -t static-module`) can be given as codecs with
 * registry.addCodec; reflected Types are registered as their own codecs.
 */
export function addProtobufjsTypes(registry: SchemaRegistry, ns: protobuf.NamespaceBase, defaultFile?: string): void {
  ns.resolveAll();
  const visit = (obj: protobuf.ReflectionObject): void => {
    if (obj instanceof protobuf.Type) addType(registry, obj, fileOf(obj, defaultFile));
    else if (obj instanceof protobuf.Enum) addEnum(registry, obj, fileOf(obj, defaultFile));
    else if (obj instanceof protobuf.Service) addService(registry, obj, fileOf(obj, defaultFile));
    if (obj instanceof protobuf.Namespace) for (const child of obj.nestedArray) visit(child);
  };
  for (const child of ns.nestedArray) visit(child);
}

const bare = (fullName: string): string => (fullName.startsWith(".") ? fullName.slice(1) : fullName);

function fileOf(obj: protobuf.ReflectionObject, defaultFile: string | undefined): string {
  const name = obj.filename ?? defaultFile;
  if (name === undefined || name === null) throw new Error(`${bare(obj.fullName)}: unknown .proto file; pass defaultFile`);
  return name.replace(/^.*?\/proto\//, "");
}

function packageOf(obj: protobuf.ReflectionObject): string {
  // The package is the chain of namespaces that are neither types nor services.
  const parts: string[] = [];
  for (let p = obj.parent; p && !(p instanceof protobuf.Root); p = p.parent) {
    if (!(p instanceof protobuf.Type)) parts.unshift(p.name);
    else parts.length = 0;
  }
  return parts.join(".");
}

function customTypeOf(options: Record<string, unknown> | undefined): CustomType | undefined {
  const ct = options?.["(gogoproto.customtype)"];
  if (typeof ct !== "string") return undefined;
  if (/LegacyDec$|\.Dec$/.test(ct)) return "LegacyDec";
  if (/\.Int$/.test(ct)) return "Int";
  return undefined;
}

function fieldSchema(field: protobuf.FieldBase, where: string): FieldSchema {
  const options = field.options;
  const resolved = field.resolvedType;
  const oneof = field.partOf && !field.partOf.name.startsWith("_") ? field.partOf.name : undefined;
  const proto3Optional = field.partOf !== null && field.partOf.name.startsWith("_");
  const base = {
    name: field.name,
    number: field.id,
    repeated: field.repeated,
    presence: oneof !== undefined || proto3Optional,
    ...(oneof !== undefined ? { oneof } : {}),
  };
  if (resolved instanceof protobuf.Type) {
    return { ...base, kind: "message", typeName: bare(resolved.fullName), nullable: options?.["(gogoproto.nullable)"] !== false };
  }
  if (resolved instanceof protobuf.Enum) {
    return { ...base, kind: "enum", typeName: bare(resolved.fullName), nullable: false };
  }
  if (!isScalarType(field.type)) throw new Error(`${where}.${field.name}: unsupported type ${field.type}`);
  const customType = customTypeOf(options);
  return {
    ...base,
    kind: field.type,
    nullable: customType !== undefined && options?.["(gogoproto.nullable)"] !== false,
    ...(customType !== undefined ? { customType } : {}),
  };
}

function addType(registry: SchemaRegistry, type: protobuf.Type, file: string): void {
  const fullName = bare(type.fullName);
  registry.addFile({ name: file, package: packageOf(type) });
  const fields: FieldSchema[] = [];
  for (const field of type.fieldsArray) {
    if (field instanceof protobuf.MapField) {
      // A map is a repeated synthetic entry message "<Field>Entry" with key = 1 and value = 2.
      const entryName = `${fullName}.${field.name.charAt(0).toUpperCase()}${field.name.slice(1).replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}Entry`;
      if (!isScalarType(field.keyType)) throw new Error(`${fullName}.${field.name}: unsupported map key ${field.keyType}`);
      const value = fieldSchema(field, fullName);
      const valueField: FieldSchema = { ...value, name: "value", number: 2, repeated: false };
      const keyField: FieldSchema = { name: "key", number: 1, kind: field.keyType, repeated: false, nullable: false, presence: false };
      registry.addMessage({ fullName: entryName, file, fields: [keyField, valueField], oneofs: [], mapEntry: true });
      fields.push({
        name: field.name,
        number: field.id,
        kind: "message",
        typeName: entryName,
        repeated: true,
        nullable: true,
        presence: false,
        map: { key: field.keyType, value: valueField },
      });
    } else {
      fields.push(fieldSchema(field, fullName));
    }
  }
  const oneofs = type.oneofsArray.filter((o) => !o.name.startsWith("_")).map((o) => o.name);
  registry.addMessage({ fullName, file, fields, oneofs });
  registry.addCodec(fullName, { encode: (m: unknown) => type.encode(type.fromObject(m as Record<string, unknown>)), decode: (b: Uint8Array) => type.decode(b) });
}

function addEnum(registry: SchemaRegistry, e: protobuf.Enum, file: string): void {
  registry.addFile({ name: file, package: packageOf(e) });
  registry.addEnum({ fullName: bare(e.fullName), file, values: Object.entries(e.values).map(([name, number]) => ({ name, number })) });
}

function addService(registry: SchemaRegistry, s: protobuf.Service, file: string): void {
  registry.addFile({ name: file, package: packageOf(s) });
  registry.addService({
    fullName: bare(s.fullName),
    file,
    methods: s.methodsArray.map((m) => {
      m.resolve();
      const input = m.resolvedRequestType;
      const output = m.resolvedResponseType;
      if (!input || !output) throw new Error(`${bare(s.fullName)}.${m.name}: unresolved request or response type`);
      return {
        name: m.name,
        input: bare(input.fullName),
        output: bare(output.fullName),
        clientStreaming: m.requestStream === true,
        serverStreaming: m.responseStream === true,
      };
    }),
  });
}
