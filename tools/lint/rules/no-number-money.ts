import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { createRule, isExempted, isNumberType, propertyName } from "./util";

/**
 * Money and stake are bigint (or Int/Dec over it): a JS number holds integers exactly only up to
 * 2^53, and 10^18-scale amounts and voting powers go past that. A declaration whose name ends in a
 * money word (amount, shares, tokens, power, coins, balance, stake, fee, reward, commission,
 * supply) must not be typed `number`, and such a value must not be converted with Number()/parseInt.
 * Names that only count or index (powerIndex, feeCount) end in another word and are not matched.
 */
const MONEY_WORDS = new Set([
  "amount", "amounts", "share", "shares", "token", "tokens", "power", "powers", "coin", "coins", "balance", "balances",
  "stake", "stakes", "fee", "fees", "reward", "rewards", "commission", "commissions", "supply", "delegation", "delegations",
]);

/** The last word of a camelCase, PascalCase or snake_case name, lower-cased: `totalVotingPower` -> `power`. */
function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").split("_").filter((w) => w !== "");
  return (words[words.length - 1] ?? "").toLowerCase();
}

export function isMoneyName(name: string): boolean {
  return MONEY_WORDS.has(lastWord(name));
}

/** The name an expression reads: `amount`, `coin.amount`, `coin["amount"]`, `coin.amount.toString()`. */
function terminalName(node: TSESTree.Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression") return propertyName(node);
  if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && propertyName(node.callee) === "toString") {
    return terminalName(node.callee.object);
  }
  if (node.type === "TSNonNullExpression" || node.type === "TSAsExpression") return terminalName(node.expression);
  return undefined;
}

const CONVERSIONS = new Set(["Number", "parseInt", "Number.parseInt"]);

export const noNumberMoney = createRule({
  name: "no-number-money",
  meta: {
    type: "problem",
    docs: { description: "Forbid the number type for amounts, shares, tokens, powers and coins" },
    messages: {
      declared: "'{{name}}' holds money or stake but is typed number, exact only to 2^53: use bigint (or Int/Dec from app/math).",
      converted: "Converting '{{name}}' to a number loses precision beyond 2^53: keep it bigint (or Int/Dec from app/math).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const check = (node: TSESTree.Node, name: string): void => {
      if (!isMoneyName(name)) return;
      if (isNumberType(services.getTypeAtLocation(node)) && !isExempted(context, node)) {
        context.report({ node, messageId: "declared", data: { name } });
      }
    };
    const checkParam = (param: TSESTree.Parameter): void => {
      if (param.type === "Identifier") check(param, param.name);
      else if (param.type === "AssignmentPattern" && param.left.type === "Identifier") check(param.left, param.left.name);
      else if (param.type === "TSParameterProperty") {
        const p = param.parameter;
        if (p.type === "Identifier") check(p, p.name);
        else if (p.type === "AssignmentPattern" && p.left.type === "Identifier") check(p.left, p.left.name);
      }
    };
    const checkFunction = (node: TSESTree.FunctionLike): void => node.params.forEach(checkParam);
    return {
      VariableDeclarator(node) {
        if (node.id.type === "Identifier") check(node.id, node.id.name);
      },
      FunctionDeclaration: checkFunction,
      FunctionExpression: checkFunction,
      ArrowFunctionExpression: checkFunction,
      TSDeclareFunction: checkFunction,
      TSEmptyBodyFunctionExpression: checkFunction,
      TSMethodSignature(node) {
        node.params.forEach(checkParam);
      },
      TSFunctionType(node) {
        node.params.forEach(checkParam);
      },
      PropertyDefinition(node) {
        if (node.key.type === "Identifier") check(node.key, node.key.name);
      },
      TSPropertySignature(node) {
        if (node.key.type === "Identifier") check(node.key, node.key.name);
      },
      CallExpression(node) {
        const callee = node.callee;
        const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" && callee.object.type === "Identifier" ? `${callee.object.name}.${propertyName(callee) ?? ""}` : undefined;
        const arg = node.arguments[0];
        if (name === undefined || !CONVERSIONS.has(name) || arg === undefined) return;
        const argName = terminalName(arg);
        if (argName !== undefined && isMoneyName(argName) && !isExempted(context, node)) {
          context.report({ node, messageId: "converted", data: { name: argName } });
        }
      },
      UnaryExpression(node) {
        if (node.operator !== "+") return;
        const argName = terminalName(node.argument);
        if (argName !== undefined && isMoneyName(argName) && !isExempted(context, node)) {
          context.report({ node, messageId: "converted", data: { name: argName } });
        }
      },
    };
  },
});
