" Vim filetype plugin
" Language:	scen (conflict scenarios, *.scen)
" Comments run from `#` to the end of the line; `scen fmt` indents by 2 spaces.

if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal shiftwidth=2 softtabstop=2 expandtab
setlocal iskeyword=@,48-57,_
setlocal suffixesadd=.scen

let b:undo_ftplugin = "setlocal commentstring< comments< formatoptions< shiftwidth<"
      \ . " softtabstop< expandtab< iskeyword< suffixesadd<"
