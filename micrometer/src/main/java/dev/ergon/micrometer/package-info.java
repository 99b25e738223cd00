/** Ergon's figures as Micrometer meters: {@link dev.ergon.micrometer.ErgonMetrics}. */
@NullMarked
package dev.ergon.micrometer;

import org.jspecify.annotations.NullMarked;
