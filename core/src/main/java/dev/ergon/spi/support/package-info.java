/**
 * Building blocks for meter implementations: integrating power readings into energy exactly
 * ({@link dev.ergon.spi.support.PowerIntegrator}) and telling cheaply whether the dynamic linker could find a native
 * library ({@link dev.ergon.spi.support.LinkerSearch}). Used by the NVML and AMD SMI meters; open to other meters.
 */
@NullMarked
package dev.ergon.spi.support;

import org.jspecify.annotations.NullMarked;
