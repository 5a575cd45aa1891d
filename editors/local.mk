# editors/local.mk: editor support, installed where the editors look for add-ons.
# vim: Debian's system vim reads $(datadir)/vim/vimfiles (with --prefix=/usr, the
# default path /usr/share/vim/vimfiles). Emacs: $(datadir)/emacs/site-lisp is on
# load-path for every Emacs (/usr/share/emacs/site-lisp, /usr/local/share/emacs/site-lisp).
vimfilesdir = $(datadir)/vim/vimfiles
vimsyntaxdir = $(vimfilesdir)/syntax
vimftdetectdir = $(vimfilesdir)/ftdetect
vimindentdir = $(vimfilesdir)/indent
vimftplugindir = $(vimfilesdir)/ftplugin
dist_vimsyntax_DATA = editors/vim/syntax/scen.vim
dist_vimftdetect_DATA = editors/vim/ftdetect/scen.vim
dist_vimindent_DATA = editors/vim/indent/scen.vim
dist_vimftplugin_DATA = editors/vim/ftplugin/scen.vim

emacssitelispdir = $(datadir)/emacs/site-lisp
dist_emacssitelisp_DATA = editors/emacs/scen-mode.el

EXTRA_DIST += editors/README.md

# The VS Code extension (editors/vscode/): the grammar, the language configuration and
# a client of `scen lsp`. `make vsix` builds scen-VERSION.vsix with @vscode/vsce, from
# a copy in vscode-build/ with its npm packages installed by `npm ci` (node and npm
# needed; nothing installed globally). tests/vscode/run.sh tests it in `make check`.
VSCODE_FILES = editors/vscode/package.json editors/vscode/package-lock.json \
	editors/vscode/extension.js editors/vscode/language-configuration.json \
	editors/vscode/syntaxes/scen.tmLanguage.json editors/vscode/README.md \
	editors/vscode/.vscodeignore editors/vscode/test/grammar.js editors/vscode/test/client.js
EXTRA_DIST += $(VSCODE_FILES)
vsix:
	@command -v npm >/dev/null 2>&1 || { echo "make vsix: node and npm are needed" >&2; exit 1; }
	rm -rf vscode-build && $(MKDIR_P) vscode-build/syntaxes
	for f in $(VSCODE_FILES); do case $$f in */test/*) ;; *) \
		cp "$(srcdir)/$$f" "vscode-build/$${f#editors/vscode/}" || exit 1;; esac; done
	cd vscode-build && npm ci --no-audit --no-fund --ignore-scripts && \
		npx --no-install vsce package --skip-license --allow-missing-repository \
		-o "../scen-$(PACKAGE_VERSION).vsix"
	rm -rf vscode-build
clean-local:
	rm -rf vscode-build tests/vscode/npm
CLEANFILES += scen-$(PACKAGE_VERSION).vsix
.PHONY: vsix
