import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";

const target = document.getElementById("app");
if (!target) throw new Error("#app missing from index.html");
// The frame index.html drew while this script loaded.
target.replaceChildren();
export default mount(App, { target });
