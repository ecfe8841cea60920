// Waits for the ZIP being built off the request path, then starts the download.
import { request } from "../js/request.js";

const box = document.getElementById("export");
const message = document.getElementById("export-message");

function stop(text) {
  message.textContent = text;
  box.querySelector(".spinner").hidden = true;
}

async function poll(delay) {
  try {
    const data = await request(box.dataset.statusUrl);
    if (data.state === "failed") {
      stop(data.error || "The download could not be prepared. Please try again later.");
      return;
    }
    if (data.state === "ready") {
      stop("Your download is starting.");
      window.location.href = data.url;
      return;
    }
  } catch (error) {
    if (error.status) {
      stop(error.message); // the server's answer: the link closed, the photos went away
      return;
    }
    message.textContent = "Waiting for the connection to come back…";
  }
  setTimeout(() => poll(Math.min(delay * 1.5, 5000)), delay);
}
poll(1000);
