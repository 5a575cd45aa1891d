" Vim syntax file
" Language:	scen (conflict scenarios, *.scen)
" Maintainer:	the scen authors
"
" The reserved words below are exactly the keywords of parser/lex.l (tests/editors/run.sh
" compares them): scenKeyword, scenConditional, scenLogical, scenBoolean, scenPrivate.
" Roles, builtins, distributions and events are ordinary names that the checker gives a
" meaning (check/attrs.c, check/expr.c); they are highlighted, not reserved.

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match

" ---- reserved words (parser/lex.l) ----
syn keyword scenKeyword scenario import let fn stake actor conflict vs over sanction mediation report sweep from to
syn keyword scenConditional if then else
syn keyword scenLogical and or not
syn keyword scenBoolean true false
syn keyword scenPrivate private

" ---- names with a meaning in one place (not reserved) ----
syn keyword scenRole state rebels defender challenger population intervener mediator coercer patron
syn keyword scenBuiltin min max clamp abs sqrt exp log normal_cdf
syn keyword scenDistribution uniform normal lognormal beta triangular bernoulli choice
syn keyword scenEvent war settled provoked atrocities intervened rejects accepts provocation
syn keyword scenContextWord settlement by step

" The name an item defines: `actor kla`, `let V`, `fn f`, `stake kosovo` ...
syn match scenDefinition "\%(\<\%(actor\|stake\|let\|fn\|sanction\|mediation\)\s\+\)\@<=\h\w*"

" ---- literals ----
" 100  0.25  1e6  2.5E-3  1_800_000  25%
syn match scenNumber "\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\%([eE][+-]\=[0-9_]\+\)\=%\="
" a digit followed by letters is an error: `2nd`
syn match scenBadName "\<\d[0-9_]*\%(\.\d[0-9_]*\)\=\%([eE][+-]\=[0-9_]*\)\=\a\w*"
syn match scenEscape contained +\\["\\nt]+
syn match scenBadEscape contained +\\[^"\\nt]+
syn region scenString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ oneline contains=scenEscape,scenBadEscape

syn match scenOperator "[-+*/^<>=~]\|<=\|>=\|==\|!="

" ---- comments: `#` to the end of the line ----
syn keyword scenTodo contained TODO FIXME XXX NOTE
syn match scenComment "#.*$" contains=scenTodo,@Spell

hi def link scenKeyword      Keyword
hi def link scenConditional  Conditional
hi def link scenLogical      Operator
hi def link scenBoolean      Boolean
hi def link scenPrivate      StorageClass
hi def link scenRole         Type
hi def link scenBuiltin      Function
hi def link scenDistribution Function
hi def link scenEvent        Constant
hi def link scenContextWord  Statement
hi def link scenDefinition   Identifier
hi def link scenNumber       Number
hi def link scenBadName      Error
hi def link scenString       String
hi def link scenEscape       SpecialChar
hi def link scenBadEscape    Error
hi def link scenOperator     Operator
hi def link scenTodo         Todo
hi def link scenComment      Comment

let b:current_syntax = "scen"

let &cpo = s:cpo_save
unlet s:cpo_save
