/** Tests of the energy profiler of {@code ergon-jmh}, run on a tiny benchmark with the constant-power fixture. */
@NullMarked
package dev.ergon.benchmarks.profiler;

import org.jspecify.annotations.NullMarked;
