import { createRule, isExempted } from "./util";

/**
 * `for...in` walks inherited enumerable keys too, in an order that depends on how the object was
 * built; consensus code iterates sorted keys or typed collections instead.
 */
export const noForIn = createRule({
  name: "no-for-in",
  meta: {
    type: "problem",
    docs: { description: "Forbid for...in in state-transition code" },
    messages: {
      forIn: "for...in visits inherited keys in construction order: iterate `Object.keys(x).sort()` or a typed collection. If order cannot matter here, say why in a `// deterministic: <reason>` comment on the line before.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    return {
      ForInStatement(node) {
        if (!isExempted(context, node)) context.report({ node, messageId: "forIn" });
      },
    };
  },
});
