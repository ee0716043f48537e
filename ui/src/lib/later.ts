// What start-up leaves for later, so the first script is small and the story is drawn first
// (issue 16: start-up to the story on screen). The parts of "This week" under the story wait
// until the first view has been painted; the other views are chunks of their own, fetched when
// opened, or quietly once the first view is on screen so that opening one is instant.

let shown: () => void = () => {};
/** Settled once the first view (the story, or the welcome) has been painted. */
const firstViewShown = new Promise<void>((settle) => {
  shown = settle;
});

/** The first view is on screen: what waited for it may come now. */
export function noteFirstViewShown(): void {
  shown();
  // The views that are not open yet, fetched and compiled while the reader reads, once the
  // rest of "This week" is drawn.
  weekDetails()
    .then(() => setTimeout(() => void preload().catch(() => {}), 200))
    .catch(() => {});
}

/** Each loader asked once: every later caller shares its promise (no flash of nothing). */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

const details = once(() => import("./components/WeekDetails.svelte"));

/** Uptime, facts, services and incidents: after the story is on screen. */
export const weekDetails = once(() => firstViewShown.then(details));

/** The views other than "This week", each loaded when first opened. */
export const views = {
  welcome: once(() => import("./components/WelcomeView.svelte")),
  thanks: once(() => import("./components/ThanksView.svelte")),
  share: once(() => import("./components/ShareView.svelte")),
  settings: once(() => import("./components/SettingsView.svelte")),
  glossary: once(() => import("./components/GlossaryView.svelte")),
};

/** Every chunk fetched and compiled now (the views after start-up; tests before they begin). */
export function preload(): Promise<unknown> {
  return Promise.all([details(), ...Object.values(views).map((load) => load())]);
}
