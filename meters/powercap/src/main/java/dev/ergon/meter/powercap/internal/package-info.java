/**
 * Internals of the powercap meter: the sysfs walk, the zone selection, the channels and the meter itself.
 *
 * <p>This package is internal and is hence not for public use; it is not exported.
 */
@NullMarked
package dev.ergon.meter.powercap.internal;

import org.jspecify.annotations.NullMarked;
