" tests/editors/check.vim: run by tests/editors/run.sh as
"   vim -es -N -u NONE -i NONE --cmd 'set rtp^=editors/vim' -S check.vim FILE...
" For each .scen file: the file type and syntax are scen; tokens found in the file
" have the expected highlighting group; stripping every line's indentation and
" re-indenting (gg=G) gives the file back. Writes one line per failure to $SCEN_VIM_OUT
" and one line "checked N" at the end.
filetype plugin indent on
syntax on
let s:out = []
let s:n = 0
" pattern → group, checked at the first match in each file that has one
let s:probes = [
      \ ['\<actor\>', 'scenKeyword'], ['\<report\>', 'scenKeyword'],
      \ ['\<sweep\>', 'scenKeyword'], ['\<vs\>', 'scenKeyword'],
      \ ['\<private\>', 'scenPrivate'], ['\<then\>', 'scenConditional'],
      \ ['\<and\>', 'scenLogical'], ['\<true\>\|\<false\>', 'scenBoolean'],
      \ [': \zs\<rebels\>', 'scenRole'], [': \zs\<state\>', 'scenRole'],
      \ ['\<uniform\>', 'scenDistribution'], ['\<clamp\>', 'scenBuiltin'],
      \ ['when = \zs\<atrocities\>', 'scenEvent'],
      \ ['\<\d\+_\d\+\>', 'scenNumber'], ['\<\d\+%', 'scenNumber'],
      \ ['^\s*#', 'scenComment'], ['\s#', 'scenComment'],
      \ ['"[^"]*"', 'scenString'], ['\<actor \zs\h', 'scenDefinition'],
      \ ]
function! s:Group(lnum, col) abort
  return synIDattr(synID(a:lnum, a:col, 1), 'name')
endfunction
" a match inside a comment or a string that is not what the probe looks for
function! s:Elsewhere(got, want) abort
  return (a:got =~# 'Comment\|Todo' && a:want !=# 'scenComment') ||
        \ (a:got =~# 'String' && a:want !=# 'scenString')
endfunction
for s:f in argv()
  execute 'silent edit!' fnameescape(s:f)
  let s:n += 1
  if &filetype !=# 'scen' || get(b:, 'current_syntax', '') !=# 'scen'
    call add(s:out, s:f . ': filetype "' . &filetype . '", syntax "' . get(b:, 'current_syntax', '') . '"')
    continue
  endif
  if &shiftwidth != 2 || &commentstring !=# '# %s' || &indentexpr ==# ''
    call add(s:out, s:f . ': ftplugin/indent settings: sw=' . &shiftwidth . ' cms=' . &commentstring)
  endif
  syntax sync fromstart
  for [s:pat, s:want] in s:probes
    call cursor(1, 1)
    let s:pos = searchpos(s:pat, 'cW')
    " skip matches inside comments and strings (unless that is what we look for)
    while s:pos[0] > 0 && s:Elsewhere(s:Group(s:pos[0], s:pos[1]), s:want)
      let s:pos = searchpos(s:pat, 'W')
    endwhile
    if s:pos[0] == 0
      continue
    endif
    let s:col = s:pos[1] + (s:pat =~# '^\\s#' ? 1 : 0)
    let s:got = s:Group(s:pos[0], s:col)
    if s:got !=# s:want
      call add(s:out, printf('%s:%d:%d: %s is %s, not %s', s:f, s:pos[0], s:col, s:pat, s:got, s:want))
    endif
  endfor
  let s:orig = getline(1, '$')
  silent %s/^\s\+//e
  silent normal! gg=G
  let s:new = getline(1, '$')
  if s:new != s:orig
    let s:i = 0
    while s:i < len(s:orig) && s:orig[s:i] ==# s:new[s:i]
      let s:i += 1
    endwhile
    call add(s:out, printf('%s:%d: re-indented as "%s"', s:f, s:i + 1, get(s:new, s:i, '')))
  endif
  silent edit!
endfor
if v:errmsg !=# ''
  call add(s:out, 'vim error: ' . v:errmsg)
endif
call add(s:out, 'checked ' . s:n)
call writefile(s:out, $SCEN_VIM_OUT)
qa!
