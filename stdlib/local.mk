# stdlib/local.mk: the .scen modules shipped with scen, installed to $(pkgdatadir)
# (prelude.scen is loaded before every file; the others are imported by name).
dist_pkgdata_DATA += stdlib/prelude.scen stdlib/tripwire.scen stdlib/beliefs.scen
