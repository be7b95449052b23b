import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { GasPrice, SigningStargateClient, StargateClient } from "@cosmjs/stargate";
import { testMnemonic } from "./accounts";

export const DENOM = "uplume";
export const PREFIX = "plume";

export async function directWallet(name: string): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(testMnemonic(name), { prefix: PREFIX });
}

export async function aminoWallet(name: string): Promise<Secp256k1HdWallet> {
  return Secp256k1HdWallet.fromMnemonic(testMnemonic(name), { prefix: PREFIX });
}

export async function addressOf(signer: OfflineSigner): Promise<string> {
  const [account] = await signer.getAccounts();
  if (!account) throw new Error("wallet has no account");
  return account.address;
}

export async function signingClient(rpcPort: number, signer: OfflineSigner): Promise<SigningStargateClient> {
  return SigningStargateClient.connectWithSigner(`http://127.0.0.1:${rpcPort}`, signer, {
    gasPrice: GasPrice.fromString(`0.025${DENOM}`),
    broadcastPollIntervalMs: 250,
    broadcastTimeoutMs: 30_000,
  });
}

export async function queryClient(rpcPort: number): Promise<StargateClient> {
  return StargateClient.connect(`http://127.0.0.1:${rpcPort}`);
}

export async function balanceOf(client: StargateClient, address: string): Promise<bigint> {
  return BigInt((await client.getBalance(address, DENOM)).amount);
}
