/**
 * x/mint's keeper: the sole owner of the "mint" store (SDK v0.50 x/mint/keeper). `MintReader`
 * reads any KVStoreReader (queries at a height, export); `MintKeeper` adds the writes and the
 * BeginBlock minting.
 */
import type { Context } from "../../app/context";
import { Coins } from "../../app/math";
import type { KVStore, KVStoreReader } from "../../app/store/types";
import { ErrGovInvalidSigner } from "./errors";
import { mintEvent } from "./events";
import type { MintAccountKeeper, MintBankKeeper, MintStakingKeeper } from "./expected-keepers";
import { blockProvision, decOf, nextAnnualProvisions, nextInflationRate, validateMintParams, type Minter, type Params } from "./params";
import { MINT_STORE, MinterItem, ParamsItem } from "./state-keys";

export const MINT_MODULE_NAME = "mint";

export class MintReader {
  /** Minter.Get: the zero minter if none was ever set. */
  minter(store: KVStoreReader): Minter {
    return MinterItem.get(store) ?? { inflation: "0", annualProvisions: "0" };
  }

  /** Params.Get: zero-valued params if none were ever set. */
  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? { mintDenom: "", inflationRateChange: "0", inflationMax: "0", inflationMin: "0", goalBonded: "0", blocksPerYear: 0n };
  }
}

export interface MintKeeperOptions {
  readonly staking: MintStakingKeeper;
  readonly bank: MintBankKeeper;
  readonly accounts: MintAccountKeeper;
  /** The module account minted fees go to (auth's fee_collector). */
  readonly feeCollectorName: string;
  /** Who may sign MsgUpdateParams (the gov module account, bech32). */
  readonly authority: string;
}

export class MintKeeper extends MintReader {
  constructor(private readonly o: MintKeeperOptions) {
    super();
  }

  get authority(): string {
    return this.o.authority;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(MINT_STORE);
  }

  getMinter(ctx: Context): Minter {
    return this.minter(this.store(ctx));
  }

  setMinter(ctx: Context, m: Minter): void {
    MinterItem.set(this.store(ctx), m);
  }

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, p: Params): void {
    ParamsItem.set(this.store(ctx), p);
  }

  /** InitGenesis also makes sure the module account exists (ak.GetModuleAccount). */
  ensureModuleAccount(ctx: Context): void {
    this.o.accounts.getModuleAccount(ctx, MINT_MODULE_NAME);
  }

  /** MsgUpdateParams: authority (gov/13), Params.Validate, save. */
  updateParams(ctx: Context, authority: string, params: Params): void {
    if (authority !== this.o.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.o.authority}, got ${authority}`);
    validateMintParams(params);
    this.setParams(ctx, params);
  }

  /**
   * BeginBlocker (x/mint/abci.go): recompute inflation from the bonded ratio, annual provisions
   * from the supply, save the minter, mint this block's provision and hand it to the fee
   * collector, emit `mint`.
   */
  beginBlock(ctx: Context): void {
    const minter = this.getMinter(ctx);
    const params = this.getParams(ctx);
    const totalSupply = this.o.staking.stakingTokenSupply(ctx);
    const bondedRatio = this.o.staking.bondedRatio(ctx);
    const inflation = nextInflationRate(decOf(minter.inflation), params, bondedRatio);
    const annualProvisions = nextAnnualProvisions(inflation, totalSupply);
    this.setMinter(ctx, { inflation: inflation.toProto(), annualProvisions: annualProvisions.toProto() });
    const minted = blockProvision(annualProvisions, params);
    // sdk.NewCoins drops a zero coin: nothing is minted, the (empty) transfer still happens.
    const coins = minted.isZero() ? Coins.empty() : Coins.of(minted);
    if (!coins.isEmpty()) this.o.bank.mintCoins(ctx, MINT_MODULE_NAME, coins);
    this.o.bank.sendCoinsFromModuleToModule(ctx, MINT_MODULE_NAME, this.o.feeCollectorName, coins);
    ctx.events.emit(mintEvent(bondedRatio, inflation, annualProvisions, minted.amount));
  }
}
