const { test } = require("node:test");
const assert = require("node:assert/strict");
const { since } = require("../dist/index.js");

test("since", () => {
  assert.equal(since(0, 7_200_000), "2h");
});
