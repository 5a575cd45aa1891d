" scen scenario files
autocmd BufRead,BufNewFile *.scen setfiletype scen
