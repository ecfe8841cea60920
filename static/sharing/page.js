// What the client gallery's scripts (client.js, marks.js, sets.js) share: the state the
// server wrote into the page, read once, and the toast line at the top. Reading it draws
// the tiles the server left out (grid.js), before the other scripts look for tiles.
import { drawTiles } from "./grid.js";

const stateScript = document.getElementById("client-state");
export const state = stateScript ? JSON.parse(stateScript.textContent) : null;
if (state) drawTiles(state, document.getElementById("client")?.dataset.stateUrl);

let toastTimer;
/** Shows `message` for a moment: 2.5 s, or 6 s for an error. */
export function toast(message, kind = "info") {
  const box = document.getElementById("toast");
  box.textContent = message;
  box.className = `toast ${kind}`;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), kind === "error" ? 6000 : 2500);
}
