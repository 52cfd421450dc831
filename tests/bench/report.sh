#!/bin/sh
# Turn the benchmark's CSV files into report.md and bench.png.
# usage: report.sh RESULTS_DIR KERNEL_RELEASE
# RESULTS_DIR holds icount.csv and tcg.csv, lines "config,call,rep,ns".
set -eu
res=${1:?usage: report.sh RESULTS_DIR KERNEL_RELEASE}
kver=${2:?usage: report.sh RESULTS_DIR KERNEL_RELEASE}

# median, min and max of every config,call: "config,call,median,min,max,n"
stats() {
	sort -t, -k1,1 -k2,2 -k4,4g "$1" | awk -F, '
	function flush() {
		if (n == 0) return
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		printf "%s,%s,%.1f,%.1f,%.1f,%d\n", key1, key2, m, v[1], v[n], n
	}
	{ if ($1 != key1 || $2 != key2) { flush(); key1 = $1; key2 = $2; n = 0 }
	  v[++n] = $4 }
	END { flush() }'
}
stats "$res/icount.csv" >"$res/icount.stats"
stats "$res/tcg.csv" >"$res/tcg.stats"

# The configurations in the order the benchmark runs them.
order=$(cut -d, -f1 "$res/icount.csv" | awk '!seen[$0]++')

awk -F, -v kver="$kver" -v order="$order" -v date="$(date -u +%Y-%m-%d)" '
FILENAME ~ /icount/ { ic[$1 "," $2] = $3 }
FILENAME ~ /tcg/ { tm[$1 "," $2] = $3; tlo[$1 "," $2] = $4; thi[$1 "," $2] = $5; tn = $6 }
function cell(c, k,    v) {
	if (!((c "," k) in ic)) return "-"
	v = ic[c "," k]
	if (c == "none" || !(("none," k) in ic)) return sprintf("%.1f", v)
	return sprintf("%.1f (%+.1f)", v, v - ic["none," k])
}
function tcell(c, k) {
	if (!((c "," k) in tm)) return "-"
	return sprintf("%.0f [%.0f-%.0f]", tm[c "," k], tlo[c "," k], thi[c "," k])
}
# The per-call table of one run: every configuration but the launches.
function table(run,    i, j) {
	print "| configuration | getppid | read 1 byte | openat+close | stat |"
	print "|---|---|---|---|---|"
	for (i = 1; i <= n; i++) {
		if (cfg[i] ~ /^(exec|exec-confined|svrun-kmod|svrun-seccomp)$|^(nginx|apache2)/) continue
		printf "| %s |", cfg[i]
		for (j = 1; j <= 4; j++)
			printf " %s |", run == "icount" ? cell(cfg[i], calls[j]) : tcell(cfg[i], calls[j])
		print ""
	}
}
function extra(c) { return ic[c ",getppid"] - ic["none,getppid"] }
function verdict(ok) { return ok ? "**met**" : "**missed**" }
END {
	n = split(order, cfg, "\n")
	split("getppid read openat+close stat", calls, " ")
	print "# sysvec benchmark"
	print ""
	printf "Debian %s under qemu TCG, one CPU, %s. `make bench` (tests/bench/) writes this file.\n", kver, date
	print ""
	print "## Cost per call: guest instructions (qemu -icount shift=0)"
	print ""
	print "Exact instruction counts, each with the extra over `none` in brackets. The loop and the"
	print "timer are included in every figure alike."
	print ""
	table("icount")
	print ""
	print "## Cost per call: wall-clock nanoseconds (plain TCG)"
	print ""
	printf "Median [min-max] of %d interleaved repetitions (`none`: one, before the modules are loaded).\n", tn
	print "TCG translates guest code, so these are ratios between configurations, not real times."
	print ""
	table("tcg")
	print ""
	print "## Launching /bin/true, per launch (fork, exec, wait)"
	print ""
	print "| how | thousands of instructions (icount) | wall-clock microseconds (TCG), median [min-max] |"
	print "|---|---|---|"
	split("exec exec-confined svrun-kmod svrun-seccomp", l, " ")
	split("plain exec|exec from a process confined by a vector|svrun -b kmod -p bench-exec|svrun -b seccomp -p bench-exec", what, "|")
	for (i = 1; i <= 4; i++)
		printf "| %s | %.0f | %.0f [%.0f-%.0f] |\n", what[i], ic[l[i] ",launch"] / 1000,
			tm[l[i] ",launch"] / 1000, tlo[l[i] ",launch"] / 1000, thi[l[i] ",launch"] / 1000
	print ""
	print "## Web servers: requests per second"
	print ""
	print "Debian'"'"'s nginx and apache2 (tests/vm/httpd/) answering sequential GETs of a small page from a"
	print "client on the same CPU; in brackets the share of the unconfined server'"'"'s rate."
	print ""
	print "| server | how | icount (guest time) | TCG wall clock, median [min-max] |"
	print "|---|---|---|---|"
	split("nginx apache2", srv, " ")
	split("unconfined|svrun -b kmod -p httpd|svrun -b seccomp --allow-degraded -p httpd", hw, "|")
	split("|-svrun-kmod|-svrun-seccomp", suf, "|")
	for (i = 1; i <= 2; i++)
		for (j = 1; j <= 3; j++) {
			k = srv[i] suf[j] ",request"
			b = srv[i] ",request"
			if (!(k in ic)) continue
			printf "| %s | %s | %.0f (%.1f%%) | %.0f [%.0f-%.0f] (%.1f%%) |\n", srv[i], hw[j],
				1e9 / ic[k], 100 * ic[b] / ic[k], 1e9 / tm[k], 1e9 / thi[k], 1e9 / tlo[k],
				100 * tm[b] / tm[k]
		}
	print ""
	print "## Targets (getppid, instructions)"
	print ""
	d = ic["loaded,getppid"] - ic["none,getppid"]
	printf "- Nothing confined: %.1f against %.1f with no module (%+.1f): %s.\n",
		ic["loaded,getppid"], ic["none,getppid"], d, verdict(d <= 0.001 * ic["none,getppid"])
	d = ic["other-confined,getppid"] - ic["empty-probe,getppid"]
	printf "- Another process confined: %+.1f over an empty sys_enter probe (the tracepoint slow path itself, %+.1f over none); target +10: %s%s.\n",
		d, extra("empty-probe"), verdict(d <= 10), (d > 10 ? sprintf(", by %.1f", d - 10) : "")
	if (d > 10)
		print "  Why: modules get no slot in task_struct, so the probe finds out that a thread has no sysvec state by hashing its task pointer and loading a bucket of the task map; it also tests whether monitors or new syscalls exist."
	split("1 300-first 300-middle 300-last", p, " ")
	for (i = 1; i <= 4; i++) {
		r = extra("sysvec-" p[i]) / extra("seccomp-" p[i])
		printf "- Confined and allowed, %s rule%s: %+.1f against seccomp'"'"'s %+.1f (%s), ratio %.2f; target 0.70: %s%s.\n",
			p[i], p[i] == "1" ? "" : "s", extra("sysvec-" p[i]), extra("seccomp-" p[i]),
			"libsysvec backend", r, verdict(r <= 0.7),
			(r > 0.7 ? sprintf(", by %.0f instructions", extra("sysvec-" p[i]) - 0.7 * extra("seccomp-" p[i])) : "")
	}
	if (extra("sysvec-300-last") > 0.7 * extra("seccomp-300-last"))
		printf "  Why: seccomp answers an allowed call from its per-syscall bitmap cache, whatever the number of rules. sysvec pays the tracepoint slow path first (%+.1f for an empty probe), which leaves %.1f instructions for the probe to stay under 0.70; it takes %.1f: the task lookup, the ABI tests, the Spectre-safe table load, and the checks for path copies, skipped calls and new syscalls.\n",
			extra("empty-probe"), 0.7 * extra("seccomp-300-last") - extra("empty-probe"),
			extra("sysvec-300-last") - extra("empty-probe")
	d = (extra("sysvec-300-last") - extra("sysvec-1")) / extra("sysvec-1")
	printf "- 1 and 300 rules alike: %+.1f and %+.1f (%.1f%%): %s.\n", extra("sysvec-1"),
		extra("sysvec-300-last"), 100 * d, verdict(d <= 0.02 && d >= -0.02)
	printf "- Denied: %.1f against seccomp'"'"'s errno path %.1f: %s.\n", ic["sysvec-deny,getppid"],
		ic["seccomp-deny,getppid"], verdict(ic["sysvec-deny,getppid"] <= ic["seccomp-deny,getppid"])
	if ("nginx-svrun-kmod,request" in ic) {
		r = ic["nginx,request"] / ic["nginx-svrun-kmod,request"]
		printf "- nginx under `svrun -p httpd`: %.1f%% of the unconfined rate (icount); target 95%%: %s.\n",
			100 * r, verdict(r >= 0.95)
	}
	printf "- Logged: %.1f against seccomp'"'"'s SCMP_ACT_LOG %.1f (sysvec writes audit_burst records per interval and counts the rest; seccomp logs every call).\n",
		ic["sysvec-log,getppid"], ic["seccomp-log,getppid"]
}' "$res/icount.stats" "$res/tcg.stats" >"$res/report.md"

# The plot: extra instructions of getppid over "none", per configuration.
awk -F, '$2 == "getppid" { v[$1] = $3 }
	END { for (c in v) if (c != "none" && c != "seccomp-log" && c != "sysvec-log")
		printf "%s %.1f\n", c, v[c] - v["none"] }' "$res/icount.stats" | sort -k2,2g >"$res/plot.dat"
if command -v gnuplot >/dev/null; then
	gnuplot <<GP
set terminal pngcairo size 1000,560 noenhanced
set output "$res/bench.png"
set title "getppid: guest instructions over no module (qemu -icount shift=0, $kver)"
set style data histograms
set style fill solid 0.8
set boxwidth 0.8
set xtics rotate by -40 scale 0
set ylabel "extra instructions per call"
set grid ytics
unset key
plot "$res/plot.dat" using 2:xtic(1) linecolor rgb "#3b6ea5"
GP
else
	echo "report.sh: gnuplot is missing (scripts/install-deps.sh --bench); no plot" >&2
fi
rm -f "$res/icount.stats" "$res/tcg.stats" "$res/plot.dat"
