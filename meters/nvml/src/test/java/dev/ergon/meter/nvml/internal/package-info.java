/** Unit tests of the NVML meter's internals. */
@NullMarked
package dev.ergon.meter.nvml.internal;

import org.jspecify.annotations.NullMarked;
