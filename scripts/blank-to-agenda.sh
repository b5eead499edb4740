#!/bin/sh
# From nothing to a conflict-free agenda, by the command line alone:
#   sh scripts/blank-to-agenda.sh OUT.lday AGENDA_DIR
# AGENDA_DIR holds venues.csv, facilitators.csv and sessions.csv (or .xlsx), with or without starts;
# tests/data/agenda is an example. Stops at the first refusal (exit 2, with the row-level report).
set -eu
out=$1
dir=$2
learningday=${LEARNINGDAY:-learningday}

$learningday new "$out" --name "AI Learning Day" --theme "From AI literacy to AI systems" \
    --start "2027-03-11 08:00" --zone Sydney --hours 24 \
    --hub London --hub Bangalore --hub "São Paulo" --hub "Tokyo@09:00-18:00"
for kind in venues facilitators sessions; do
    file=$(ls "$dir"/$kind*.csv "$dir"/$kind*.xlsx 2>/dev/null | head -n 1)
    $learningday import-agenda "$out" "$file" --kind "$kind"
done
# The planner places the drafts and mends clashes, moving as few timed sessions as it can
# (the agenda before is kept as a version: learningday snapshot list).
$learningday plan "$out" --keep-times --time-limit 20
$learningday check "$out"
