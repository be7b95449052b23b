/**
 * x/restaking's compounding block at scale (issue 10): 100 bonded validators, each with a pool,
 * and 1,000 / 10,000 / 100,000 opted-in delegations spread over them. The compounding BeginBlock
 * withdraws each pool's rewards once and delegates them once, reading no member: its time and gas
 * must be flat in the number of delegations.
 *
 * Runs on x/restaking's test harness (in-memory stores, the real x/staking keeper, the fake F1
 * distribution keeper of harness.fixture.ts), because x/restaking is not wired into the app until
 * x/distribution lands: the figures are the module's own work, not lmdb's or F1's. Members are
 * written as genesis would write them (one pool delegation per validator, the units of its
 * members adding up to its shares), which is the state joining produces.
 *
 * Also prints the REStake comparison: one authz MsgExec (withdraw + delegate) per delegator per
 * run against one compounding per validator.
 *
 *   npx tsx bench/restaking-compounding.ts [--members 1000,10000,100000] [--validators 100] [--rounds 5]
 */
import { EventManager } from "../app/events";
import { BasicGasMeter } from "../app/gas";
import { Coin, Coins, Dec, Int } from "../app/math";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { RestakingHarness } from "../x/restaking/harness.fixture";
import { emptyPool } from "../x/restaking/keeper";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const MEMBER_STAKE = 1_000_000n;
const INTERVAL = 10n;

/** A distinct 20-byte account per member index. */
function memberAddress(i: number): Uint8Array {
  const out = new Uint8Array(20).fill(0xaa);
  new DataView(out.buffer).setUint32(16, i, false);
  return out;
}

interface Figures {
  readonly members: number;
  readonly setupSeconds: number;
  readonly compoundMillis: number[];
  readonly idleMillis: number[];
  readonly compoundGas: bigint;
}

function run(validators: number, members: number, rounds: number): Figures {
  const started = process.hrtime.bigint();
  const h = new RestakingHarness({ compoundInterval: INTERVAL });
  for (let v = 0; v < validators; v++) h.staking.createValidator(v, 1_000_000_000_000n);
  h.nextBlock();
  const k = h.keeper;
  const a = k.addresses;
  const perValidator = Math.floor(members / validators);
  // Each validator's pool: one delegation of the restaking module account, and its members.
  for (let v = 0; v < validators; v++) {
    const op = new Uint8Array(20).fill(0x10 + v);
    const count = v < members % validators ? perValidator + 1 : perValidator;
    if (count === 0) continue;
    const stake = MEMBER_STAKE * BigInt(count);
    h.staking.fund(h.poolAddress, stake);
    h.staking.must((ctx) => {
      const validator = h.staking.keeper.mustGetValidator(ctx, op);
      h.staking.keeper.delegate(ctx, h.poolAddress, Int.from(stake), BondStatus.BOND_STATUS_UNBONDED, validator, true, "delegation");
      const units = Dec.fromInt(MEMBER_STAKE);
      const validatorAddress = a.encodeValidator(op);
      k.setPool(ctx, op, { ...emptyPool(validatorAddress), totalUnits: units.mulInt(BigInt(count)).toProto() });
      for (let j = 0; j < count; j++) {
        const d = memberAddress(j * validators + v);
        k.setMember(ctx, d, op, { delegatorAddress: a.encodeAccount(d), validatorAddress, units: units.toProto() });
      }
    });
  }
  h.assertInvariants();
  const setupSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const compoundMillis: number[] = [];
  const idleMillis: number[] = [];
  let compoundGas = 0n;
  for (let r = 0; r < rounds; r++) {
    while (h.staking.height % INTERVAL !== INTERVAL - 1n) {
      h.accrue("0.0001");
      h.staking.nextBlock();
    }
    // A block between intervals: one height check.
    let ctx = h.ctx(new EventManager());
    let t0 = process.hrtime.bigint();
    k.beginBlock(ctx);
    idleMillis.push(Number(process.hrtime.bigint() - t0) / 1e6);
    h.accrue("0.0001");
    h.staking.nextBlock();
    // The compounding block.
    const meter = new BasicGasMeter(undefined);
    ctx = h.ctx(new EventManager()).withGasMeter(meter);
    t0 = process.hrtime.bigint();
    k.beginBlock(ctx);
    compoundMillis.push(Number(process.hrtime.bigint() - t0) / 1e6);
    compoundGas = meter.consumed();
  }
  h.assertInvariants();
  return { members, setupSeconds, compoundMillis, idleMillis, compoundGas };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)] ?? 0;
};

function main(): void {
  const validators = Number(arg("validators", "100"));
  const rounds = Number(arg("rounds", "5"));
  const sizes = arg("members", "1000,10000,100000").split(",").map(Number);
  console.log(`x/restaking compounding block, ${validators} validators with a pool each (in-memory harness, ${rounds} rounds, medians)`);
  console.log("opted-in delegations | compounding BeginBlock | its gas | a BeginBlock between intervals | setup");
  let gasPerPool = 0n;
  run(validators, validators, 2); // warm-up (JIT), not printed
  for (const members of sizes) {
    const f = run(validators, members, rounds);
    gasPerPool = f.compoundGas / BigInt(validators);
    console.log(
      `${members.toString().padStart(20)} | ${median(f.compoundMillis).toFixed(2).padStart(19)} ms | ${f.compoundGas.toString().padStart(7)} | ${median(f.idleMillis).toFixed(3).padStart(26)} ms | ${f.setupSeconds.toFixed(1)} s`,
    );
  }

  // The REStake way: per delegator per run, one MsgExec{MsgWithdrawDelegatorReward, MsgDelegate}
  // signed by the bot. Its message gas is at least what one pool's compounding costs here (the same
  // withdrawal and delegation); a tx adds the SDK's ante costs: 10 gas per tx byte (~400 bytes),
  // 1,000 for the secp256k1 signature check, plus the authz grant's reads and writes.
  const delegators = 10_000n;
  const txBytes = 400n;
  const anteGas = txBytes * 10n + 1_000n;
  const restakeTxGas = gasPerPool + anteGas;
  console.log("");
  console.log(`REStake comparison for ${delegators} delegators compounding once a day (on ${validators} validators):`);
  console.log(`  REStake: ${delegators} txs/day, >= ${(delegators * restakeTxGas).toString()} gas/day (>= ${restakeTxGas} gas per MsgExec tx: ${gasPerPool} for the messages + ${anteGas} ante)`);
  console.log(`  x/restaking: 0 txs/day, ${(BigInt(validators) * gasPerPool).toString()} gas/day in one BeginBlock (${gasPerPool} per pool), whatever the number of delegators`);
  console.log(`  saved per day: ${delegators} txs, ${(delegators * restakeTxGas - BigInt(validators) * gasPerPool).toString()} gas; and ${Coins.of(Coin.of("uplume", delegators * restakeTxGas / 40n)).toString()} of fees at 0.025uplume/gas`);
}

main();
