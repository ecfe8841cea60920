// The full-screen viewer both sides use: PhotoSwipe 5 (vendored), loaded on first open,
// with the options the client's gallery chose. The client adds its favourite and comment
// buttons; the photographer's workspace adds the photo's record.

let PhotoSwipe = null;

const VIEWER_OPTIONS = {
  bgOpacity: 1,
  loop: false,
  preload: [1, 2],
  wheelToZoom: true,
  showHideAnimationType: "zoom",
  closeTitle: "Close (Esc)",
  arrowPrevTitle: "Previous (arrow left)",
  arrowNextTitle: "Next (arrow right)",
  errorMsg: "This photo could not be loaded. Close the viewer and try again.",
};

/** A PhotoSwipe instance, not yet opened (call `init()`): its dialog is named `label`,
 *  it opens at the item whose `id` is `openAt` (else the first), and it marks itself
 *  `is-ready` once the opening zoom is over. */
export async function createViewer(moduleUrl, { label, openAt, ...options }) {
  if (!PhotoSwipe) PhotoSwipe = (await import(moduleUrl)).default;
  const index = Math.max(
    0,
    options.dataSource.findIndex((item) => item.id === openAt),
  );
  const viewer = new PhotoSwipe({ ...VIEWER_OPTIONS, index, ...options });
  viewer.on("uiRegister", () => viewer.element.setAttribute("aria-label", label));
  viewer.on("openingAnimationEnd", () => viewer.element.classList.add("is-ready"));
  return viewer;
}
