/**
 * The estimate meter's machinery: CPU identification, the coefficient tables, the power models, utilisation and
 * memory gauges, and the meter itself.
 *
 * <p>This package is internal and is hence not for public use.
 */
@NullMarked
package dev.ergon.meter.estimate.internal;

import org.jspecify.annotations.NullMarked;
