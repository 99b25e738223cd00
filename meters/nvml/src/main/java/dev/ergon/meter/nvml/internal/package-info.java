/**
 * The NVML meter's implementation: the JNA binding, GPU discovery, {@code CUDA_VISIBLE_DEVICES} selection and the
 * channel readers. Not exported; not for public use.
 */
@NullMarked
package dev.ergon.meter.nvml.internal;

import org.jspecify.annotations.NullMarked;
