/**
 * Checks a tx search before it goes to CometBFT, so that a malformed one is a 400 that says what
 * is wrong rather than CometBFT's parser error passed on as a 500 ("offset 7: EOF").
 *
 * - `events` (the pre-v0.50 form, still accepted): each must contain exactly one "=", with
 *   x/auth/tx's wording from SDK v0.47 (GetTxsEvent), as InvalidArgument.
 * - the query (`query`, or the events joined with AND) must parse in CometBFT's event query
 *   language (libs/pubsub/query/syntax, v0.38):
 *
 *       query      = condition { "AND" condition }
 *       condition  = tag ( "=" (string | number | date | time)
 *                        | ("<" | "<=" | ">" | ">=") (number | date | time)
 *                        | "CONTAINS" string
 *                        | "EXISTS" )
 *       tag        = (letter | digit | "_") { letter | digit | "_" | "." | "-" }   (not starting with a digit)
 *       string     = "'" { any but "'" } "'"
 *       number     = digits [ "." { digit } ]
 *       date       = "DATE " YYYY-MM-DD            (years 1900-2999)
 *       time       = "TIME " RFC 3339, e.g. 2024-01-02T03:04:05Z or ...+01:00 (years 1900-2999)
 *
 * This check is no stricter than CometBFT's: a query it accepts may still fail there (and then
 * the error is CometBFT's, as in the SDK), but a query it refuses would be refused there too.
 */
import { GrpcStatus, QueryError } from "../../query-router";

/** x/auth/tx's eventFormat. */
const EVENT_FORMAT = "{eventType}.{eventAttribute}={value}";

type Kind = "tag" | "string" | "number" | "date" | "time" | "and" | "contains" | "exists" | "=" | "<" | "<=" | ">" | ">=";

interface Token {
  readonly kind: Kind;
  readonly text: string;
  /** Offset of the token's first character. */
  readonly at: number;
}

class QuerySyntaxError extends Error {}

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isLetter = (c: string): boolean => /^\p{L}$/u.test(c);
const isUnicodeDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);
const isTagStart = (c: string): boolean => c === "_" || isLetter(c) || isUnicodeDigit(c);
const isTagChar = (c: string): boolean => isTagStart(c) || c === "." || c === "-";
// Go's unicode.IsSpace: JavaScript's \s plus NEL (U+0085).
const isSpace = (c: string): boolean => /^[\s\u0085]$/u.test(c);

function describe(t: Token | undefined): string {
  if (t === undefined) return "the end of the query";
  switch (t.kind) {
    case "string":
      return `'${t.text}'`;
    case "date":
      return `DATE ${t.text}`;
    case "time":
      return `TIME ${t.text}`;
    default:
      return `"${t.text}"`;
  }
}

function checkStamp(kind: "date" | "time", text: string, at: number): void {
  const m =
    kind === "date"
      ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
      : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-](\d{2}):(\d{2}))$/.exec(text);
  const example = kind === "date" ? "DATE 2024-01-31" : "TIME 2024-01-31T12:00:00Z";
  if (m === null) throw new QuerySyntaxError(`at offset ${at}: "${text}" is not a valid ${kind.toUpperCase()} value (e.g. ${example})`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Go's time.Parse ranges (it lets a zone offset reach 24:60; so does this).
  const timeOk = kind === "date" || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60 && (m[8] === undefined || (Number(m[8]) <= 24 && Number(m[9]) <= 60)));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || !timeOk) {
    throw new QuerySyntaxError(`at offset ${at}: "${text}" is not a valid ${kind.toUpperCase()} value (e.g. ${example})`);
  }
  if (year < 1900 || year > 2999) throw new QuerySyntaxError(`at offset ${at}: year ${year} is out of range (1900-2999)`);
}

/** Splits a query into tokens, as CometBFT's scanner does. Offsets are in characters. */
function tokenize(query: string): Token[] {
  const chars = [...query];
  const out: Token[] = [];
  let i = 0;
  const takeWhile = (ok: (c: string) => boolean): string => {
    const start = i;
    while (i < chars.length && ok(chars[i] as string)) i++;
    return chars.slice(start, i).join("");
  };
  while (i < chars.length) {
    const c = chars[i] as string;
    const at = i;
    if (isSpace(c)) {
      i++;
    } else if (isDigit(c)) {
      let text = takeWhile(isDigit);
      if (chars[i] === ".") {
        i++;
        text += `.${takeWhile(isDigit)}`;
      }
      out.push({ kind: "number", text, at });
    } else if (isTagStart(c)) {
      const word = takeWhile(isTagChar);
      if ((word === "TIME" || word === "DATE") && chars[i] === " ") {
        i++;
        const kind = word === "TIME" ? "time" : "date";
        const stamp = takeWhile(kind === "time" ? (ch) => isDigit(ch) || "-T:+Z".includes(ch) : (ch) => isDigit(ch) || ch === "-");
        checkStamp(kind, stamp, at);
        out.push({ kind, text: stamp, at });
      } else {
        const kind: Kind = word === "AND" ? "and" : word === "CONTAINS" ? "contains" : word === "EXISTS" ? "exists" : "tag";
        out.push({ kind, text: word, at });
      }
    } else if (c === "'") {
      i++;
      const text = takeWhile((ch) => ch !== "'");
      if (i >= chars.length) throw new QuerySyntaxError(`the string starting at offset ${at} has no closing quote`);
      i++;
      out.push({ kind: "string", text, at });
    } else if (c === "=" || c === "<" || c === ">") {
      i++;
      if (c !== "=" && chars[i] === "=") {
        i++;
        out.push({ kind: c === "<" ? "<=" : ">=", text: `${c}=`, at });
      } else {
        out.push({ kind: c, text: c, at });
      }
    } else {
      throw new QuerySyntaxError(`unexpected ${JSON.stringify(c)} at offset ${at}`);
    }
  }
  return out;
}

function parse(query: string): void {
  const tokens = tokenize(query);
  const end = [...query].length;
  let i = 0;
  const expect = (what: string, kinds: readonly Kind[]): Token => {
    const t = tokens[i];
    if (t === undefined || !kinds.includes(t.kind)) {
      throw new QuerySyntaxError(`expected ${what} at offset ${t?.at ?? end}, found ${describe(t)}`);
    }
    i++;
    return t;
  };
  for (;;) {
    const tag = expect("an event attribute such as message.sender", ["tag"]);
    const op = expect(`an operator (=, <, <=, >, >=, CONTAINS or EXISTS) after "${tag.text}"`, ["=", "<", "<=", ">", ">=", "contains", "exists"]);
    if (op.kind === "=") expect(`a quoted string, a number, DATE or TIME after "${tag.text} ="`, ["string", "number", "date", "time"]);
    else if (op.kind === "contains") expect(`a quoted string after "${tag.text} CONTAINS"`, ["string"]);
    else if (op.kind !== "exists") expect(`a number, DATE or TIME after "${tag.text} ${op.text}"`, ["number", "date", "time"]);
    if (i === tokens.length) return;
    expect("AND between conditions", ["and"]);
  }
}

/** Throws InvalidArgument (HTTP 400) if `query` is not a CometBFT event query. */
export function checkTxQuery(query: string): void {
  try {
    parse(query);
  } catch (err) {
    if (!(err instanceof QuerySyntaxError)) throw err;
    throw new QueryError(GrpcStatus.InvalidArgument, `invalid query ${JSON.stringify(query)}: ${err.message}; a query looks like message.sender='<address>' AND tx.height>=5`);
  }
}

/** Throws InvalidArgument for an event that is not "{eventType}.{eventAttribute}={value}" (SDK v0.47). */
export function checkTxEvents(events: readonly string[]): void {
  for (const event of events) {
    if (event.split("=").length - 1 !== 1) {
      throw new QueryError(GrpcStatus.InvalidArgument, `invalid event; event ${event} should be of the format: ${EVENT_FORMAT}`);
    }
  }
}
