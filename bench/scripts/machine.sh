# Sourced by the bench scripts: machine prints the line every figure in RESULTS.md is recorded
# with (CPU model, cores, memory, time, load average).
machine() {
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores," \
    "$(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC');" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
