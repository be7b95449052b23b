import { COSMJS_SCHEMA } from "../generated/cosmjs-schema";
import { loadPlumeProtos } from "../plume/schema";
import { addProtobufjsTypes } from "./protobufjs";
import { INT_FIELDS, LEGACY_DEC_FIELDS, NULLABLE_CUSTOM_FIELDS, ONEOFS, RAW_JSON_FIELDS } from "../sdk-overlay";
import {
  isScalarType,
  type CustomType,
  type EnumSchema,
  type FieldSchema,
  type FileSchema,
  type GeneratedFile,
  type MessageSchema,
  type MethodSchema,
  type ServiceSchema,
} from "./types";

/** The binary half of a message codec (cosmjs-types codecs and protobufjs static classes fit). */
export interface BinaryCodec<T = unknown> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
}

/** Knowledge applied on top of the generated tables (see proto/sdk-overlay.ts). */
export interface SchemaOverlay {
  readonly legacyDecFields: readonly string[];
  readonly intFields: readonly string[];
  readonly rawJsonFields: readonly string[];
  readonly nullableCustomFields: readonly string[];
  readonly oneofs: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

export const SDK_OVERLAY: SchemaOverlay = {
  legacyDecFields: LEGACY_DEC_FIELDS,
  intFields: INT_FIELDS,
  rawJsonFields: RAW_JSON_FIELDS,
  nullableCustomFields: NULLABLE_CUSTOM_FIELDS,
  oneofs: ONEOFS,
};

/** "/cosmos.bank.v1beta1.MsgSend", ".cosmos.bank.v1beta1.MsgSend" or the bare name -> the bare name. */
export function normalizeTypeName(typeUrlOrName: string): string {
  const slash = typeUrlOrName.lastIndexOf("/");
  const name = slash >= 0 ? typeUrlOrName.slice(slash + 1) : typeUrlOrName;
  return name.startsWith(".") ? name.slice(1) : name;
}

/**
 * Every message, enum and service plumed knows the schema of, by fully qualified name.
 * Registering a name twice is a programming error and throws.
 */
export class SchemaRegistry {
  private readonly messages = new Map<string, MessageSchema>();
  private readonly enums = new Map<string, EnumSchema>();
  private readonly services = new Map<string, ServiceSchema>();
  private readonly files = new Map<string, FileSchema>();
  private readonly codecs = new Map<string, BinaryCodec>();
  /** Lazily loaded codecs: message name -> [module specifier, export name]. */
  private readonly codecSources = new Map<string, readonly [string, string]>();

  addFile(file: FileSchema): void {
    const existing = this.files.get(file.name);
    if (existing && existing.package !== file.package) {
      throw new Error(`proto file ${file.name} registered twice with different packages`);
    }
    this.files.set(file.name, file);
  }

  addMessage(message: MessageSchema): void {
    if (this.messages.has(message.fullName) || this.enums.has(message.fullName)) {
      throw new Error(`proto type ${message.fullName} registered twice`);
    }
    this.messages.set(message.fullName, message);
  }

  addEnum(schema: EnumSchema): void {
    if (this.messages.has(schema.fullName) || this.enums.has(schema.fullName)) {
      throw new Error(`proto type ${schema.fullName} registered twice`);
    }
    this.enums.set(schema.fullName, schema);
  }

  addService(service: ServiceSchema): void {
    if (this.services.has(service.fullName)) throw new Error(`proto service ${service.fullName} registered twice`);
    this.services.set(service.fullName, service);
  }

  /** A codec for `toSdkJson`/`fromSdkJson` on message objects. */
  addCodec(fullName: string, codec: BinaryCodec): void {
    if (this.codecs.has(fullName)) throw new Error(`codec for ${fullName} registered twice`);
    this.codecs.set(fullName, codec);
  }

  message(name: string): MessageSchema | undefined {
    return this.messages.get(normalizeTypeName(name));
  }

  requireMessage(name: string): MessageSchema {
    const m = this.message(name);
    if (!m) throw new Error(`unknown proto message ${normalizeTypeName(name)}`);
    return m;
  }

  enum(name: string): EnumSchema | undefined {
    return this.enums.get(normalizeTypeName(name));
  }

  service(name: string): ServiceSchema | undefined {
    return this.services.get(name);
  }

  file(name: string): FileSchema | undefined {
    return this.files.get(name);
  }

  /** A gRPC method by its path "/cosmos.bank.v1beta1.Query/Balance". */
  method(path: string): MethodSchema | undefined {
    const m = /^\/([\w.]+)\/(\w+)$/.exec(path);
    if (!m || m[1] === undefined) return undefined;
    return this.services.get(m[1])?.methods.find((x) => x.name === m[2]);
  }

  allMessages(): IterableIterator<MessageSchema> {
    return this.messages.values();
  }

  allEnums(): IterableIterator<EnumSchema> {
    return this.enums.values();
  }

  allServices(): IterableIterator<ServiceSchema> {
    return this.services.values();
  }

  codec(name: string): BinaryCodec | undefined {
    const fullName = normalizeTypeName(name);
    const registered = this.codecs.get(fullName);
    if (registered) return registered;
    const source = this.codecSources.get(fullName);
    if (!source) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- codec modules are loaded by name, on first use
    const mod = require(source[0]) as Record<string, unknown>;
    const codec = mod[source[1]] as BinaryCodec | undefined;
    if (!codec || typeof codec.encode !== "function") throw new Error(`${source[0]} has no codec ${source[1]}`);
    this.codecs.set(fullName, codec);
    return codec;
  }

  /**
   * Adds generated tables (proto/generated/*) with the overlay's customtype and oneof knowledge.
   * `moduleOf(file)` names the JS module holding each file's codecs (for cosmjs-types, the
   * file path without ".proto"); pass undefined when there are none.
   */
  addGenerated(files: readonly GeneratedFile[], overlay: SchemaOverlay, moduleOf?: (file: string) => string): void {
    const dec = new Set(overlay.legacyDecFields);
    const int = new Set(overlay.intFields);
    const rawJson = new Set(overlay.rawJsonFields);
    const nullableCustom = new Set(overlay.nullableCustomFields);
    for (const f of files) {
      this.addFile({ name: f.file, package: f.package });
      for (const [relName, values] of f.enums) {
        this.addEnum({ fullName: `${f.package}.${relName}`, file: f.file, values: values.map(([name, number]) => ({ name, number })) });
      }
      for (const [relName, genFields] of f.messages) {
        const fullName = `${f.package}.${relName}`;
        const oneofGroups = overlay.oneofs[fullName] ?? {};
        const oneofOf = new Map<string, string>();
        for (const [group, members] of Object.entries(oneofGroups)) for (const m of members) oneofOf.set(m, group);
        const fields: FieldSchema[] = genFields.map(([number, name, type, flags = ""]) => {
          const key = `${fullName}.${name}`;
          const customType: CustomType | undefined = dec.has(key) ? "LegacyDec" : int.has(key) ? "Int" : rawJson.has(key) ? "RawJson" : undefined;
          const oneof = oneofOf.get(name);
          let kind: FieldSchema["kind"];
          let typeName: string | undefined;
          if (type.startsWith("m:")) {
            kind = "message";
            typeName = type.slice(2);
          } else if (type.startsWith("e:")) {
            kind = "enum";
            typeName = type.slice(2);
          } else if (isScalarType(type)) {
            kind = type;
          } else {
            throw new Error(`${key}: unknown field type ${type}`);
          }
          return {
            name,
            number,
            kind,
            ...(typeName !== undefined ? { typeName } : {}),
            repeated: flags.includes("r"),
            nullable: kind === "message" ? !flags.includes("n") : nullableCustom.has(key),
            presence: flags.includes("o") || oneof !== undefined,
            ...(oneof !== undefined ? { oneof } : {}),
            ...(customType !== undefined ? { customType } : {}),
          };
        });
        this.addMessage({ fullName, file: f.file, fields, oneofs: Object.keys(oneofGroups) });
        if (moduleOf) this.codecSources.set(fullName, [moduleOf(f.file), relName.replace(/\./g, "_")]);
      }
      for (const [relName, methods] of f.services) {
        this.addService({
          fullName: `${f.package}.${relName}`,
          file: f.file,
          methods: methods.map(([name, input, output]) => ({ name, input, output, clientStreaming: false, serverStreaming: false })),
        });
      }
    }
  }
}

let defaultRegistry: SchemaRegistry | undefined;

/** The registry of every cosmjs-types message with the SDK overlay; built once, on first use. */
export function defaultSchemaRegistry(): SchemaRegistry {
  if (!defaultRegistry) {
    const r = new SchemaRegistry();
    r.addGenerated(COSMJS_SCHEMA, SDK_OVERLAY, (file) => `cosmjs-types/${file.replace(/\.proto$/, "")}`);
    // plumed's own types (plume.*), so REST, gRPC reflection and JSON know them like the SDK's.
    addProtobufjsTypes(r, loadPlumeProtos());
    defaultRegistry = r;
  }
  return defaultRegistry;
}
