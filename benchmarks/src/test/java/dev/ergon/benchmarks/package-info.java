/** Tests of {@code dev.ergon.benchmarks}. */
@NullMarked
package dev.ergon.benchmarks;

import org.jspecify.annotations.NullMarked;
