/**
 * The AMD SMI meter's implementation: the JNA binding, GPU discovery, {@code ROCR_VISIBLE_DEVICES} /
 * {@code HIP_VISIBLE_DEVICES} selection and the channel readers. Not exported; not for public use.
 */
@NullMarked
package dev.ergon.meter.amdsmi.internal;

import org.jspecify.annotations.NullMarked;
