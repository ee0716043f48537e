import { expect, test } from "vitest";
import { parseRecipients } from "./recipients";

test("names are split on commas, trimmed, and kept once", () => {
  expect(parseRecipients("Ana, Ben")).toEqual(["Ana", "Ben"]);
  expect(parseRecipients("  ana ,, Ben ,ANA, ")).toEqual(["ana", "Ben"]);
  expect(parseRecipients("Mary   Jane")).toEqual(["Mary Jane"]);
  expect(parseRecipients(" , ,")).toEqual([]);
  expect(parseRecipients("")).toEqual([]);
});
