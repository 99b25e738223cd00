/** Tests of the estimate meter's machinery. */
@NullMarked
package dev.ergon.meter.estimate.internal;

import org.jspecify.annotations.NullMarked;
