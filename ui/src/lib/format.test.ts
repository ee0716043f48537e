import { describe, expect, test } from "vitest";
import {
  aboutDuration,
  formatDay,
  formatDuration,
  formatPercent,
  formatUptime,
  joinNames,
  periodDays,
  troubleSentence,
} from "./format";

describe("aboutDuration", () => {
  test.each([
    [0, "no time at all"],
    [20, "less than a minute"],
    [60, "about 1 minute"],
    [89, "about 1 minute"],
    [180, "about 3 minutes"],
    [42 * 60, "about 42 minutes"],
    [3600, "about an hour"],
    [95 * 60, "about 2 hours"],
    [5 * 3600, "about 5 hours"],
    [86_400, "about a day"],
    [3 * 86_400 + 3600, "about 3 days"],
  ])("%d seconds is %s", (seconds, words) => {
    expect(aboutDuration(seconds)).toBe(words);
  });
});

describe("formatDuration", () => {
  test.each([
    [0, "0 minutes"],
    [30, "less than a minute"],
    [60, "1 minute"],
    [42 * 60, "42 minutes"],
    [3600, "1 hour"],
    [3900, "1 hour 5 minutes"],
    [2 * 3600 + 60, "2 hours 1 minute"],
    [86_399, "1 day"],
    [86_400 + 3 * 3600, "1 day 3 hours"],
    [2 * 86_400, "2 days"],
  ])("%d seconds is %s", (seconds, words) => {
    expect(formatDuration(seconds)).toBe(words);
  });
});

describe("percentages", () => {
  test("two decimals by default", () => {
    expect(formatPercent(0.9997)).toBe("99.97%");
    expect(formatPercent(0.5)).toBe("50.00%");
  });
  test("binary fractions do not lose a digit", () => {
    expect(formatPercent(0.9997, 3)).toBe("99.97%");
    expect(formatPercent(0.29, 2)).toBe("29.00%");
  });
  test("trouble is never rounded away", () => {
    expect(formatPercent(0.999996, 3)).toBe("99.999%");
    expect(formatPercent(0.99999)).toBe("99.99%");
    expect(formatUptime(0.999999999)).toBe("99.999%");
  });
  test("overall uptime shows two or three decimals", () => {
    expect(formatUptime(0.99971)).toBe("99.971%");
    expect(formatUptime(0.9993)).toBe("99.93%");
    expect(formatUptime(0.98)).toBe("98.00%");
  });
  test("whole and missing values", () => {
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0.00%");
    expect(formatPercent(null)).toBe("no data");
    expect(formatPercent(Number.NaN)).toBe("no data");
  });
});

describe("what uptime means in time", () => {
  const from = "2026-11-16T00:00:00Z";
  const to = "2026-11-23T00:00:00Z";
  const later = new Date("2027-01-01T00:00:00Z");
  test("a small fraction of a week", () => {
    // 7 days * 0.0003 = about 3 minutes
    expect(troubleSentence(0.9997, from, to, later)).toBe("That is about 3 minutes of trouble in 7 days.");
  });
  test("a perfect week", () => {
    expect(troubleSentence(1, from, to, later)).toBe("Not a single minute of trouble in 7 days.");
  });
  test("a period that has not ended yet stops at now", () => {
    expect(troubleSentence(0.99, from, to, new Date("2026-11-18T00:00:00Z"))).toBe(
      "That is about 29 minutes of trouble in 2 days.",
    );
  });
  test("with the down time of every service, it says it is added together", () => {
    expect(troubleSentence(0.999, from, to, later, 42 * 60)).toBe(
      "All the trouble added together comes to about 42 minutes in 7 days.",
    );
    expect(troubleSentence(1, from, to, later, 0)).toBe("Not a single minute of trouble in 7 days.");
  });
  test("no data", () => {
    expect(troubleSentence(null, from, to, later)).toMatch(/no measurements/);
  });
  test("period length", () => {
    expect(periodDays(from, to)).toBe("7 days");
    expect(periodDays(from, "2026-11-16T05:00:00Z")).toBe("1 day");
  });
});

describe("dates and names", () => {
  test("a calendar day is short and does not shift with the time zone", () => {
    expect(formatDay("2026-11-12")).toBe("12 Nov");
    expect(formatDay("2026-01-01")).toBe("1 Jan");
    expect(formatDay("not a date")).toBe("not a date");
  });
  test("names read like a sentence", () => {
    expect(joinNames([])).toBe("");
    expect(joinNames(["Ana"])).toBe("Ana");
    expect(joinNames(["Ana", "Ben"])).toBe("Ana and Ben");
    expect(joinNames(["Ana", "Ben", "Chloé"])).toBe("Ana, Ben and Chloé");
  });
});
