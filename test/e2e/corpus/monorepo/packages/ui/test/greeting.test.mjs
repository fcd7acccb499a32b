import { test } from "node:test";
import assert from "node:assert/strict";
import { greeting } from "../dist/greeting.js";

test("greeting", () => {
  assert.equal(greeting("web"), "Hello, web!");
});
