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
