import type { TSESTree } from "@typescript-eslint/utils";
import { createRule, dottedName, isExempted, isGlobal } from "./util";

/**
 * Every validator must compute the same state from the same block, so state transitions draw no
 * random numbers: not Math.random, not the crypto module's generators. Randomized tests use a seeded
 * PRNG (app/store/test-util.ts).
 */
const CRYPTO_RANDOM = new Set(["randomBytes", "randomFill", "randomFillSync", "randomInt", "randomUUID", "getRandomValues", "generateKeyPair", "generateKeyPairSync", "generateKey", "generateKeySync"]);
const CRYPTO_MODULES = new Set(["crypto", "node:crypto"]);

export const noRandomness = createRule({
  name: "no-randomness",
  meta: {
    type: "problem",
    docs: { description: "Forbid Math.random and the crypto module's random generators in state-transition code" },
    messages: {
      random: "{{what}} is random: every validator must compute the same state from the same block. If this is not consensus state, say why in a `// deterministic: <reason>` comment on the line before.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    /** An identifier bound by `import { randomBytes } from "node:crypto"` (or a namespace/default import of it). */
    const importedFromCrypto = (id: TSESTree.Identifier): string | undefined => {
      for (let scope = context.sourceCode.getScope(id) as ReturnType<typeof context.sourceCode.getScope> | null; scope !== null; scope = scope.upper) {
        const variable = scope.set.get(id.name);
        if (variable === undefined) continue;
        for (const def of variable.defs) {
          if (def.type !== "ImportBinding") continue;
          const decl = def.parent;
          if (decl.type !== "ImportDeclaration" || !CRYPTO_MODULES.has(decl.source.value)) return undefined;
          if (def.node.type === "ImportSpecifier") {
            return def.node.imported.type === "Identifier" ? def.node.imported.name : def.node.imported.value;
          }
          return "*";
        }
        return undefined;
      }
      return undefined;
    };
    const report = (node: TSESTree.Node, what: string): void => {
      if (!isExempted(context, node)) context.report({ node, messageId: "random", data: { what } });
    };
    return {
      CallExpression(node) {
        const callee = node.callee;
        const name = dottedName(callee);
        if (name === "Math.random" && callee.type === "MemberExpression" && callee.object.type === "Identifier" && isGlobal(context, callee.object)) {
          report(node, "Math.random()");
          return;
        }
        if (callee.type === "Identifier") {
          const imported = importedFromCrypto(callee);
          if (imported !== undefined && CRYPTO_RANDOM.has(imported)) report(node, `${imported}()`);
          return;
        }
        if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return;
        if (!CRYPTO_RANDOM.has(callee.property.name)) return;
        // crypto.randomBytes(), webcrypto.getRandomValues(), globalThis.crypto.randomUUID(), or a namespace import.
        let root: TSESTree.Node = callee.object;
        while (root.type === "MemberExpression") root = root.object;
        if (root.type !== "Identifier") return;
        const imported = importedFromCrypto(root);
        if (imported !== undefined || ["crypto", "webcrypto", "globalThis"].includes(root.name)) {
          report(node, `${name ?? callee.property.name}()`);
        }
      },
    };
  },
});
