// tests/html/layout.js: evaluated in a `scen report` page by layout.py (the page itself
// has no script, and its Content-Security-Policy allows none). Its value is what it
// finds, a line each:
//   "viewport W scroll S" (the viewport's width and the document's);
//   "wide TAG.CLASS LEFT..RIGHT": an element that reaches out of the viewport (left of
//   0 or right of W) outside a scroll container (an ancestor whose overflow-x is auto or
//   scroll: a table or a <pre> that scrolls sideways is fine);
//   "cut text 'TEXT' in svg.CLASS": a chart's text that reaches out of its <svg>, which
//   would cut it off.
//   "spills text 'TEXT' out of TAG.CLASS L..R": text wider than its element (a word
//   that does not fit its cell), or out of the viewport.
// With the printer's media, paper does not scroll: a scroll container is no excuse, and
// one whose content is wider than it is reported, "cut TAG.CLASS SHOWN of WIDTH".
(function () {
	var vw = document.documentElement.clientWidth, out = [];
	out.push("viewport " + vw + " scroll " + document.documentElement.scrollWidth);
	function scrolls(e) {
		for (var p = e.parentElement; p; p = p.parentElement) {
			var o = getComputedStyle(p).overflowX;
			if (o === "auto" || o === "scroll")
				return true;
		}
		return false;
	}
	function name(e) {
		var c = e.getAttribute("class");
		return e.tagName.toLowerCase() + (c ? "." + c.split(" ").join(".") : "");
	}
	// paper does not scroll: printed, what a scroll container hides is cut off
	var print = window.matchMedia("print").matches;
	var all = document.body.querySelectorAll("*"), wide = [];
	for (var i = 0; i < all.length; i++) {
		var e = all[i], r = e.getBoundingClientRect();
		if (r.width === 0 && r.height === 0)
			continue;
		if (e.closest("svg") && e.tagName.toLowerCase() !== "svg") {
			if (e.tagName.toLowerCase() !== "text")
				continue;
			var s = e.closest("svg").getBoundingClientRect();
			if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 ||
			    r.bottom > s.bottom + 1)
				out.push("cut text '" + e.textContent + "' in " + name(e.closest("svg")));
			continue;
		}
		if (getComputedStyle(e).clip !== "auto")
			continue;	/* hidden for the eye, kept for screen readers */
		if (print && e.scrollWidth > e.clientWidth + 1 &&
		    getComputedStyle(e).overflowX !== "visible")
			out.push("cut " + name(e) + " " + e.clientWidth + " of " + e.scrollWidth);
		if ((r.left < -0.5 || r.right > vw + 0.5) && (print || !scrolls(e))) {
			if (wide.indexOf(e.parentElement) < 0)	/* the outermost one only */
				out.push("wide " + name(e) + " " + Math.round(r.left) + ".." +
					 Math.round(r.right));
			wide.push(e);
		}
	}
	// text that spills out of its element (a word wider than its cell), outside a
	// scroll container (printed: anywhere)
	var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n;
	while ((n = walk.nextNode())) {
		var pe = n.parentElement;
		if (!n.textContent.trim() || pe.closest("svg") || pe.closest("[style], caption") ||
		    (!print && (scrolls(pe) || /auto|scroll/.test(getComputedStyle(pe).overflowX))))
			continue;
		var range = document.createRange();
		range.selectNodeContents(n);
		var t = range.getBoundingClientRect(), b = pe.getBoundingClientRect();
		if (t.width > 0 && (t.left < b.left - 1 || t.right > b.right + 1 ||
				    t.left < -0.5 || t.right > vw + 0.5))
			out.push("spills text '" + n.textContent.trim().slice(0, 40) + "' out of " +
				 name(pe) + " " + Math.round(b.left) + ".." + Math.round(b.right));
	}
	return out.join("\n");
})();
