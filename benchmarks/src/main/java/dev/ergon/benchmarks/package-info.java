/**
 * JMH benchmarks of Ergon's overhead, one idea each: the raw powercap counter read (the floor every other figure is
 * compared with), job open and close, the sampler tick, a CPU-bound workload with and without an open job, and
 * ledger appends.
 *
 * <p>Run them from the shaded jar, e.g. {@code java -jar benchmarks/target/benchmarks.jar -prof gc}, or all at once
 * with {@code benchmarks/run.sh}, which also writes the Markdown table.
 */
@NullMarked
package dev.ergon.benchmarks;

import org.jspecify.annotations.NullMarked;
