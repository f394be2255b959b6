"""A generated nation for benchmarks and trials: `tinhgon synth --scale S --seed N`
(docs/developer/synth.md). A plain package: it has no models of its own."""
