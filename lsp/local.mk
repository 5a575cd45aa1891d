# lsp/local.mk: the language server behind `scen lsp` (cli/cmd_lsp.c): JSON-RPC over
# stdio (jansson), documents and positions, diagnostics, the name index, hover,
# completion, navigation, the outline and formatting.
libscen_a_SOURCES += lsp/lsp.h lsp/lsp_int.h lsp/rpc.c lsp/text.c lsp/analyze.c \
	lsp/index.c lsp/hover.c lsp/complete.c lsp/navigate.c lsp/outline.c lsp/server.c
