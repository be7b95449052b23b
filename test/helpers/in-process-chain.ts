/**
 * The assembled plumed app in-process over a temporary lmdb store, for scenario tests that craft
 * what CometBFT would send (votes, misbehavior) instead of running it: validators created by
 * signed gentxs with chosen powers, funded users, consensus params, and blocks whose
 * FinalizeBlock carries a decided last commit (every validator of the set signing, unless told)
 * and any misbehavior. Every block is committed, and x/bank's, x/staking's and x/slashing's
 * invariants are checked on the committed state after it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet, encodePubkey, makeAuthInfoBytes, makeSignDoc } from "@cosmjs/proto-signing";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { MisbehaviorType, RequestFinalizeBlock, RequestInitChain, RequestQuery, type ResponseFinalizeBlock } from "cosmjs-types/tendermint/abci/types";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { DEFAULT_CHAIN_SETTINGS } from "../../app/chain-config";
import type { Context } from "../../app/context";
import type { LogFields, Logger } from "../../app/logger";
import type { JsonValue } from "../../app/module";
import { openCommitMultiStore } from "../../app/store";
import { appStoreNames, createPlumeApp, type PlumeApp } from "../../chain/app";
import { assertChainInvariants } from "../../chain/invariants";
import { appStateWith, codec, operator, signedGenTx, type TestOperator } from "../../x/genutil/gentx.fixture";

export const CHAIN_ID = "genutil-test-1";
export const GENESIS_TIME: Timestamp = { seconds: 1_700_000_000n, nanos: 0 };
/** Seconds between blocks. */
export const BLOCK_SECONDS = 5n;

export interface LogLine {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly msg: string;
  readonly fields: LogFields;
}

/** A logger that keeps every line (info and above), for tests that check what was logged. */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly base: LogFields = {},
  ) {}

  private add(level: LogLine["level"], msg: string, fields: LogFields = {}): void {
    if (level !== "debug") this.lines.push({ level, msg, fields: { ...this.base, ...fields } });
  }

  debug(msg: string, fields?: LogFields): void {
    this.add("debug", msg, fields);
  }

  info(msg: string, fields?: LogFields): void {
    this.add("info", msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.add("warn", msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.add("error", msg, fields);
  }

  with(fields: LogFields): Logger {
    return new RecordingLogger(this.lines, { ...this.base, ...fields });
  }
}

export interface ChainValidator {
  readonly name: string;
  readonly op: TestOperator;
  /** The consensus address CometBFT identifies it by. */
  readonly consAddr: Uint8Array;
  readonly consAddress: string;
  readonly power: bigint;
}

export interface ChainUser {
  readonly name: string;
  readonly op: TestOperator;
}

export interface BlockOptions {
  readonly txs?: readonly Uint8Array[];
  readonly misbehavior?: readonly { readonly validator: ChainValidator; readonly height: bigint; readonly type?: MisbehaviorType; readonly power?: bigint; readonly totalPower?: bigint; readonly time?: Timestamp }[];
  /** Validators whose vote for the previous block is ABSENT. */
  readonly absent?: readonly ChainValidator[];
  /** Raw misbehavior entries (e.g. for a validator the app does not know). */
  readonly rawMisbehavior?: RequestFinalizeBlock["misbehavior"];
}

export interface InProcessChain {
  readonly app: PlumeApp;
  readonly logger: RecordingLogger;
  readonly validators: readonly ChainValidator[];
  readonly users: readonly ChainUser[];
  /** The last committed height. */
  height: bigint;
  /** The validators that signed block h (CometBFT's set at h), with their powers then. */
  signersOf(h: bigint): readonly ChainValidator[];
  /** Block times by height. */
  readonly times: Map<bigint, Timestamp>;
  block(options?: BlockOptions): ResponseFinalizeBlock;
  /** A read-only context over the last committed state. */
  ctx(): Context;
  /** A SIGN_MODE_DIRECT tx; `fee` in uplume (none unless given). */
  signTx(user: ChainUser | ChainValidator, msgs: readonly Any[], gasLimit?: number, fee?: bigint): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface InProcessChainOptions {
  /** Validators by name and consensus power (self-delegation = power * 10^6 uplume). */
  readonly validators: readonly { readonly name: string; readonly power: bigint; readonly commissionRate?: string }[];
  readonly users?: readonly string[];
  readonly editGenesis?: (appState: Record<string, JsonValue>) => void;
  readonly consensusParams?: ConsensusParams;
  readonly authority?: string;
  /**
   * Keep x/mint's default inflation. Off by default: the chain mints nothing, so a test that
   * counts the supply sees only what it did (distribution still shares out the fees).
   */
  readonly inflation?: boolean;
}

const USER_BALANCE = 1_000_000_000_000n;

function consensusAddressOf(key: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(key).digest()).subarray(0, 20);
}

/** An ABCI query of the app at its last committed height, decoded; throws on a non-zero code. */
export function queryChain<Res>(chain: InProcessChain, path: string, data: Uint8Array, decode: (b: Uint8Array) => Res): Res {
  const res = chain.app.baseApp.query(RequestQuery.fromPartial({ path, data }));
  if (res instanceof Promise) throw new Error("expected a synchronous answer");
  if (res.code !== 0) throw new Error(`${path}: ${res.log}`);
  return decode(res.value);
}

/** The block's result, after checking that every tx in it succeeded. */
export function txsOk(res: ResponseFinalizeBlock): ResponseFinalizeBlock {
  for (const [i, r] of res.txResults.entries()) if (r.code !== 0) throw new Error(`tx ${i} failed: ${r.log}`);
  return res;
}

export function defaultConsensusParams(): ConsensusParams {
  return ConsensusParams.fromPartial({
    block: { maxBytes: 22020096n, maxGas: -1n },
    evidence: { maxAgeNumBlocks: 100000n, maxAgeDuration: { seconds: 172800n, nanos: 0 }, maxBytes: 1048576n },
    validator: { pubKeyTypes: ["ed25519"] },
  });
}

export async function startInProcessChain(opts: InProcessChainOptions): Promise<InProcessChain> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-inproc-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const logger = new RecordingLogger();
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger, ...(opts.authority !== undefined ? { testHooks: { authority: opts.authority } } : {}) });

  const validators: ChainValidator[] = [];
  const funded: [string, bigint][] = [];
  for (const v of opts.validators) {
    const op = await operator(v.name);
    const consAddr = consensusAddressOf(op.consensusKey);
    validators.push({ name: v.name, op, consAddr, consAddress: codec.encodeConsensus(consAddr), power: v.power });
    funded.push([op.account, USER_BALANCE]);
  }
  const users: ChainUser[] = [];
  for (const name of opts.users ?? []) {
    const op = await operator(name);
    users.push({ name, op });
    funded.push([op.account, USER_BALANCE]);
  }
  const genTxs: JsonValue[] = [];
  for (const [i, v] of validators.entries()) {
    const commissionRate = opts.validators[i]?.commissionRate;
    genTxs.push(await signedGenTx(v.op, { amount: (v.power * 1_000_000n).toString(), ...(commissionRate !== undefined ? { commissionRate } : {}) }));
  }
  const state = appStateWith(funded, genTxs);
  if (opts.inflation !== true) {
    const mint = state["mint"] as { minter: Record<string, JsonValue>; params: Record<string, JsonValue> };
    state["mint"] = { minter: { ...mint.minter, inflation: "0" }, params: { ...mint.params, inflation_max: "0", inflation_min: "0" } };
  }
  opts.editGenesis?.(state);
  const consensusParams = opts.consensusParams ?? defaultConsensusParams();
  app.baseApp.initChain(
    RequestInitChain.fromPartial({ chainId: CHAIN_ID, time: GENESIS_TIME, initialHeight: 1n, consensusParams, appStateBytes: new TextEncoder().encode(JSON.stringify(state)) }),
  );
  const sequences = new Map<string, bigint>(validators.map((v) => [v.op.account, 1n]));
  const accountNumbers = new Map<string, number>(funded.map(([address], i) => [address, i]));

  // CometBFT's sets: the genesis validators sign blocks 1 and 2; the updates of EndBlock H apply
  // from block H + 2. Votes are listed by power (then address), as CometBFT sends them.
  const byPower = (a: ChainValidator, b: ChainValidator): number =>
    a.power === b.power ? Buffer.compare(Buffer.from(a.consAddr), Buffer.from(b.consAddr)) : a.power > b.power ? -1 : 1;
  const genesisSet = [...validators].sort(byPower);
  const updatesAt = new Map<bigint, ResponseFinalizeBlock["validatorUpdates"]>();
  /** The validators that sign block h, with their powers then. */
  const signersOf = (h: bigint): ChainValidator[] => {
    let set = genesisSet;
    for (let u = 1n; u <= h - 2n; u++) {
      for (const update of updatesAt.get(u) ?? []) {
        const key = update.pubKey?.ed25519;
        if (key === undefined) continue;
        const addr = Buffer.from(consensusAddressOf(key));
        const v = validators.find((x) => Buffer.compare(Buffer.from(x.consAddr), addr) === 0);
        if (v === undefined) continue;
        set = set.filter((x) => x.name !== v.name);
        if (update.power > 0n) set = [...set, { ...v, power: update.power }];
      }
    }
    return [...set].sort(byPower);
  };

  const chain: InProcessChain = {
    app,
    logger,
    validators,
    users,
    height: 0n,
    signersOf,
    times: new Map(),
    block(options: BlockOptions = {}) {
      const height = chain.height + 1n;
      const time = { seconds: GENESIS_TIME.seconds + height * BLOCK_SECONDS, nanos: 0 };
      const voters = signersOf(height - 1n);
      const total = (h: bigint): bigint => signersOf(h).reduce((s, v) => s + v.power, 0n);
      const powerAt = (v: ChainValidator, h: bigint): bigint => signersOf(h).find((x) => x.name === v.name)?.power ?? 0n;
      const absent = new Set((options.absent ?? []).map((v) => v.consAddress));
      const misbehavior = [
        ...(options.misbehavior ?? []).map((m) => ({
          type: m.type ?? MisbehaviorType.DUPLICATE_VOTE,
          validator: { address: m.validator.consAddr, power: m.power ?? powerAt(m.validator, m.height) },
          height: m.height,
          time: m.time ?? chain.times.get(m.height) ?? time,
          totalVotingPower: m.totalPower ?? total(m.height),
        })),
        ...(options.rawMisbehavior ?? []),
      ];
      const res = app.baseApp.finalizeBlock(
        RequestFinalizeBlock.fromPartial({
          height,
          time,
          txs: [...(options.txs ?? [])],
          decidedLastCommit: {
            round: 0,
            votes:
              height === 1n
                ? []
                : voters.map((v) => ({
                    validator: { address: v.consAddr, power: v.power },
                    blockIdFlag: absent.has(v.consAddress) ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT : BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
                  })),
          },
          misbehavior,
        }),
      );
      app.baseApp.commit({});
      chain.height = height;
      chain.times.set(height, time);
      updatesAt.set(height, res.validatorUpdates);
      assertChainInvariants(app, app.baseApp.contextAt(height));
      return res;
    },
    ctx() {
      return app.baseApp.contextAt(chain.height);
    },
    async signTx(signer, msgs, gasLimit = 400_000, fee) {
      const wallet = await DirectSecp256k1Wallet.fromKey(signer.op.privateKey, codec.prefix);
      const [account] = await wallet.getAccounts();
      if (account === undefined) throw new Error("no account");
      const sequence = sequences.get(signer.op.account) ?? 0n;
      sequences.set(signer.op.account, sequence + 1n);
      const pubkey = encodePubkey(encodeSecp256k1Pubkey(account.pubkey));
      const fees = fee === undefined ? [] : [{ denom: "uplume", amount: fee.toString() }];
      const authInfoBytes = makeAuthInfoBytes([{ pubkey, sequence }], fees, gasLimit, undefined, undefined);
      const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: [...msgs] })).finish();
      const doc = makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, accountNumbers.get(signer.op.account) ?? 0);
      const { signature, signed } = await wallet.signDirect(account.address, doc);
      return TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return chain;
}
