import { createHash } from "node:crypto";
import { Equivocation } from "cosmjs-types/cosmos/evidence/v1beta1/evidence";
import { Any } from "cosmjs-types/google/protobuf/any";
import { GenesisState } from "cosmjs-types/cosmos/evidence/v1beta1/genesis";
import { QueryEvidenceRequest, QueryEvidenceResponse } from "cosmjs-types/cosmos/evidence/v1beta1/query";
import { Context } from "../../app/context";
import { blockHeader } from "../../app/block-info";
import { silentLogger } from "../../app/logger";
import { BranchMultiStore, CacheKVStore, newMemoryKVStore } from "../../app/store";
import { QueryError } from "../../app/query-router";
import { equivocationHash, equivocationToAny, validateEquivocation } from "./evidence";
import { evidenceGenesisToJson, exportEvidenceGenesis, initEvidenceGenesis, parseEvidenceGenesis } from "./genesis";
import { EvidenceKeeper } from "./keeper";
import { evidenceQueryHandlers } from "./query-server";
import { EVIDENCE_STORE } from "./state-keys";

const e: Equivocation = { height: 9n, time: { seconds: 1_700_000_045n, nanos: 500 }, power: 100n, consensusAddress: "plumevalcons1qyqszqgpqyqszqgpqyqszqgpqyqszqgpkq8lnj" };

function ctx(): Context {
  const roots = new Map<string, CacheKVStore>();
  const ms = new BranchMultiStore((name) => {
    let s = roots.get(name);
    if (s === undefined) {
      s = newMemoryKVStore() as CacheKVStore;
      roots.set(name, s);
    }
    return s;
  });
  return new Context(ms, blockHeader({ chainId: "c", height: 10n }), "finalize", silentLogger);
}

const keeper = (): EvidenceKeeper =>
  new EvidenceKeeper({
    staking: { addresses: undefined as never, getValidatorByConsAddr: () => undefined },
    slashing: { getPubkey: () => undefined, hasSigningInfo: () => false, isTombstoned: () => false, slashDoubleSign: () => undefined, jail: () => undefined, jailUntil: () => undefined, tombstone: () => undefined },
  });

describe("x/evidence", () => {
  it("hashes an Equivocation as sha256 of its protobuf bytes and stores it under that hash as an Any", () => {
    const k = keeper();
    const c = ctx();
    const hash = k.setEvidence(c, e);
    expect(Buffer.from(hash).toString("hex")).toBe(createHash("sha256").update(Equivocation.encode(e).finish()).digest("hex"));
    expect(Buffer.from(equivocationHash(e))).toEqual(Buffer.from(hash));
    const stored = c.multiStore.getStore(EVIDENCE_STORE).get(Uint8Array.of(0x00, ...hash));
    expect(Any.decode(stored ?? new Uint8Array())).toEqual(equivocationToAny(e));
    expect(k.getEvidence(c, hash)).toEqual(e);
  });

  it("writes genesis in the SDK's JSON, refuses invalid or duplicated evidence, and exports what it imported", () => {
    expect(evidenceGenesisToJson({ evidence: [] })).toEqual({ evidence: [] });
    const json = evidenceGenesisToJson({ evidence: [equivocationToAny(e)] });
    expect(json).toEqual({ evidence: [{ "@type": "/cosmos.evidence.v1beta1.Equivocation", height: "9", time: "2023-11-14T22:14:05.000000500Z", power: "100", consensus_address: e.consensusAddress }] });
    const k = keeper();
    const c = ctx();
    initEvidenceGenesis(c, k, parseEvidenceGenesis(json));
    expect(evidenceGenesisToJson(exportEvidenceGenesis(c, k))).toEqual(json);
    expect(() => initEvidenceGenesis(c, k, parseEvidenceGenesis(json))).toThrow("already exists");
    expect(() => validateEquivocation({ ...e, power: 0n })).toThrow("invalid equivocation validator power: 0");
    expect(() => validateEquivocation({ ...e, height: 0n })).toThrow("invalid equivocation height: 0");
    expect(() => initEvidenceGenesis(ctx(), keeper(), GenesisState.fromPartial({ evidence: [{ typeUrl: "/x.Y", value: new Uint8Array() }] }))).toThrow("unknown evidence type /x.Y");
  });

  it("answers Evidence by hex hash, NotFound for an unknown one, and refuses a bad hash", () => {
    const k = keeper();
    const c = ctx();
    const hash = Buffer.from(k.setEvidence(c, e)).toString("hex");
    const handler = evidenceQueryHandlers().find((h) => h.path === "/cosmos.evidence.v1beta1.Query/Evidence");
    if (handler === undefined) throw new Error("no handler");
    const q = { height: 10n, chainId: "c", store: (name: string) => c.multiStore.getStore(name) };
    const ask = (h: string): unknown => handler.handle(q, QueryEvidenceRequest.fromPartial({ hash: h }) as never);
    expect((ask(hash.toUpperCase()) as QueryEvidenceResponse).evidence).toEqual(equivocationToAny(e));
    expect(() => ask("00".repeat(32))).toThrow(QueryError);
    expect(() => ask("zz")).toThrow("invalid evidence hash: encoding/hex: invalid byte: U+007A 'z'");
    expect(() => ask("")).toThrow("invalid request; hash is empty");
  });
});
