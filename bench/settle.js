// Loaded at the end of the generated benchmark pages (bench/pages.mjs): forces the first style and
// layout while the page loads, so that work is not charged to what runs after it, and marks it.
document.body.getBoundingClientRect();
performance.mark('page:settled');
