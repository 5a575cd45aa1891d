# report/local.mk: printing results: the formats' table (report.c), the number formats
# (format.c), text (text.c, strategic.c), JSON, CSV, `scen diff`'s report, the partials
# of `scen run --shard` (partial.c), maps' grids (map.c) and the plots (plot.c, through
# gnuplot).
libscen_a_SOURCES += report/report.h report/report.c report/format.c report/measures.c report/text.c \
	report/strategic.c report/json.c report/csv.c report/table.c report/batch.c report/diff.c report/json_u64.h \
	report/partial.h report/partial.c report/plot.h report/plot.c report/flip.c report/sense.c \
	report/sense_plot.c report/map.c report/plotmap.c report/provenance.h report/provenance.c \
	report/html.c report/svg.c
