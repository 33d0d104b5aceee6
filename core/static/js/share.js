// "Salin tautan" on an article: copies the link instead of following it. Without this
// script (or without clipboard access) the link simply opens the article's address.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-copy-link]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(() => {
    const status = document.getElementById("share-status");
    if (status) status.textContent = "Tautan disalin.";
  });
});
