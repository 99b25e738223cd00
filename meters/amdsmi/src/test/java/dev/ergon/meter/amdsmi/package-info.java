/** Tests of the AMD SMI meter through the real JNA binding against the fake libamd_smi.so. */
@NullMarked
package dev.ergon.meter.amdsmi;

import org.jspecify.annotations.NullMarked;
