/** Unit tests of the AMD SMI meter's internals. */
@NullMarked
package dev.ergon.meter.amdsmi.internal;

import org.jspecify.annotations.NullMarked;
