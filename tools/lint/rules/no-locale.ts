import { createRule, dottedName, isExempted, propertyName } from "./util";

/**
 * Locale-aware comparison and formatting depend on the ICU data and locale of the machine: keys sort
 * by bytes (compareBytes) or by code unit (`a < b`), never with localeCompare or Intl.
 */
const LOCALE_METHODS = new Set(["localeCompare", "toLocaleString", "toLocaleDateString", "toLocaleTimeString", "toLocaleUpperCase", "toLocaleLowerCase"]);

export const noLocale = createRule({
  name: "no-locale",
  meta: {
    type: "problem",
    docs: { description: "Forbid locale-dependent comparison and formatting (localeCompare, toLocale*, Intl) in state-transition code" },
    messages: {
      locale: "{{what}} depends on the machine's locale and ICU data: compare by code unit or bytes. If this is not consensus state, say why in a `// deterministic: <reason>` comment on the line before.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    return {
      MemberExpression(node) {
        const name = propertyName(node);
        let what: string | undefined;
        if (name !== undefined && LOCALE_METHODS.has(name)) what = `${name}()`;
        else if (node.object.type === "Identifier" && node.object.name === "Intl") what = dottedName(node) ?? "Intl";
        if (what !== undefined && !isExempted(context, node)) context.report({ node, messageId: "locale", data: { what } });
      },
    };
  },
});
