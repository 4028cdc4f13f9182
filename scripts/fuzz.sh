#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer): each target of fuzz/ for a fixed budget.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      (default: 60 seconds each, every target)
#   make fuzz FUZZ_SECONDS=300
#
# Targets (fuzz/fuzz_targets/): `load` (raw bytes as two documents), `load_structured` (a small
# document model rendered to JSON, then every question asked), `edits` (a loaded document and a
# sequence of edits and previews), `snapshot` (bytes through `Engine::from_snapshot`, some with
# their checksum forged right). Each starts from the committed corpus fuzz/corpus/TARGET and
# seeds built from www/data, tests/fixtures and tests/corpus/load (fuzz/seeds.mjs). Then
# fuzz/corpus/TARGET is replaced by the smallest set of inputs covering what it and the run's
# finds cover (libFuzzer -set_cover_merge=1), so the committed corpus stays small; the run's
# working corpus lives in fuzz/corpus-work/ (ignored) until then.
# A crash, a panic (an overflow included), an out-of-memory or a unit slower than FUZZ_TIMEOUT seconds is
# written to fuzz/artifacts/TARGET/ and reported in the summary.
#
# Not part of `make test`: it runs for minutes. With the nightly toolchain (`cargo +nightly`) it
# uses cargo-fuzz (installed when missing); with the stable toolchain alone it builds the same
# libFuzzer binaries itself (below). Exit status 1 when anything was found.
set -uo pipefail

cd "$(dirname "$0")/.."
budget="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load load_structured edits snapshot)
timeout_s="${FUZZ_TIMEOUT:-10}"

work=fuzz/corpus-work
mkdir -p "$work"
node fuzz/seeds.mjs "$work/seeds" >/dev/null || exit 2
# Optimized, with debug assertions and overflow checks (cargo-fuzz's default), without
# AddressSanitizer: the core is safe Rust (#![forbid(unsafe_code)]), and ASan's bookkeeping cost
# two thirds of the executions. FUZZ_SANITIZER=address brings it back (cargo-fuzz only).
san="${FUZZ_SANITIZER:-none}"

# With a nightly toolchain and cargo-fuzz, cargo-fuzz builds and runs the targets. Without them
# (a stable toolchain only), the targets are built with the same coverage instrumentation that
# cargo-fuzz asks of rustc with `-s none`, all of it stable options, and the libFuzzer binaries
# are run directly: the same fuzzer, the same corpus, no sanitizer.
if cargo +nightly --version >/dev/null 2>&1 && { cargo +nightly fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked; }; then
  runner="cargo-fuzz ($(cargo +nightly fuzz --version 2>/dev/null))"
  cargo +nightly fuzz build -s "$san" >/dev/null 2>&1 || { cargo +nightly fuzz build -s "$san"; exit 2; }
  fuzz_run() { local t=$1; shift; cargo +nightly fuzz run -s "$san" "$t" "$@"; }
else
  [ "$san" = none ] || { echo "fuzz: FUZZ_SANITIZER=$san needs cargo +nightly and cargo-fuzz" >&2; exit 2; }
  host=$(rustc -vV | sed -n 's/^host: //p')
  runner="libFuzzer on stable ($(rustc --version), $host, no sanitizer)"
  export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
  # An explicit --target keeps RUSTFLAGS off the build scripts and proc macros.
  (cd fuzz && cargo build --release --bins --target "$host" --target-dir target-stable) || exit 2
  # cargo-fuzz's `--` between the corpora and libFuzzer's flags is not libFuzzer's own.
  fuzz_run() {
    local t=$1 a args=()
    shift
    for a in "$@"; do [ "$a" = -- ] || args+=("$a"); done
    "fuzz/target-stable/$host/release/$t" "${args[@]}"
  }
fi

# The longest input the fuzzer makes: raw documents may be larger than structured input.
max_len() {
  case "$1" in
    load) echo 262144 ;;
    *) echo 8192 ;;
  esac
}

summary=()
found=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  before=$(ls "fuzz/artifacts/$t" | wc -l)
  log="$work/$t.log"
  echo "fuzz: $t for ${budget}s ..." >&2
  fuzz_run "$t" "$work/$t" "fuzz/corpus/$t" "$work/seeds/$t" -- \
    -max_total_time="$budget" -max_len="$(max_len "$t")" -timeout="$timeout_s" -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  status=$?
  # The committed corpus becomes the smallest set of inputs (greedy set cover) that covers what
  # it and this run's finds cover; the run's working corpus is then emptied.
  rm -rf "$work/$t.min" && mkdir -p "$work/$t.min"
  if fuzz_run "$t" "$work/$t.min" "fuzz/corpus/$t" "$work/$t" -- -set_cover_merge=1 \
      -max_len="$(max_len "$t")" -timeout="$timeout_s" -rss_limit_mb=4096 >>"$log" 2>&1; then
    rm -rf "fuzz/corpus/$t" && mv "$work/$t.min" "fuzz/corpus/$t" && rm -rf "$work/$t" && mkdir -p "$work/$t"
  fi
  # Mutations of the 147 KB sample pair are as large as it; they come back from the seeds on
  # every run, so the committed corpus keeps only inputs under 32 KB.
  find "fuzz/corpus/$t" -type f -size +32k -delete
  execs=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
  cov=$( (grep -h -E '(DONE|pulse|NEW) +cov:' "$log" || true) | tail -1 | grep -o 'cov: [0-9]*' | awk '{print $2}')
  after=$(ls "fuzz/artifacts/$t" | wc -l)
  new=$((after - before))
  files=$(ls "fuzz/corpus/$t" | wc -l)
  size=$(du -sh "fuzz/corpus/$t" | cut -f1)
  if [ "$new" -gt 0 ] || { [ "$status" -ne 0 ] && ! grep -q 'Done [0-9]* runs' "$log"; }; then
    found=1
    verdict="FOUND $new (see $log and fuzz/artifacts/$t/)"
    grep -h -m3 -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | sed 's/^/    /' >&2
  else
    verdict="nothing found"
  fi
  summary+=("$(printf '%-16s %6ss %12s execs  cov %6s  corpus %4s files %6s  %s' "$t" "$budget" "$execs" "${cov:-?}" "$files" "$size" "$verdict")")
done

echo
echo "fuzz summary ($(date -u +%Y-%m-%dT%H:%MZ), $runner):"
printf '  %s\n' "${summary[@]}"
exit "$found"
