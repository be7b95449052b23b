/** Unit tests sit beside the code; end-to-end tests live in test/. */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testMatch: ["<rootDir>/{app,x,cmd,proto,test}/**/*.test.ts"],
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 120000,
};
