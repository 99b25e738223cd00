/** Tests of the NVML meter through the real JNA binding against the fake libnvidia-ml.so.1. */
@NullMarked
package dev.ergon.meter.nvml;

import org.jspecify.annotations.NullMarked;
