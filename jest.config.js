/**
 * Unit tests sit beside the code; end-to-end tests live in test/.
 * Some dependencies (@noble/*, @scure/*, used by @cosmjs) ship only ES modules; Jest's CommonJS
 * runtime cannot require them on Node 20, so swc transforms them too.
 */
const esmOnly = ["@noble", "@scure", "smol-toml"];
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j|mj)s$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }] },
  // Also when npm nests them under another package (node_modules/@cosmjs/x/node_modules/@scure/...).
  transformIgnorePatterns: [`/node_modules/(?!(.*/node_modules/)?(${esmOnly.join("|")})/)`],
  testMatch: ["<rootDir>/{app,chain,x,cmd,proto,sim,test,tools}/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "mjs", "json"],
  testTimeout: 180000,
  // Every test process encodes with the fixed 64-bit varint writer, as plumed does.
  setupFiles: ["<rootDir>/app/proto-varint-fix.ts"],
};
