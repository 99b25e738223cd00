/** Tests of {@code dev.ergon.benchmarks.report}. */
@NullMarked
package dev.ergon.benchmarks.report;

import org.jspecify.annotations.NullMarked;
