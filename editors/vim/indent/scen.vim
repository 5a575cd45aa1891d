" Vim indent file
" Language:	scen (conflict scenarios, *.scen)
" One level (shiftwidth, 2 as `scen fmt` writes) per open `{`, `(` or `[`; a line that
" starts with a closing bracket goes back one level per bracket.

if exists("b:did_indent")
  finish
endif
let b:did_indent = 1

setlocal indentexpr=GetScenIndent(v:lnum)
setlocal indentkeys=0{,0},0),0],!^F,o,O
setlocal autoindent nosmartindent nocindent

let b:undo_indent = "setlocal indentexpr< indentkeys< autoindent< smartindent< cindent<"

if exists("*GetScenIndent")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" The line without its strings and its comment.
function! s:Code(lnum) abort
  let l = substitute(getline(a:lnum), '"\%([^"\\]\|\\.\)*"\=', '""', 'g')
  return substitute(l, '#.*$', '', '')
endfunction

function! s:Count(s, pat) abort
  return len(split(a:s, a:pat, 1)) - 1
endfunction

function! GetScenIndent(lnum) abort
  let prev = prevnonblank(a:lnum - 1)
  if prev == 0
    return 0
  endif
  let p = s:Code(prev)
  let opens = s:Count(p, '[{([]')
  let closes = s:Count(p, '[})\]]')
  " the closers that start the previous line were already taken off its own indent
  let lead = s:Count(matchstr(p, '^\s*\%([})\]]\s*\)*'), '[})\]]')
  let ind = indent(prev) + shiftwidth() * (opens - closes + lead)
  let cur = s:Code(a:lnum)
  let ind -= shiftwidth() * s:Count(matchstr(cur, '^\s*\%([})\]]\s*\)*'), '[})\]]')
  return ind < 0 ? 0 : ind
endfunction

let &cpo = s:cpo_save
unlet s:cpo_save
