/*
** map.c: a map (a sweep of two attributes, language.md "sweep") as a compact grid of
** its cells: each cell the letter of its leading outcome (the outcome with the most
** draws; on a tie the first in the report's order) and that outcome's share in tenths,
** `S7` for 70% to 80% of the draws, `S*` for all of them; with one draw, the letter
** alone, the cells a space apart. The second attribute runs across, the first up the
** side, its last row on top (as the y axis of `scen plot`'s heat map). Two columns a
** cell: a 41 × 41 map is 82 columns of cells, readable at 100; a wider one is printed
** in bands of columns.
*/
#include <math.h>
#include <string.h>

#include "report/report.h"

void map_outcomes(const struct report_result *rep, struct map_outcomes *o)
{
	memset(o, 0, sizeof *o);
	switch (rep->kind) {
	case RK_SETTLEMENT: {
		static const char letters[] = "NSBR";
		o->n = CORE_RISK + 1;
		o->draws = rep->settle.draws;
		for (unsigned v = 0; v < o->n; v++) {
			o->name[v] = core_verdict_name((enum core_verdict)v);
			o->letter[v] = letters[v];
			o->k[v] = rep->settle.verdicts[v];
		}
		break;
	}
	case RK_MEDIATION:
		*o = (struct map_outcomes){ 2, { "AGREEMENT", "NO AGREEMENT" }, "AX",
			{ rep->med.agreements, rep->med.draws - rep->med.agreements },
			rep->med.draws };
		break;
	case RK_PROVOCATION: {
		const struct game_result *g = &rep->game;
		*o = (struct map_outcomes){ 4, { "abstain", "concede", "repress", "atrocities" }, "acrx", { g->paths[0][0] + g->paths[0][1] +
			g->paths[0][2], g->paths[1][0], g->paths[1][1], g->paths[1][2] },
			g->draws };
		break;
	}
	}
}

unsigned map_leading(const struct map_outcomes *o)
{
	unsigned best = 0;
	for (unsigned i = 1; i < o->n; i++)
		if (o->k[i] > o->k[best])
			best = i;
	return best;
}

/* The map's cells are reports[i..end): rows of the first attribute, each with its
** cols cells along the second. */
static unsigned map_cols(const struct run_result *r, unsigned i, unsigned end)
{
	unsigned cols = 1;
	while (i + cols < end && r->reports[i + cols].sweep_row == r->reports[i].sweep_row)
		cols++;
	return cols;
}

static void print_cell(FILE *out, const struct report_result *rep, bool exact)
{
	struct map_outcomes o;
	map_outcomes(rep, &o);
	unsigned lead = map_leading(&o);
	if (!o.draws) {
		fputs(exact ? " " : "  ", out);
	} else if (exact) {
		fputc(o.letter[lead], out);
	} else {
		unsigned tenths = (unsigned)floor(10.0 * (double)o.k[lead] / (double)o.draws);
		fprintf(out, "%c%c", o.letter[lead], o.k[lead] == o.draws ? '*'
						      : (char)('0' + (tenths > 9 ? 9 : tenths)));
	}
}

/* "N NO THREAT, S SETTLE, ..." */
static void print_legend(FILE *out, const struct report_result *first, bool exact)
{
	struct map_outcomes o;
	map_outcomes(first, &o);
	static const char *const noun[] = { [RK_SETTLEMENT] = "verdict",
					    [RK_MEDIATION] = "outcome", [RK_PROVOCATION] = "path" };
	fprintf(out, "  each cell: the %s%s (", exact ? "" : "leading ", noun[first->kind]);
	for (unsigned v = 0; v < o.n; v++)
		fprintf(out, "%s%c %s", v ? ", " : "", o.letter[v], o.name[v]);
	fputs(")\n", out);
	if (!exact)
		fprintf(out, "  and its share of the draws in tenths (%c7: 70%% to 80%%; "
			"%c*: every draw)\n", o.letter[1], o.letter[1]);
	if (first->kind == RK_PROVOCATION)
		fputs("  (c, r, x: the state's reply after the leaders provoke)\n", out);
}

unsigned map_band_columns(unsigned cols, int cell, int fixed)
{
	int fit = (MAP_LINE - fixed) / cell;
	if (fit >= (int)cols)
		return cols;
	fit = fit > 1 ? fit : 1;
	unsigned bands = (cols + (unsigned)fit - 1) / (unsigned)fit;
	return (cols + bands - 1) / bands;
}

void map_axis(FILE *out, int lead, const char *first, const char *last, int width,
	      const char *name)
{
	int at = 2 + lead + 1;		/* where the cells start */
	int end = at + report_columns(first);
	fprintf(out, "%*s%s", at, "", first);
	if (*last) {
		int room = width - report_columns(first) - report_columns(last);
		fprintf(out, "%*s%s", room >= 1 ? room : 0, "", room >= 1 ? "" : " … ");
		fputs(last, out);
		end += (room >= 1 ? room : 3) + report_columns(last);
	}
	if (end + 2 + report_columns(name) <= MAP_LINE)
		fprintf(out, "  %s\n", name);
	else		/* on a line of its own, ending where the values end */
		fprintf(out, "\n%*s%s\n", end - report_columns(name) > at
					   ? end - report_columns(name) : at, "", name);
}

/* Columns c0 .. c1 − 1 of the grid of reports[i..) (all of them, or one band of a grid
** too wide for a line, which says which columns it holds), under them the band's
** first and last values of the second attribute. */
static void print_band(FILE *out, const struct run_result *r, unsigned i, unsigned rows,
		       unsigned cols, unsigned c0, unsigned c1, int w, bool exact)
{
	const struct report_result *first = &r->reports[i];
	char buf[40];
	fprintf(out, "  %s", first->sweep);
	if (c1 - c0 < cols)
		fprintf(out, "  (columns %u to %u of %u)", c0 + 1, c1, cols);
	fputc('\n', out);
	for (unsigned row = rows; row-- > 0;) {	/* the last row on top */
		const struct report_result *line = &r->reports[i + row * cols];
		fprintf(out, "  %*s ", w, report_num(buf, sizeof buf, line->sweep_value));
		for (unsigned c = c0; c < c1; c++) {
			if (exact && c > c0)
				fputc(' ', out);	/* a letter a cell: spaced */
			print_cell(out, &line[c], exact);
		}
		fputc('\n', out);
	}
	char lo[40], hi[40];
	report_num(lo, sizeof lo, r->reports[i + c0].sweep2_value);
	report_num(hi, sizeof hi, r->reports[i + c1 - 1].sweep2_value);
	map_axis(out, w, lo, c1 - c0 > 1 ? hi : "", 2 * (int)(c1 - c0) - (exact ? 1 : 0),
		 first->sweep2);
}

void report_map_text(FILE *out, const struct run_result *r, unsigned i, unsigned end)
{
	const struct report_result *first = &r->reports[i];
	unsigned cols = map_cols(r, i, end), rows = (end - i) / cols;
	bool exact = !r->uncertain;
	char buf[40];
	fprintf(out, "map %s × %s: %s", first->sweep, first->sweep2, first->what);
	if (first->kind == RK_SETTLEMENT)
		fprintf(out, " over %s", first->settle.stake);
	if (!exact)
		fprintf(out, " (%s draws a cell)", report_count(buf, sizeof buf,
								report_draws(first)));
	fputc('\n', out);
	print_legend(out, first, exact);
	int w = 1;
	for (unsigned k = i; k < end; k += cols) {
		int c = report_columns(report_num(buf, sizeof buf, r->reports[k].sweep_value));
		w = c > w ? c : w;
	}
	unsigned per = map_band_columns(cols, 2, 2 + w + 1);	/* a row: 2 + w + 1 + its cells */
	for (unsigned c0 = 0; c0 < cols; c0 += per)
		print_band(out, r, i, rows, cols, c0, c0 + per < cols ? c0 + per : cols, w, exact);
}
