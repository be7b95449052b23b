import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "./context";
import type { Logger } from "./logger";
import type { AppModule, JsonObject, JsonValue, ServiceRegistrar } from "./module";

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
    for (const [key, value] of Object.entries(section as JsonObject)) {
      if (isTopLevel && key === "params") continue;
      if (sectionHoldsState(value, false)) return true;
    }
    return false;
  }
  return true;
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
    const stores = new Map<string, string>();
    for (const m of modules) {
      for (const s of m.storeNames) {
        const owner = stores.get(s);
        if (owner !== undefined) throw new Error(`store ${s} claimed by both ${owner} and ${m.name}`);
        stores.set(s, m.name);
      }
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
        throw new Error(`genesis app_state.${key}: ${(err as Error).message}`);
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
