import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";
import { constituents, createRule, dottedName, isExempted, propertyName } from "./util";

/**
 * The order of a Map, a Set or an object's keys is the order in which entries were inserted, which
 * depends on history that validators need not share (a cache filled before a restart, the order in
 * which a peer's messages arrived). State transitions must therefore iterate them in a defined order:
 * sort first (`[...m.keys()].sort(compare)`, `Object.keys(o).sort()`), or iterate a store, whose
 * keys are ordered as bytes. Type information tells a Map or Set from an array.
 *
 * Reported: `for...of`, `.forEach`, spreading, destructuring, `Array.from` and `yield*` over a Map,
 * a Set or their iterators; and Object.keys/values/entries (and getOwnPropertyNames, Reflect.ownKeys)
 * unless their result is sorted. An array made from such a source may pass through map, filter and
 * flatMap before the sort. Order-independent uses are allowed: `.length`, `.some`, `.every`,
 * `.includes`, `Math.max(...s)`, `Math.min(...s)`, and copying into a new Map or Set (whose own
 * iteration is checked where it happens).
 */
const UNORDERED_TYPES = new Set(["Map", "ReadonlyMap", "Set", "ReadonlySet", "MapIterator", "SetIterator"]);
const KEY_LISTS = new Set(["Object.keys", "Object.values", "Object.entries", "Object.getOwnPropertyNames", "Reflect.ownKeys"]);
const ORDER_PRESERVING = new Set(["map", "filter", "flatMap"]);
const SORTING = new Set(["sort", "toSorted"]);
const ORDER_INDEPENDENT = new Set(["some", "every", "includes", "length"]);
const ORDER_INDEPENDENT_CALLS = new Set(["Math.max", "Math.min"]);
const COLLECTION_CONSTRUCTORS = new Set(["Map", "Set", "WeakMap", "WeakSet"]);

export const noUnorderedIteration = createRule({
  name: "no-unordered-iteration",
  meta: {
    type: "problem",
    docs: { description: "Forbid iterating a Map, a Set or an object's keys without sorting, in state-transition code" },
    messages: {
      collection: "Iterating a {{kind}} follows insertion order, which validators need not share: sort first (`[...x].sort(compare)`). If the order cannot reach consensus state, say why in a `// deterministic: <reason>` comment on the line before.",
      keys: "{{what}}() follows the order in which the properties were added: sort the result (`{{what}}(o).sort()`) before using its order. If the order cannot reach consensus state, say why in a `// deterministic: <reason>` comment on the line before.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const seen = new Map<ts.Type, string | undefined>();

    /** "Map" / "Set" when the type is (or extends) one of them or their iterators. */
    const unorderedKind = (type: ts.Type): string | undefined => {
      if (seen.has(type)) return seen.get(type);
      seen.set(type, undefined);
      let kind: string | undefined;
      for (const t of constituents(type)) {
        const symbol = t.getSymbol() ?? t.aliasSymbol;
        const name = symbol?.getName();
        if (name !== undefined && UNORDERED_TYPES.has(name)) kind = name.replace(/^Readonly/, "").replace(/Iterator$/, "");
        else if (t.isClassOrInterface() || (t.flags & ts.TypeFlags.Object && (t as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference)) {
          const target = (t as ts.TypeReference).target ?? t;
          if (target.isClassOrInterface()) for (const base of checker.getBaseTypes(target)) kind ??= unorderedKind(base);
        }
        if (kind !== undefined) break;
      }
      seen.set(type, kind);
      return kind;
    };
    const kindOf = (node: TSESTree.Node): string | undefined => unorderedKind(services.getTypeAtLocation(node));

    /**
     * Whether an array built from an unordered source is sorted (or used only in order-independent
     * ways) before its order matters: follow `.map/.filter/.flatMap` calls up to a `.sort`.
     */
    const orderIsFixed = (array: TSESTree.Node): boolean => {
      let node: TSESTree.Node = array;
      for (;;) {
        const parent = node.parent;
        if (parent === undefined) return false;
        if (parent.type === "TSNonNullExpression" || parent.type === "TSAsExpression") {
          node = parent;
          continue;
        }
        if (parent.type === "MemberExpression" && parent.object === node) {
          const name = propertyName(parent);
          if (name === undefined) return false;
          if (ORDER_INDEPENDENT.has(name)) return true;
          const call = parent.parent;
          if (call?.type !== "CallExpression" || call.callee !== parent) return false;
          if (SORTING.has(name)) return true;
          if (!ORDER_PRESERVING.has(name)) return false;
          node = call;
          continue;
        }
        if (parent.type === "SpreadElement") {
          const call = parent.parent;
          return (call.type === "CallExpression" || call.type === "NewExpression") && ORDER_INDEPENDENT_CALLS.has(dottedName(call.callee) ?? "");
        }
        if ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
          const callee = dottedName(parent.callee) ?? "";
          return (parent.type === "NewExpression" && COLLECTION_CONSTRUCTORS.has(callee)) || callee === "Object.fromEntries";
        }
        return false;
      }
    };

    const reportCollection = (node: TSESTree.Node, kind: string): void => {
      if (!isExempted(context, node)) context.report({ node, messageId: "collection", data: { kind } });
    };

    return {
      ForOfStatement(node) {
        const kind = kindOf(node.right);
        if (kind !== undefined) reportCollection(node.right, kind);
      },
      YieldExpression(node) {
        if (!node.delegate || node.argument === null) return;
        const kind = kindOf(node.argument);
        if (kind !== undefined) reportCollection(node.argument, kind);
      },
      SpreadElement(node) {
        const kind = kindOf(node.argument);
        if (kind === undefined) return;
        const holder = node.parent;
        if (holder.type === "ArrayExpression" && orderIsFixed(holder)) return;
        if ((holder.type === "CallExpression" || holder.type === "NewExpression") && ORDER_INDEPENDENT_CALLS.has(dottedName(holder.callee) ?? "")) return;
        reportCollection(node.argument, kind);
      },
      VariableDeclarator(node) {
        if (node.id.type !== "ArrayPattern" || node.init === null) return;
        const kind = kindOf(node.init);
        if (kind !== undefined) reportCollection(node.init, kind);
      },
      CallExpression(node) {
        const name = dottedName(node.callee);
        if (name === "Array.from") {
          const source = node.arguments[0];
          const kind = source === undefined ? undefined : kindOf(source);
          if (source !== undefined && kind !== undefined && !orderIsFixed(node)) reportCollection(source, kind);
          return;
        }
        if (name !== undefined && KEY_LISTS.has(name)) {
          if (!orderIsFixed(node) && !isExempted(context, node)) context.report({ node, messageId: "keys", data: { what: name } });
          return;
        }
        if (node.callee.type === "MemberExpression" && propertyName(node.callee) === "forEach") {
          const kind = kindOf(node.callee.object);
          if (kind !== undefined) reportCollection(node.callee.object, kind);
        }
      },
    };
  },
});
