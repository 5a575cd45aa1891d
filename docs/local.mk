# docs/local.mk: the man page and the model (installed: docdir, /usr/local/share/doc/scen),
# the reference and the examples (in the tarball: the docs test reads docs/language.md and
# runs the examples of docs/model.md, the fuzzer's corpus reads the examples).
dist_man_MANS += docs/scen.1
dist_doc_DATA = docs/model.md
EXTRA_DIST += docs/language.md docs/architecture.md docs/performance.md docs/json.md docs/git.md docs/shards.md \
	docs/editors.md docs/workflows.md \
	examples/kosovo.scen examples/kenya.scen examples/darfur.scen examples/island.scen \
	examples/coercion.scen examples/tripwire.scen
