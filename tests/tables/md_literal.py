# tests/tables/md_literal.py HTML TEXT...: HTML is what pandoc made of scen's Markdown
# (`pandoc -f markdown|gfm|commonmark -t html`); each TEXT must be, character for
# character, the whole text of one heading or table cell of it (a string value's
# quotes, which Pandoc may curl, aside): the Markdown's escapes gave back the text
# itself, no markup read into it. Prints what is missing and exits 1.
import sys
from html.parser import HTMLParser


class Texts(HTMLParser):
    WANTED = {"h1", "h2", "h3", "td", "th"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.depth, self.cur = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.WANTED:
            self.depth, self.cur = 1, []
        elif self.depth:
            self.cur.append("<%s>" % tag)   # markup read into the text: never equal

    def handle_endtag(self, tag):
        if tag in self.WANTED and self.depth:
            self.texts.append(" ".join("".join(self.cur).split()))
            self.depth = 0
        elif self.depth:
            self.cur.append("</%s>" % tag)

    def handle_data(self, data):
        if self.depth:
            self.cur.append(data)


p = Texts()
p.feed(open(sys.argv[1], encoding="utf-8").read())
found = {t.strip("\"“”") for t in p.texts}
missing = [t for t in sys.argv[2:] if t not in found]
for t in missing:
    print("%s: no heading or cell reads %r; they read:" % (sys.argv[1], t))
    for f in sorted(found):
        print("    %r" % f)
sys.exit(1 if missing else 0)
