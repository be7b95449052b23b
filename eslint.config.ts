/**
 * ESLint finds its config here, at the root; the config and its dependencies live in tools/lint,
 * a separate npm project (see docs/testing.md, "Lint"). Run it with `npm run lint`.
 */
export { default } from "./tools/lint/config";
