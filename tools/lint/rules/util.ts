import { ESLintUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/** Every rule of the plugin documents itself in docs/testing.md ("Lint"). */
export const createRule = ESLintUtils.RuleCreator((name) => `docs/testing.md#determinism-rules (${name})`);

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The escape hatch of the determinism rules: a `// deterministic: <reason>` comment on the line
 * before the reported code, or before the statement that holds it. The reason is required, so that
 * every exception says why it cannot change consensus state.
 */
const HATCH = /^\s*deterministic:\s*\S/;

export function isExempted(context: Context, node: TSESTree.Node): boolean {
  const lines = new Set<number>();
  for (const c of context.sourceCode.getAllComments()) {
    if (c.type === "Line" && HATCH.test(c.value)) lines.add(c.loc.end.line + 1);
  }
  if (lines.size === 0) return false;
  for (let n: TSESTree.Node | undefined = node; n !== undefined; n = n.parent) {
    if (lines.has(n.loc.start.line)) return true;
    // Stop at the statement that holds the code: a comment above its enclosing function says nothing about it.
    if (n.type.endsWith("Statement") || n.type.endsWith("Declaration") || n.type === "PropertyDefinition") break;
  }
  return false;
}

/** `a.b.c` for a chain of plain identifiers (`process.hrtime.bigint`), undefined otherwise. */
export function dottedName(node: TSESTree.Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") {
    const object = dottedName(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** The property name of `x.name` / `x["name"]`, undefined for other expressions. */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === "Identifier") return node.property.name;
  if (node.property.type === "Literal" && typeof node.property.value === "string") return node.property.value;
  return undefined;
}

/** `name(...)` or `obj.name(...)`: the method or function name a call invokes. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression") return propertyName(callee);
  return undefined;
}

/** True when `identifier` names the global binding (no import, parameter or local shadows it). */
export function isGlobal(context: Context, identifier: TSESTree.Identifier): boolean {
  for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(identifier); scope !== null; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable !== undefined) return variable.defs.length === 0;
  }
  return true;
}

/** The constituents of a union (or the type itself). */
export function constituents(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

export function isNumberType(type: ts.Type): boolean {
  return constituents(type).some((t) => (t.flags & ts.TypeFlags.NumberLike) !== 0);
}

export function isBigIntType(type: ts.Type): boolean {
  return constituents(type).some((t) => (t.flags & ts.TypeFlags.BigIntLike) !== 0);
}
