// An empty shared library: what bare_startup opens, as arctl opens a plugin.
int arctl_bench_empty(void) { return 0; }
