# docs/local.mk: the man page (installed), the reference and the examples (in the
# tarball: the docs test reads docs/language.md, the fuzzer's corpus the examples).
dist_man_MANS += docs/scen.1
EXTRA_DIST += docs/language.md docs/architecture.md docs/json.md docs/git.md docs/shards.md \
	examples/kosovo.scen examples/kenya.scen examples/darfur.scen examples/island.scen
