// What the client gallery's scripts (client.js, marks.js, sets.js) share: the state the
// server wrote into the page, read once, and the toast line at the top. Reading it draws
// the tiles the server left out (grid.js), before the other scripts look for tiles.
import { drawTiles } from "./grid.js";

/** The state with every photo's entry whole: the server writes the entries of photos past
 *  the first screen short, leaving out what equals `state.unsigned` (no addresses, no
 *  marks, not in a set...), and each gets its own copy of those defaults here. */
function withWholeEntries(written) {
  const defaults = written.unsigned || {};
  written.photos = written.photos.map((photo) => ({ ...structuredClone(defaults), ...photo }));
  return written;
}

const stateScript = document.getElementById("client-state");
export const state = stateScript ? withWholeEntries(JSON.parse(stateScript.textContent)) : null;
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
