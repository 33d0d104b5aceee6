"""Keep the page cache honest: whatever changes a page also purges the pages that show it."""
