// Counts one view of this page: first-party, no cookie, nothing about the reader is sent.
// Readers who ask not to be tracked (Do Not Track) are not counted.
(function () {
  var script = document.currentScript;
  var page = script && script.getAttribute("data-page");
  if (!page || !navigator.sendBeacon) return;
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1") return;
  function send() {
    navigator.sendBeacon("/v/" + page);
  }
  // A page the browser prerenders is counted only if the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();
