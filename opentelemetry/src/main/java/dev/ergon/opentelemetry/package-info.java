/** Ergon's figures on the OpenTelemetry metrics API: {@link dev.ergon.opentelemetry.ErgonTelemetry}. */
@NullMarked
package dev.ergon.opentelemetry;

import org.jspecify.annotations.NullMarked;
