// When each step of start-up happened, so a benchmark can say where the time to the first
// story goes (scripts/bench prints the breakdown). Nothing is sent unless the backend asks for
// a ready mark; the marks are times only, never content.

/** Unix milliseconds of each step, in the order they happened. */
const marks: [string, number][] = [];

/** Notes that `step` happened now; only the first of each name counts. */
export function markStartup(step: string): void {
  if (marks.some(([name]) => name === step)) return;
  marks.push([step, performance.timeOrigin + performance.now()]);
}

/** The marks so far, with the page's own start (navigation) first. */
export function startupMarks(): [string, number][] {
  return [["navigation", performance.timeOrigin], ...marks];
}
