// What the client gallery's scripts (client.js, marks.js, sets.js) share: the state the
// server wrote into the page, read once, and the toast line at the top. Reading it draws
// the tiles the server left out (grid.js), before the other scripts look for tiles.
import { drawTiles } from "./grid.js";

/** A server-drawn tile's addresses: written once, in its HTML. */
function tileAddresses(tile) {
  const image = tile.querySelector("img");
  const sources = tile.querySelector("source") || image;
  return {
    thumb: image.getAttribute("src") || "",
    srcset: sources.getAttribute("srcset") || "",
    sizes: sources.getAttribute("sizes") || "",
    proof: tile.querySelector(".open").getAttribute("href") || "",
  };
}

/** The state with every photo's entry whole. The server writes each entry short, leaving
 *  out what equals `state.unsigned` (no addresses, no marks, in no set...): each gets its
 *  own copy of those, and the photos whose tiles the server drew their addresses. */
function withWholeEntries(written) {
  const defaults = written.unsigned || {};
  const tiles = document.querySelectorAll("#grid .shot");
  const drawn = new Map([...tiles].map((tile) => [tile.dataset.id, tile]));
  written.photos = written.photos.map((photo) => {
    const tile = drawn.get(photo.id);
    return { ...structuredClone(defaults), ...photo, ...(tile ? tileAddresses(tile) : {}) };
  });
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
