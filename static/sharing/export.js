// Waits for the ZIP being built off the request path, then starts the download.
const box = document.getElementById("export");
const message = document.getElementById("export-message");

async function poll(delay) {
  try {
    const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
    const data = await response.json();
    if (!response.ok || data.state === "failed") {
      message.textContent = data.error || "The download could not be prepared. Please try again later.";
      box.querySelector(".spinner").hidden = true;
      return;
    }
    if (data.state === "ready") {
      message.textContent = "Your download is starting.";
      box.querySelector(".spinner").hidden = true;
      window.location.href = data.url;
      return;
    }
  } catch {
    message.textContent = "Waiting for the connection to come back…";
  }
  setTimeout(() => poll(Math.min(delay * 1.5, 5000)), delay);
}
poll(1000);
