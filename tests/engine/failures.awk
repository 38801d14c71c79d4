# Reprints, after a `go test -v` run of the engine tier, what each failed test printed: the
# tier's tests run in parallel, so their lines are interleaved and a failure's reason may
# stand far above the end of the log, where CI summaries look.
/^=== (RUN|CONT|NAME|PAUSE) / { current = $3; next }
/^ *--- FAIL: / { failed[$3] = 1 }
current != "" && !/^ *--- (PASS|FAIL|SKIP): / { lines[current] = lines[current] $0 "\n" }
END {
  for (name in failed) {
    if (name in lines) printf "\n=== what %s printed\n%s", name, lines[name]
  }
}
