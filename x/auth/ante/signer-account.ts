import type { Context } from "../../../app/context";
import { ErrUnknownAddress } from "../../../app/errors";
import type { Account } from "../account";
import type { AccountKeeper } from "./expected-keepers";

/** GetSignerAcc: the signer's account, or sdk/9 "account X does not exist". */
export function getSignerAccount(ctx: Context, ak: AccountKeeper, address: Uint8Array): Account {
  const account = ak.getAccount(ctx, address);
  if (account === undefined) throw ErrUnknownAddress.wrap(`account ${ak.addresses.encodeAccount(address)} does not exist`);
  return account;
}
