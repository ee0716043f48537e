import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { askEarly } from "./lib/overview.svelte";
import { markStartup } from "./lib/startup";

// Modules are evaluated: the page's own code starts here.
markStartup("script");
// The backend works on the first story while the page is built.
askEarly();

const target = document.getElementById("app");
if (!target) throw new Error("The page has no #app element.");

export default mount(App, { target });
