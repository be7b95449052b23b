/**
 * google.protobuf.FileDescriptorProto bytes built from the schema registry, for gRPC server
 * reflection (`grpcurl list` / `describe`). Each file carries its messages (nested ones inside
 * their parent), enums and services, with `dependency` listing the files its fields and methods
 * refer to. Options (gogoproto, cosmos_proto, amino, google.api.http) are not carried: reflection
 * clients need names, numbers and types, and leaving options out keeps the closure of files small.
 */
import {
  FileDescriptorProto,
  type IDescriptorProto,
  type IEnumDescriptorProto,
  type IFieldDescriptorProto,
  type IFileDescriptorProto,
  type IServiceDescriptorProto,
} from "protobufjs/ext/descriptor";
import type { SchemaRegistry } from "./registry";
import type { EnumSchema, FieldSchema, MessageSchema, ServiceSchema } from "./types";

const TYPE_CODES: Record<FieldSchema["kind"], number> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  message: 11,
  bytes: 12,
  uint32: 13,
  enum: 14,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};
const LABEL_OPTIONAL = 1;
const LABEL_REPEATED = 3;

function jsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, "");
}

interface FileContents {
  readonly messages: MessageSchema[];
  readonly enums: EnumSchema[];
  readonly services: ServiceSchema[];
}

function contentsByFile(registry: SchemaRegistry): Map<string, FileContents> {
  const out = new Map<string, FileContents>();
  const of = (file: string): FileContents => {
    let c = out.get(file);
    if (!c) out.set(file, (c = { messages: [], enums: [], services: [] }));
    return c;
  };
  for (const m of registry.allMessages()) of(m.file).messages.push(m);
  for (const e of registry.allEnums()) of(e.file).enums.push(e);
  for (const s of registry.allServices()) of(s.file).services.push(s);
  return out;
}

/** The files a file's fields and methods refer to (other than itself). */
function dependenciesOf(registry: SchemaRegistry, file: string, contents: FileContents): string[] {
  const deps = new Set<string>();
  const add = (typeName: string | undefined): void => {
    if (typeName === undefined) return;
    const target = registry.message(typeName)?.file ?? registry.enum(typeName)?.file;
    if (target === undefined) throw new Error(`${file}: unknown type ${typeName}`);
    if (target !== file) deps.add(target);
  };
  for (const m of contents.messages) for (const f of m.fields) add(f.typeName);
  for (const s of contents.services) {
    for (const method of s.methods) {
      add(method.input);
      add(method.output);
    }
  }
  return [...deps].sort();
}

/** `files` and every file they depend on, transitively. */
export function fileClosure(registry: SchemaRegistry, files: Iterable<string>): string[] {
  const byFile = contentsByFile(registry);
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const contents = byFile.get(file);
    if (!contents) throw new Error(`no schema for proto file ${file}`);
    for (const dep of dependenciesOf(registry, file, contents)) visit(dep);
  };
  for (const f of files) visit(f);
  return [...seen].sort();
}

/** The descriptor of one file as a plain object (proto field names in lowerCamel, as protobufjs takes them). */
export function fileDescriptorObject(registry: SchemaRegistry, file: string): IFileDescriptorProto {
  const contents = contentsByFile(registry).get(file);
  const info = registry.file(file);
  if (!contents || !info) throw new Error(`no schema for proto file ${file}`);
  const pkgPrefix = info.package === "" ? "" : `${info.package}.`;
  const relative = (fullName: string): string => fullName.slice(pkgPrefix.length);
  const parentOf = (fullName: string): string => {
    const rel = relative(fullName);
    const dot = rel.lastIndexOf(".");
    return dot < 0 ? "" : pkgPrefix + rel.slice(0, dot);
  };
  const simpleName = (fullName: string): string => fullName.slice(fullName.lastIndexOf(".") + 1);

  const messagesByParent = new Map<string, MessageSchema[]>();
  for (const m of contents.messages) {
    const p = parentOf(m.fullName);
    messagesByParent.set(p, [...(messagesByParent.get(p) ?? []), m]);
  }
  const enumsByParent = new Map<string, EnumSchema[]>();
  for (const e of contents.enums) {
    const p = parentOf(e.fullName);
    enumsByParent.set(p, [...(enumsByParent.get(p) ?? []), e]);
  }

  const enumDescriptor = (e: EnumSchema): IEnumDescriptorProto => ({
    name: simpleName(e.fullName),
    value: e.values.map((v) => ({ name: v.name, number: v.number })),
  });

  const messageDescriptor = (m: MessageSchema): IDescriptorProto => {
    const fields: IFieldDescriptorProto[] = m.fields.map((f) => {
      const d: IFieldDescriptorProto = {
        name: f.name,
        number: f.number,
        label: f.repeated ? LABEL_REPEATED : LABEL_OPTIONAL,
        type: TYPE_CODES[f.kind],
        jsonName: jsonName(f.name),
      };
      if (f.typeName !== undefined) d.typeName = `.${f.typeName}`;
      if (f.oneof !== undefined) d.oneofIndex = m.oneofs.indexOf(f.oneof);
      return d;
    });
    const d: IDescriptorProto = {
      name: simpleName(m.fullName),
      field: fields,
      nestedType: (messagesByParent.get(m.fullName) ?? []).map(messageDescriptor),
      enumType: (enumsByParent.get(m.fullName) ?? []).map(enumDescriptor),
      oneofDecl: m.oneofs.map((name) => ({ name })),
    };
    if (m.mapEntry) d.options = { mapEntry: true };
    return d;
  };

  const serviceDescriptor = (s: ServiceSchema): IServiceDescriptorProto => ({
    name: simpleName(s.fullName),
    method: s.methods.map((method) => ({
      name: method.name,
      inputType: `.${method.input}`,
      outputType: `.${method.output}`,
      clientStreaming: method.clientStreaming,
      serverStreaming: method.serverStreaming,
    })),
  });

  return {
    name: file,
    package: info.package,
    dependency: dependenciesOf(registry, file, contents),
    messageType: (messagesByParent.get("") ?? []).map(messageDescriptor),
    enumType: (enumsByParent.get("") ?? []).map(enumDescriptor),
    service: contents.services.map(serviceDescriptor),
    syntax: "proto3",
  };
}

/** Encoded FileDescriptorProtos of `files` and all they depend on, by file name. */
export function encodeFileDescriptors(registry: SchemaRegistry, files: Iterable<string>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const file of fileClosure(registry, files)) {
    const message = FileDescriptorProto.fromObject(fileDescriptorObject(registry, file));
    out.set(file, FileDescriptorProto.encode(message).finish());
  }
  return out;
}
