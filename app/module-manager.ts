import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "./context";
import type { Logger } from "./logger";
import type { AppModule, JsonObject, JsonValue, ServiceRegistrar } from "./module";
import type { RestRoute } from "./server/rest-route";

/** Each module's consensus version, by module name (the SDK's module.VersionMap). */
export type VersionMap = Readonly<Record<string, number>>;

/** The order in which the app calls its modules; each list is declared once, in app/app.ts. */
export interface ModuleOrder {
  readonly initGenesis: readonly string[];
  readonly exportGenesis: readonly string[];
  readonly beginBlock: readonly string[];
  readonly endBlock: readonly string[];
}

/** Genesis sections of SDK modules plumed does not run (accepted when they hold no state). */
const EMPTY_VALUES = new Set<JsonValue>([null, "", "0", false, 0]);

/**
 * Whether an unsupported module's genesis section holds state. Params alone are not state (a
 * default SDK genesis carries params for every module), and neither are empty lists/objects or
 * zero scalars; anything else is state plumed would silently drop, which must be an error.
 */
export function sectionHoldsState(section: JsonValue, isTopLevel = true): boolean {
  if (EMPTY_VALUES.has(section)) return false;
  if (Array.isArray(section)) return section.length > 0;
  if (typeof section === "object" && section !== null) {
    // deterministic: "does any value hold state" has the same answer in any order
    for (const [key, value] of Object.entries(section as JsonObject)) {
      if (isTopLevel && key === "params") continue;
      if (sectionHoldsState(value, false)) return true;
    }
    return false;
  }
  return true;
}

function consensusVersionOf(m: AppModule): number {
  return m.consensusVersion ?? 1;
}

/** Each name a module claims (a store, a codespace) belongs to exactly one module. */
function claimOnce(modules: readonly AppModule[], what: string, claims: (m: AppModule) => readonly string[]): void {
  const owners = new Map<string, string>();
  for (const m of modules) {
    for (const name of claims(m)) {
      const owner = owners.get(name);
      if (owner !== undefined) throw new Error(`${what} ${name} claimed by both ${owner} and ${m.name}`);
      owners.set(name, m.name);
    }
  }
}

export class ModuleManager {
  private readonly byName = new Map<string, AppModule>();

  constructor(
    readonly modules: readonly AppModule[],
    readonly order: ModuleOrder,
  ) {
    for (const m of modules) {
      if (this.byName.has(m.name)) throw new Error(`module ${m.name} registered twice`);
      this.byName.set(m.name, m);
    }
    this.checkOrder("initGenesis", (m) => m.initGenesis !== undefined);
    this.checkOrder("exportGenesis", (m) => m.exportGenesis !== undefined);
    this.checkOrder("beginBlock", (m) => m.beginBlock !== undefined);
    this.checkOrder("endBlock", (m) => m.endBlock !== undefined);
    claimOnce(modules, "store", (m) => m.storeNames);
    claimOnce(modules, "codespace", (m) => m.codespaces ?? []);
    for (const m of modules) {
      const version = consensusVersionOf(m);
      if (!Number.isInteger(version) || version < 1) throw new Error(`module ${m.name}: consensus version must be an integer >= 1, got ${version}`);
    }
  }

  /** Every module that implements a phase must be listed in that phase's order, exactly once. */
  private checkOrder(phase: keyof ModuleOrder, implementsPhase: (m: AppModule) => boolean): void {
    const listed = this.order[phase];
    const seen = new Set<string>();
    for (const name of listed) {
      if (seen.has(name)) throw new Error(`module ${name} listed twice in ${phase} order`);
      seen.add(name);
      const m = this.byName.get(name);
      if (!m) throw new Error(`${phase} order names unknown module ${name}`);
      if (!implementsPhase(m)) throw new Error(`${phase} order lists ${name}, which has no ${phase}`);
    }
    for (const m of this.modules) {
      if (implementsPhase(m) && !seen.has(m.name)) throw new Error(`module ${m.name} missing from ${phase} order`);
    }
  }

  module(name: string): AppModule | undefined {
    return this.byName.get(name);
  }

  storeNames(): string[] {
    return this.modules.flatMap((m) => m.storeNames).sort();
  }

  /** The modules' LCD routes, in module order (grpc-gateway's registration order). */
  restRoutes(): RestRoute[] {
    return this.modules.flatMap((m) => m.restRoutes ?? []);
  }

  /** Which module owns each error codespace. */
  codespaceOwners(): Map<string, string> {
    return new Map(this.modules.flatMap((m) => (m.codespaces ?? []).map((c) => [c, m.name] as const)));
  }

  /** Every module's consensus version (what the app records in state at genesis and upgrades). */
  versionMap(): VersionMap {
    const out: Record<string, number> = {};
    for (const m of [...this.modules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[m.name] = consensusVersionOf(m);
    return out;
  }

  /**
   * RunMigrations (SDK module.Manager): brings every module from its version in `from` (the
   * versions recorded in state) to its current version, one registered migration at a time, in
   * genesis order; a module missing from `from` is new and gets its default genesis instead (its
   * validator updates, if any, are not applied: no module that returns them is added this way).
   * Throws (halting the upgrade) when a migration is missing or a version would go down.
   */
  runMigrations(ctx: Context, from: VersionMap): VersionMap {
    for (const name of this.migrationOrder()) {
      const m = this.byName.get(name) as AppModule;
      const to = consensusVersionOf(m);
      const have = Object.prototype.hasOwnProperty.call(from, name) ? from[name] : undefined;
      if (have === undefined) {
        if (m.initGenesis) {
          ctx.logger.info("adding a new module", { module: name, version: to });
          const updates = m.initGenesis(ctx, m.defaultGenesis?.() ?? {});
          if (updates && updates.length > 0) throw new Error(`new module ${name} returned validator updates in an upgrade`);
        }
        continue;
      }
      if (have > to) throw new Error(`module ${name}: state is at consensus version ${have}, above the code's ${to}`);
      for (let v = have; v < to; v++) {
        const migrate = m.migrations?.[v];
        if (migrate === undefined) throw new Error(`module ${name}: no migration registered from consensus version ${v} to ${v + 1}`);
        ctx.logger.info("migrating module", { module: name, from: v, to: v + 1 });
        migrate(ctx);
      }
    }
    return this.versionMap();
  }

  /** Genesis order, then any module without a genesis (it may still have migrations). */
  private migrationOrder(): string[] {
    const listed = new Set(this.order.initGenesis);
    return [...this.order.initGenesis, ...this.modules.map((m) => m.name).filter((n) => !listed.has(n))];
  }

  registerServices(registrar: ServiceRegistrar): void {
    for (const m of this.modules) m.registerServices?.(registrar);
  }

  defaultGenesis(): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    for (const name of this.order.initGenesis) {
      const m = this.byName.get(name);
      if (m?.defaultGenesis) out[name] = m.defaultGenesis();
    }
    return out;
  }

  /** Validates every section; unsupported sections are an error when they hold state. */
  validateGenesis(appState: JsonObject, logger?: Logger): void {
    for (const key of Object.keys(appState).sort()) {
      const section = appState[key] as JsonValue;
      const m = this.byName.get(key);
      if (!m || !m.initGenesis) {
        if (sectionHoldsState(section)) {
          throw new Error(`genesis app_state.${key}: module "${key}" is not supported by plumed and its section holds state`);
        }
        logger?.warn("ignoring genesis section of unsupported module", { module: key });
        continue;
      }
      try {
        m.validateGenesis?.(section);
      } catch (err) {
        throw new Error(`genesis app_state.${key}: ${(err as Error).message}`, { cause: err });
      }
    }
  }

  /** Runs InitGenesis in order; a missing section gets the module's default. Returns the genesis validator set, if any module sets one. */
  initGenesis(ctx: Context, appState: JsonObject, logger?: Logger): ValidatorUpdate[] {
    this.validateGenesis(appState, logger);
    let updates: ValidatorUpdate[] = [];
    let updatesFrom: string | undefined;
    for (const name of this.order.initGenesis) {
      const m = this.byName.get(name);
      if (!m?.initGenesis) continue;
      const section = appState[name] ?? m.defaultGenesis?.() ?? {};
      const result = m.initGenesis(ctx, section);
      if (result && result.length > 0) {
        if (updatesFrom !== undefined) throw new Error(`validator updates set by both ${updatesFrom} and ${name} at genesis`);
        updates = [...result];
        updatesFrom = name;
      }
    }
    return updates;
  }

  exportGenesis(ctx: Context): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    for (const name of this.order.exportGenesis) {
      const m = this.byName.get(name);
      if (m?.exportGenesis) out[name] = m.exportGenesis(ctx);
    }
    return out;
  }

  beginBlock(ctx: Context): void {
    for (const name of this.order.beginBlock) this.byName.get(name)?.beginBlock?.(ctx);
  }

  endBlock(ctx: Context): ValidatorUpdate[] {
    let updates: ValidatorUpdate[] = [];
    let updatesFrom: string | undefined;
    for (const name of this.order.endBlock) {
      const result = this.byName.get(name)?.endBlock?.(ctx);
      if (result && result.length > 0) {
        if (updatesFrom !== undefined) throw new Error(`validator updates returned by both ${updatesFrom} and ${name}`);
        updates = [...result];
        updatesFrom = name;
      }
    }
    return updates;
  }
}
