import type { TSESTree } from "@typescript-eslint/utils";
import { createRule, dottedName, isExempted, isGlobal } from "./util";

/**
 * State transitions read time from the block header (ctx.blockTime), never from the machine: two
 * validators executing the same block at different moments must write the same state. Formatting or
 * parsing a given instant (`new Date(ms).toISOString()`, `Date.parse(s)`, `Date.UTC(...)`) is fine.
 */
const CLOCK_CALLS = new Set(["Date.now", "performance.now", "process.hrtime", "process.hrtime.bigint", "process.uptime"]);

export const noWallClock = createRule({
  name: "no-wall-clock",
  meta: {
    type: "problem",
    docs: { description: "Forbid reading the machine clock (Date.now, new Date(), performance.now, process.hrtime) in state-transition code" },
    messages: {
      clock: "{{what}} reads the machine clock: state transitions use the block time from the header (ctx.blockTime). If this is not consensus state, say why in a `// deterministic: <reason>` comment on the line before.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const report = (node: TSESTree.Node, what: string): void => {
      if (!isExempted(context, node)) context.report({ node, messageId: "clock", data: { what } });
    };
    const rootIsGlobal = (node: TSESTree.Node): boolean => {
      let n = node;
      while (n.type === "MemberExpression") n = n.object;
      return n.type === "Identifier" && (n.name === "performance" || isGlobal(context, n));
    };
    return {
      CallExpression(node) {
        const name = dottedName(node.callee);
        if (name === undefined) return;
        if (CLOCK_CALLS.has(name) && rootIsGlobal(node.callee)) report(node, `${name}()`);
        // Date() called as a function returns the current time as a string.
        else if (name === "Date" && node.callee.type === "Identifier" && isGlobal(context, node.callee)) report(node, "Date()");
      },
      NewExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "Date" && node.arguments.length === 0 && isGlobal(context, node.callee)) {
          report(node, "new Date()");
        }
      },
      MemberExpression(node) {
        if (dottedName(node) === "performance.timeOrigin") report(node, "performance.timeOrigin");
      },
    };
  },
});
