/**
 * The statistics and the decomposition arithmetic behind {@link dev.ergon.compare}: Welch's t, the bootstrap BCa,
 * the LMDI-I weights, and the writers. Not exported.
 */
@NullMarked
package dev.ergon.compare.internal;

import org.jspecify.annotations.NullMarked;
