// Forms with data-confirm ask before they submit (instead of an inline onsubmit, which
// the Content-Security-Policy refuses).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset?.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
