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
