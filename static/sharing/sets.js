// The client's sets bar: shows one set of the gallery at a time. The address keeps the
// choice (#set-<id>), so a reload or a shared address opens the same set.
import { state } from "./page.js";

const bar = document.getElementById("sets-bar");
const root = document.getElementById("client");

if (bar && root) {
  const setOf = new Map(state.photos.map((photo) => [photo.id, photo.set ?? ""]));
  const links = [...bar.querySelectorAll("a[data-set]")];
  const tiles = [...root.querySelectorAll(".shot")];
  const barTop = bar.getBoundingClientRect().top + window.scrollY;

  const linkFor = (hash) => links.find((link) => link.getAttribute("href") === hash);

  function show(link, { scroll }) {
    const chosen = link.dataset.set;
    for (const each of links) {
      if (each === link) each.setAttribute("aria-current", "true");
      else each.removeAttribute("aria-current");
    }
    for (const tile of tiles)
      tile.classList.toggle("off-set", setOf.get(tile.dataset.id) !== chosen);
    root.classList.add("sets-ready");
    link.scrollIntoView({ block: "nearest", inline: "nearest" });
    // The new set starts at its first photo: back up to the bar if the page was further down.
    if (scroll && window.scrollY > barTop) window.scrollTo({ top: barTop });
  }

  for (const link of links) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
      show(link, { scroll: true });
    });
  }
  window.addEventListener("hashchange", () => {
    const link = linkFor(window.location.hash);
    if (link) show(link, { scroll: true });
  });
  show(linkFor(window.location.hash) ?? links[0], { scroll: false });
}
