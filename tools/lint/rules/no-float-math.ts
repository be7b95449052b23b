import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { createRule, dottedName, isExempted, isNumberType, propertyName } from "./util";

/**
 * Consensus arithmetic is integer arithmetic: amounts, shares and rates are bigint or the immutable
 * Int/Dec types over it (app/math). This rule finds where a JS float can appear in code that is
 * otherwise integer: a fractional literal, a float parse, float formatting, an inexact Math function,
 * and a `number` division that is not immediately truncated (`Math.floor(a / b)` is integer division
 * and allowed; `a / b` alone can produce a fraction).
 */
const INEXACT_MATH = new Set([
  "sqrt", "cbrt", "exp", "expm1", "log", "log1p", "log2", "log10", "pow", "hypot", "fround",
  "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
]);
/** Math functions that turn a division into integer division. */
const TRUNCATING = new Set(["Math.floor", "Math.ceil", "Math.trunc"]);
const FLOAT_FORMAT = new Set(["toFixed", "toPrecision", "toExponential"]);

export const noFloatMath = createRule({
  name: "no-float-math",
  meta: {
    type: "problem",
    docs: { description: "Forbid floating-point values and operations in state-transition code" },
    messages: {
      literal: "The fractional literal {{text}} is a float: use bigint, Int or Dec (app/math).",
      parse: "{{what}} parses a float: parse integers with BigInt(...) or decimals with Dec.fromString.",
      format: "{{what}}() formats a float: format Int/Dec values with their own toString.",
      math: "Math.{{name}} works on floats (and its result may differ between JS engines): use integer arithmetic over bigint or Dec.",
      rounding: "Math.{{name}} of anything but a division rounds a float that should not exist: use integer arithmetic over bigint or Dec.",
      division: "A division of numbers can produce a fraction: truncate it (Math.floor(a / b)) or divide bigints (Int/Dec for amounts).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const report = (node: TSESTree.Node, messageId: "literal" | "parse" | "format" | "math" | "rounding" | "division", data: Record<string, string> = {}): void => {
      if (!isExempted(context, node)) context.report({ node, messageId, data });
    };
    const isTruncated = (node: TSESTree.Node): boolean => {
      const parent = node.parent;
      return parent?.type === "CallExpression" && parent.arguments[0] === node && TRUNCATING.has(dottedName(parent.callee) ?? "");
    };
    return {
      Literal(node) {
        if (typeof node.value === "number" && !Number.isInteger(node.value)) report(node, "literal", { text: node.raw });
      },
      CallExpression(node) {
        const name = dottedName(node.callee);
        if (name === "parseFloat" || name === "Number.parseFloat") {
          report(node, "parse", { what: `${name}()` });
          return;
        }
        if (name !== undefined && name.startsWith("Math.")) {
          const fn = name.slice("Math.".length);
          if (INEXACT_MATH.has(fn)) report(node, "math", { name: fn });
          else if (fn === "round" || (TRUNCATING.has(name) && node.arguments[0]?.type !== "BinaryExpression")) report(node, "rounding", { name: fn });
          return;
        }
        if (node.callee.type === "MemberExpression") {
          const method = propertyName(node.callee);
          if (method !== undefined && FLOAT_FORMAT.has(method) && isNumberType(services.getTypeAtLocation(node.callee.object))) {
            report(node, "format", { what: method });
          }
        }
      },
      BinaryExpression(node) {
        if (node.operator !== "/" || isTruncated(node)) return;
        if (isNumberType(services.getTypeAtLocation(node))) report(node, "division");
      },
      AssignmentExpression(node) {
        if (node.operator === "/=" && isNumberType(services.getTypeAtLocation(node.left))) report(node, "division");
      },
    };
  },
});
