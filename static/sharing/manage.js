// Copy buttons (share links, Lightroom file names) on the sharing pages. Forms with
// data-confirm ask through js/confirm.js, which every page loads (base.html).
async function copyText(text, button) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    // Without clipboard access (plain http, old browsers) select the text for Ctrl+C.
    const field = button.parentElement.querySelector("input, textarea");
    field?.select();
    button.textContent = "Press Ctrl+C";
  }
  setTimeout(() => (button.textContent = label), 2000);
}

for (const button of document.querySelectorAll(".copy-button")) {
  button.addEventListener("click", () => {
    const text = button.dataset.copy ?? document.getElementById(button.dataset.copyFrom).value;
    copyText(text, button);
  });
}
