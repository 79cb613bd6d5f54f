// The demo's paywalled page: the article text is only ever loaded for subscribers.
document.getElementById("root").textContent = "Subscribe to Tech Wire to continue reading.";
