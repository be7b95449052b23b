import { ModuleManager, sectionHoldsState } from "./module-manager";
import type { AppModule } from "./module";

const mod = (name: string, extra: Partial<AppModule> = {}): AppModule => ({ name, storeNames: [name], ...extra });

describe("ModuleManager wiring checks", () => {
  const noOrder = { initGenesis: [], exportGenesis: [], beginBlock: [], endBlock: [] };

  it("refuses a module registered twice", () => {
    expect(() => new ModuleManager([mod("a"), mod("a")], noOrder)).toThrow("module a registered twice");
  });

  it("refuses a module with a block hook missing from the order", () => {
    expect(() => new ModuleManager([mod("a", { beginBlock: () => undefined })], noOrder)).toThrow("module a missing from beginBlock order");
  });

  it("refuses an order naming an unknown module or one without that phase", () => {
    expect(() => new ModuleManager([mod("a")], { ...noOrder, endBlock: ["b"] })).toThrow("endBlock order names unknown module b");
    expect(() => new ModuleManager([mod("a")], { ...noOrder, endBlock: ["a"] })).toThrow("endBlock order lists a, which has no endBlock");
  });

  it("refuses two modules claiming one store", () => {
    expect(() => new ModuleManager([mod("a"), { name: "b", storeNames: ["a"] }], noOrder)).toThrow("store a claimed by both a and b");
  });

  it("runs block hooks in the declared order", () => {
    const calls: string[] = [];
    const m = new ModuleManager(
      [mod("x", { beginBlock: () => void calls.push("x") }), mod("y", { beginBlock: () => void calls.push("y") })],
      { ...noOrder, beginBlock: ["y", "x"] },
    );
    m.beginBlock({} as never);
    expect(calls).toEqual(["y", "x"]);
  });
});

describe("genesis sections of unsupported modules", () => {
  it("treats params, empty lists and zero values as no state", () => {
    expect(sectionHoldsState({})).toBe(false);
    expect(sectionHoldsState({ params: { a: "1" }, list: [], n: "0", s: "", flag: false, o: {} })).toBe(false);
  });

  it("treats entries as state", () => {
    expect(sectionHoldsState({ authorization: [{ granter: "x" }] })).toBe(true);
    expect(sectionHoldsState({ last_id: "5" })).toBe(true);
  });

  it("rejects a section with state and accepts an empty one with a warning", () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => void warnings.push(m) } as never;
    const m = new ModuleManager([], { initGenesis: [], exportGenesis: [], beginBlock: [], endBlock: [] });
    expect(() => m.validateGenesis({ authz: { authorization: [{ granter: "x" }] } }, logger)).toThrow(
      'genesis app_state.authz: module "authz" is not supported by plumed and its section holds state',
    );
    m.validateGenesis({ authz: { authorization: [] } }, logger);
    expect(warnings).toEqual(["ignoring genesis section of unsupported module"]);
  });
});

describe("module versions and migrations", () => {
  const order = { initGenesis: ["a", "b"], exportGenesis: [], beginBlock: [], endBlock: [] };
  const ctx = { logger: { info: () => undefined } } as never;

  it("reports each module's consensus version (1 by default), by name", () => {
    const m = new ModuleManager([mod("b", { consensusVersion: 3, initGenesis: () => undefined }), mod("a", { initGenesis: () => undefined })], order);
    expect(m.versionMap()).toEqual({ a: 1, b: 3 });
    expect(Object.keys(m.versionMap())).toEqual(["a", "b"]);
  });

  it("refuses a consensus version below 1", () => {
    expect(() => new ModuleManager([mod("a", { consensusVersion: 0 })], { ...order, initGenesis: [] })).toThrow("module a: consensus version must be an integer >= 1, got 0");
  });

  it("runs each missing migration once, in genesis order, and initialises modules new to the state", () => {
    const calls: string[] = [];
    const a = mod("a", {
      consensusVersion: 3,
      initGenesis: () => void calls.push("a genesis"),
      migrations: { 1: () => void calls.push("a 1->2"), 2: () => void calls.push("a 2->3") },
    });
    const b = mod("b", { consensusVersion: 2, initGenesis: () => void calls.push("b genesis"), defaultGenesis: () => ({}) });
    const m = new ModuleManager([b, a], order);
    expect(m.runMigrations(ctx, { a: 1 })).toEqual({ a: 3, b: 2 });
    expect(calls).toEqual(["a 1->2", "a 2->3", "b genesis"]);
    calls.length = 0;
    expect(m.runMigrations(ctx, { a: 3, b: 2 })).toEqual({ a: 3, b: 2 });
    expect(calls).toEqual([]);
  });

  it("halts on a missing migration or a version that would go down", () => {
    const a = mod("a", { consensusVersion: 3, initGenesis: () => undefined, migrations: { 2: () => undefined } });
    const m = new ModuleManager([a], { ...order, initGenesis: ["a"] });
    expect(() => m.runMigrations(ctx, { a: 1 })).toThrow("module a: no migration registered from consensus version 1 to 2");
    expect(() => m.runMigrations(ctx, { a: 4 })).toThrow("module a: state is at consensus version 4, above the code's 3");
  });
});

describe("what modules declare for the app", () => {
  const noOrder = { initGenesis: [], exportGenesis: [], beginBlock: [], endBlock: [] };

  it("collects REST routes in module order", () => {
    const route = (path: string) => ({ method: "GET" as const, path, rpc: `/x.Query${path}` });
    const m = new ModuleManager([mod("a", { restRoutes: [route("/a")] }), mod("b", { restRoutes: [route("/b1"), route("/b2")] })], noOrder);
    expect(m.restRoutes().map((r) => r.path)).toEqual(["/a", "/b1", "/b2"]);
  });

  it("gives each error codespace one owner", () => {
    const m = new ModuleManager([mod("a", { codespaces: ["a", "a-extra"] }), mod("b", { codespaces: ["b"] })], noOrder);
    expect([...m.codespaceOwners()]).toEqual([
      ["a", "a"],
      ["a-extra", "a"],
      ["b", "b"],
    ]);
    expect(() => new ModuleManager([mod("a", { codespaces: ["x"] }), mod("b", { codespaces: ["x"] })], noOrder)).toThrow("codespace x claimed by both a and b");
  });
});
