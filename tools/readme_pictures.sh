#!/usr/bin/env bash
# Regenerates the pictures of README.md from the built-in dataset. Run from the repository
# root after a change that alters frames; tests/readme.rs fails while the main picture is stale.
set -euo pipefail
cargo build --release --quiet
B=target/release/frontline
$B render --date 2017-01-24 -o docs/mosul-2017-01-24.svg
# The territory rule, in three crops of real frames (no title or legend: the README says what they show).
crop=(--width 640 --no-title --no-legend)
$B render --date 2016-10-30 --bbox 43.15,36.05,43.65,36.45 "${crop[@]}" -o docs/rule-neighbours.png
$B render --date 2017-01-24 --bbox 43.03,36.29,43.26,36.42 "${crop[@]}" -o docs/rule-rivers.png
$B render --date 2016-11-15 --bbox 41.6,35.85,42.65,36.55 "${crop[@]}" -o docs/rule-no-information.png
