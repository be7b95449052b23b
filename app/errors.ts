/**
 * One catalogue of coded errors, with the SDK's codespaces and codes so that clients (cosmjs,
 * explorers) see exactly what a Cosmos SDK v0.50 chain would return.
 *
 * A module declares its errors once with `registerError` (double registration of a codespace/code
 * pair is a programming error and throws at load time) and raises them with `Err.wrap("context")`,
 * which yields an AppError whose message reads like the SDK's wrap chain: "context: description".
 */
export class AppError extends Error {
  constructor(
    readonly codespace: string,
    readonly code: number,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** Adds context in front, as errorsmod.Wrap does; the code stays. */
  wrap(context: string): AppError {
    return new AppError(this.codespace, this.code, `${context}: ${this.message}`, this);
  }

  is(def: ErrorDef): boolean {
    return this.codespace === def.codespace && this.code === def.code;
  }
}

export class ErrorDef {
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly description: string,
  ) {}

  /** The error with context in front of the description ("spendable balance ...: insufficient funds"). */
  wrap(context?: string): AppError {
    const message = context === undefined || context === "" ? this.description : `${context}: ${this.description}`;
    return new AppError(this.codespace, this.code, message);
  }

  is(err: unknown): boolean {
    return err instanceof AppError && err.codespace === this.codespace && err.code === this.code;
  }
}

const registered = new Map<string, ErrorDef>();

export function registerError(codespace: string, code: number, description: string): ErrorDef {
  const id = `${codespace}/${code}`;
  if (registered.has(id)) throw new Error(`error ${id} registered twice`);
  if (code === 1 && codespace !== UNDEFINED_CODESPACE) throw new Error("code 1 is reserved for internal errors");
  const def = new ErrorDef(codespace, code, description);
  registered.set(id, def);
  return def;
}

export const UNDEFINED_CODESPACE = "undefined";
/** What an error that is not an AppError turns into (the SDK's errInternal / ABCI code 1). */
export const ErrInternal = registerError(UNDEFINED_CODESPACE, 1, "internal");
/** What a panic turns into in the SDK (code 111222). */
export const ErrPanic = registerError(UNDEFINED_CODESPACE, 111222, "panic");

/** Codespace "sdk" (types/errors/errors.go in cosmos-sdk v0.50). */
export const SDK = "sdk";
export const ErrTxDecode = registerError(SDK, 2, "tx parse error");
export const ErrInvalidSequence = registerError(SDK, 3, "invalid sequence");
export const ErrUnauthorized = registerError(SDK, 4, "unauthorized");
export const ErrInsufficientFunds = registerError(SDK, 5, "insufficient funds");
export const ErrUnknownRequest = registerError(SDK, 6, "unknown request");
export const ErrInvalidAddress = registerError(SDK, 7, "invalid address");
export const ErrInvalidPubKey = registerError(SDK, 8, "invalid pubkey");
export const ErrUnknownAddress = registerError(SDK, 9, "unknown address");
export const ErrInvalidCoins = registerError(SDK, 10, "invalid coins");
export const ErrOutOfGas = registerError(SDK, 11, "out of gas");
export const ErrMemoTooLarge = registerError(SDK, 12, "memo too large");
export const ErrInsufficientFee = registerError(SDK, 13, "insufficient fee");
export const ErrTooManySignatures = registerError(SDK, 14, "maximum number of signatures exceeded");
export const ErrNoSignatures = registerError(SDK, 15, "no signatures supplied");
export const ErrJSONMarshal = registerError(SDK, 16, "failed to marshal JSON bytes");
export const ErrJSONUnmarshal = registerError(SDK, 17, "failed to unmarshal JSON bytes");
export const ErrInvalidRequest = registerError(SDK, 18, "invalid request");
export const ErrTxInMempoolCache = registerError(SDK, 19, "tx already in mempool");
export const ErrMempoolIsFull = registerError(SDK, 20, "mempool is full");
export const ErrTxTooLarge = registerError(SDK, 21, "tx too large");
export const ErrKeyNotFound = registerError(SDK, 22, "key not found");
export const ErrWrongPassword = registerError(SDK, 23, "invalid account password");
export const ErrorInvalidSigner = registerError(SDK, 24, "tx intended signer does not match the given signer");
export const ErrorInvalidGasAdjustment = registerError(SDK, 25, "invalid gas adjustment");
export const ErrInvalidHeight = registerError(SDK, 26, "invalid height");
export const ErrInvalidVersion = registerError(SDK, 27, "invalid version");
export const ErrInvalidChainID = registerError(SDK, 28, "invalid chain-id");
export const ErrInvalidType = registerError(SDK, 29, "invalid type");
export const ErrTxTimeoutHeight = registerError(SDK, 30, "tx timeout height");
export const ErrUnknownExtensionOptions = registerError(SDK, 31, "unknown extension options");
export const ErrWrongSequence = registerError(SDK, 32, "incorrect account sequence");
export const ErrPackAny = registerError(SDK, 33, "failed packing protobuf message to Any");
export const ErrUnpackAny = registerError(SDK, 34, "failed unpacking protobuf message from Any");
export const ErrLogic = registerError(SDK, 35, "internal logic error");
export const ErrConflict = registerError(SDK, 36, "conflict");
export const ErrNotSupported = registerError(SDK, 37, "feature not supported");
export const ErrNotFound = registerError(SDK, 38, "not found");
export const ErrIO = registerError(SDK, 39, "Internal IO error");
export const ErrAppConfig = registerError(SDK, 40, "error in app.toml");
export const ErrInvalidGasLimit = registerError(SDK, 41, "invalid gas limit");

/** Every registered error of a codespace, by code (the catalogue a module's codespace holds). */
export function registeredErrors(codespace: string): ErrorDef[] {
  return [...registered.values()].filter((d) => d.codespace === codespace).sort((a, b) => a.code - b.code);
}

/** Every codespace with registered errors, sorted. */
export function registeredCodespaces(): string[] {
  return [...new Set([...registered.values()].map((d) => d.codespace))].sort();
}

/** The codespace, code and log an ABCI result carries for any thrown value. */
export function abciErrorInfo(err: unknown): { codespace: string; code: number; log: string } {
  if (err instanceof AppError) return { codespace: err.codespace, code: err.code, log: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { codespace: ErrInternal.codespace, code: ErrInternal.code, log: `${message}: internal` };
}
