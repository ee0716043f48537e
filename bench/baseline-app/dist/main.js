// Once the page has been painted (two frames after it loaded), tell the app, as Unsung's UI
// does when its first story is on screen.
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    window.__TAURI_INTERNALS__.invoke("page_shown", { navigation: performance.timeOrigin }).catch(() => {});
  }),
);
