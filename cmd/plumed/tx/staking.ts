import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { addressCodecOf } from "../client/context";
import type { Io } from "../client/io";
import { addTxFlags, generateOrBroadcastTx, type TxFlags } from "../client/tx-flow";
import { consensusPubKeyFromJson } from "../../../x/staking/pubkey";
import { cancelUnbondMsg, createValidatorMsg, delegateMsg, editValidatorMsg, redelegateMsg, undelegateMsg } from "./staking-msgs";

/**
 * `plumed tx staking ...`: simd's x/staking tx commands (v0.50 argument forms), each building its
 * message and handing it to the shared generate-or-broadcast flow (client/tx-flow.ts), so every
 * tx flag works as for `tx bank send` (--fees, --gas auto, --generate-only, --dry-run, -y, ...).
 * The signer is `--from` (a key name or address).
 *
 * - `create-validator <validator.json>`: simd v0.50's JSON file form (not the flag form of older
 *   SDKs), keys "pubkey" (the SDK JSON of the consensus key, as `cometbft show-validator` gives
 *   it in the SDK's {"@type", "key"} form), "amount", "moniker", "identity", "website",
 *   "security", "details", "commission-rate", "commission-max-rate",
 *   "commission-max-change-rate", "min-self-delegation". The operator is --from. With
 *   --generate-only, --node-id, --ip and --p2p-port put `node_id@ip:port` in the memo (a gentx's
 *   form).
 * - `edit-validator [--new-moniker --identity --website --security-contact --details
 *   --commission-rate --min-self-delegation]`: fields not given are "[do-not-modify]".
 * - `delegate <validator-addr> <amount>`, `redelegate <src-validator-addr> <dst-validator-addr>
 *   <amount>`, `unbond <validator-addr> <amount>`, `cancel-unbond <validator-addr> <amount>
 *   <creation-height>`.
 *
 * Only client-side checks run before signing (addresses, coin and decimal syntax,
 * MsgCreateValidator.Validate); staking rules are checked by the chain when the tx executes, so
 * such a tx is accepted by CheckTx and fails in its block with the SDK's error (see `query tx`).
 */
interface StakingTxFlags extends TxFlags {
  from: string;
}

interface CreateValidatorFlags extends StakingTxFlags {
  nodeId?: string;
  ip?: string;
  p2pPort: string;
}

interface EditValidatorFlags extends StakingTxFlags {
  newMoniker?: string;
  identity?: string;
  website?: string;
  securityContact?: string;
  details?: string;
  commissionRate?: string;
  minSelfDelegation?: string;
}

/** The validator.json of create-validator, read as simd's parseAndValidateValidatorJSON reads it. */
export interface ValidatorJson {
  readonly pubkey: Any;
  readonly amount: string;
  readonly moniker: string;
  readonly identity: string;
  readonly website: string;
  readonly security: string;
  readonly details: string;
  readonly commission: { rate: string; maxRate: string; maxChangeRate: string };
  readonly minSelfDelegation: string;
}

export function readValidatorJson(path: string): ValidatorJson {
  let v: Record<string, unknown>;
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("expected a JSON object");
    v = parsed as Record<string, unknown>;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const str = (key: string): string => {
    const x = v[key];
    if (x === undefined || x === null) return "";
    if (typeof x !== "string") throw new Error(`${path}: "${key}" must be a string`);
    return x;
  };
  const amount = str("amount");
  if (amount === "") throw new Error("must specify amount of coins to bond");
  const pk = v["pubkey"];
  if (pk === undefined || pk === null) throw new Error("must specify the JSON encoded pubkey");
  const pko = pk as { "@type"?: unknown; key?: unknown };
  if (typeof pk !== "object" || typeof pko["@type"] !== "string" || typeof pko.key !== "string") {
    throw new Error(`${path}: "pubkey" must be {"@type": "/cosmos.crypto.ed25519.PubKey", "key": "<base64>"}`);
  }
  let pubkey: Any;
  try {
    pubkey = consensusPubKeyFromJson(pko["@type"], pko.key);
  } catch (err) {
    throw new Error(`${path}: "pubkey": ${(err as Error).message}`);
  }
  const moniker = str("moniker");
  if (moniker === "") throw new Error("must specify the moniker name");
  const minSelfDelegation = str("min-self-delegation");
  if (minSelfDelegation === "") throw new Error("must specify minimum self delegation");
  return {
    pubkey,
    amount,
    moniker,
    identity: str("identity"),
    website: str("website"),
    security: str("security"),
    details: str("details"),
    commission: { rate: str("commission-rate"), maxRate: str("commission-max-rate"), maxChangeRate: str("commission-max-change-rate") },
    minSelfDelegation,
  };
}

export function registerStakingTxCommands(tx: Command, io: Io): void {
  const staking = tx.command("staking").description("staking module transactions");
  const withFrom = (c: Command): Command => addTxFlags(c).requiredOption("--from <key>", "the signer: a key name or address");

  withFrom(
    staking
      .command("create-validator")
      .description("create a new validator, initialized with a self-delegation, from a JSON file (simd v0.50's form)")
      .argument("<validator_json>", "path to validator.json: pubkey, amount, moniker, commission-rate, commission-max-rate, commission-max-change-rate, min-self-delegation, ..."),
  )
    .option("--node-id <id>", "the node's id, for the memo with --generate-only")
    .option("--ip <ip>", "the node's public IP, for the memo with --generate-only")
    .option("--p2p-port <port>", "the node's public P2P port, for the memo with --generate-only", "26656")
    .addHelpText(
      "after",
      `
Example:
  plumed tx staking create-validator validator.json --from mykey --fees 10000uplume

where validator.json contains (pubkey: the node's consensus key, config/priv_validator_key.json pub_key.value):
  {
    "pubkey": {"@type": "/cosmos.crypto.ed25519.PubKey", "key": "oWg2ISpLF405Jcm2vXV+2v4fnjodh6aafuIdeoW+rUw="},
    "amount": "1000000uplume",
    "moniker": "myvalidator",
    "identity": "optional identity signature (ex. UPort or Keybase)",
    "website": "validator's (optional) website",
    "security": "validator's (optional) security contact email",
    "details": "validator's (optional) details",
    "commission-rate": "0.1",
    "commission-max-rate": "0.2",
    "commission-max-change-rate": "0.01",
    "min-self-delegation": "1"
  }`,
    )
    .action((file: string, o: CreateValidatorFlags) => {
      const v = readValidatorJson(file);
      const codec = addressCodecOf(o.home);
      const memo = o.generateOnly && o.nodeId && o.ip && o.memo === undefined ? `${o.nodeId}@${o.ip}:${o.p2pPort}` : o.memo;
      return generateOrBroadcastTx(
        io,
        o.from,
        (sender) => [
          createValidatorMsg(
            {
              operator: codec.decodeAccount(sender),
              pubkey: v.pubkey,
              amount: v.amount,
              description: { moniker: v.moniker, identity: v.identity, website: v.website, securityContact: v.security, details: v.details },
              commission: v.commission,
              minSelfDelegation: v.minSelfDelegation,
            },
            codec,
          ).any,
        ],
        { ...o, ...(memo !== undefined ? { memo } : {}) },
      );
    });

  withFrom(staking.command("edit-validator").description("edit an existing validator (the operator is --from); fields not given keep their value"))
    .option("--new-moniker <name>", "the validator's new moniker")
    .option("--identity <id>", "the (optional) identity signature (ex. UPort or Keybase)")
    .option("--website <url>", "the validator's (optional) website")
    .option("--security-contact <email>", "the validator's (optional) security contact email")
    .option("--details <text>", "the validator's (optional) details")
    .option("--commission-rate <rate>", "the new commission rate (at most one change per 24h)")
    .option("--min-self-delegation <amount>", "the new minimum self delegation (it can only grow)")
    .action((o: EditValidatorFlags) => {
      const codec = addressCodecOf(o.home);
      return generateOrBroadcastTx(
        io,
        o.from,
        (sender) => [
          editValidatorMsg(
            {
              operator: codec.decodeAccount(sender),
              description: {
                ...(o.newMoniker !== undefined ? { moniker: o.newMoniker } : {}),
                ...(o.identity !== undefined ? { identity: o.identity } : {}),
                ...(o.website !== undefined ? { website: o.website } : {}),
                ...(o.securityContact !== undefined ? { securityContact: o.securityContact } : {}),
                ...(o.details !== undefined ? { details: o.details } : {}),
              },
              ...(o.commissionRate !== undefined ? { commissionRate: o.commissionRate } : {}),
              ...(o.minSelfDelegation !== undefined ? { minSelfDelegation: o.minSelfDelegation } : {}),
            },
            codec,
          ),
        ],
        o,
      );
    });

  withFrom(
    staking
      .command("delegate")
      .description("delegate liquid tokens to a validator")
      .argument("<validator_addr>", "the validator's operator address (…valoper1…)")
      .argument("<amount>", 'e.g. "1000000uplume"'),
  ).action((validator: string, amount: string, o: StakingTxFlags) => {
    const codec = addressCodecOf(o.home);
    return generateOrBroadcastTx(io, o.from, (sender) => [delegateMsg(sender, validator, amount, codec)], o);
  });

  withFrom(
    staking
      .command("redelegate")
      .description("redelegate illiquid tokens from one validator to another")
      .argument("<src_validator_addr>", "the source validator's operator address")
      .argument("<dst_validator_addr>", "the destination validator's operator address")
      .argument("<amount>", 'e.g. "1000000uplume"'),
  ).action((src: string, dst: string, amount: string, o: StakingTxFlags) => {
    const codec = addressCodecOf(o.home);
    return generateOrBroadcastTx(io, o.from, (sender) => [redelegateMsg(sender, src, dst, amount, codec)], o);
  });

  withFrom(
    staking
      .command("unbond")
      .description("unbond shares from a validator (the tokens arrive after the unbonding time)")
      .argument("<validator_addr>", "the validator's operator address")
      .argument("<amount>", 'e.g. "1000000uplume"'),
  ).action((validator: string, amount: string, o: StakingTxFlags) => {
    const codec = addressCodecOf(o.home);
    return generateOrBroadcastTx(io, o.from, (sender) => [undelegateMsg(sender, validator, amount, codec)], o);
  });

  withFrom(
    staking
      .command("cancel-unbond")
      .description("cancel (part of) an unbonding delegation and delegate it back to the validator")
      .argument("<validator_addr>", "the validator's operator address")
      .argument("<amount>", 'e.g. "1000000uplume"')
      .argument("<creation_height>", "the height the unbonding entry was created at (query staking unbonding-delegation)"),
  ).action((validator: string, amount: string, height: string, o: StakingTxFlags) => {
    const codec = addressCodecOf(o.home);
    return generateOrBroadcastTx(io, o.from, (sender) => [cancelUnbondMsg(sender, validator, amount, height, codec)], o);
  });
}
